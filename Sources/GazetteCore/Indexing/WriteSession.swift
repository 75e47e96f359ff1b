import Foundation

/// The writer side of one indexing run: upserts, batching, commits and the actor catalog.
struct WriteSession {
    let database: XapianDatabase
    let options: Indexer.Options
    private let builders: [DocumentBuilder]
    private var pending: [PreparedArticle] = []
    private var pendingIsReplacement: [Bool] = []
    /// Documents written or confirmed unchanged in this run.
    private var seen = Set<UInt32>()
    /// Where each id was last seen in this run, to report duplicates.
    private var idOrigins: [String: SourceLocation] = [:]
    private var processedPathTerms = Set<String>()
    private var uncommitted = 0
    private var catalog = ActorCatalogWriter()
    private var languages = Set<String>()
    /// Articles analysed together (in parallel) before being written in input order.
    private let chunkSize = 256

    init(database: XapianDatabase, options: Indexer.Options, extractor: ActorExtractor) throws {
        self.database = database
        self.options = options
        builders = try (0..<max(1, options.jobs)).map { _ in try DocumentBuilder(extractor: extractor) }
    }

    func recordSchema() throws {
        let existing = try database.metadata(Schema.Metadata.schemaVersion)
        if existing.isEmpty { try database.setMetadata(Schema.Metadata.schemaVersion, Schema.version) }
    }

    mutating func add(_ article: Article, format: InputFormat, report: inout IndexReport) throws {
        let id = DocumentBuilder.documentID(for: article)
        if let earlier = idOrigins[id] {
            report.problems.append(IngestProblem(article.origin, "duplicate id \"\(id)\" (also at \(earlier)); this later record wins", severity: .warning))
        }
        idOrigins[id] = article.origin
        if article.date == nil { report.undated += 1 }
        let hash = DocumentBuilder.contentHash(of: article, id: id, format: format)
        let existing = try database.firstDocument(withTerm: TermNames.id(id))
        if let existing, try database.value(existing, slot: Schema.Slot.contentHash) == hash {
            seen.insert(existing)
            report.unchanged += 1
            return
        }
        pending.append(PreparedArticle(article: article, id: id, format: format, contentHash: hash))
        pendingIsReplacement.append(existing != nil)
        if pending.count >= chunkSize { try flush(report: &report) }
    }

    /// Analyses the pending articles in parallel, then writes them in input order.
    mutating func flush(report: inout IndexReport) throws {
        guard !pending.isEmpty else { return }
        let built = buildInParallel(pending)
        let document = XapianDocument()
        for (index, item) in built.enumerated() {
            document.clear()
            try document.addPacked(item.terms)
            document.setData(item.data)
            if let dateKey = item.dateKey { try document.setValue(dateKey, slot: Schema.Slot.date) }
            try document.setValue(item.contentHash, slot: Schema.Slot.contentHash)
            let docid = try database.replaceDocument(uniqueTerm: TermNames.id(item.id), document)
            seen.insert(docid)
            if pendingIsReplacement[index] { report.replaced += 1 } else { report.indexed += 1 }
            for mention in item.mentions { catalog.add(mention.actor, surface: mention.surface) }
            languages.insert(item.language)
        }
        uncommitted += built.count
        pending.removeAll(keepingCapacity: true)
        pendingIsReplacement.removeAll(keepingCapacity: true)
        if uncommitted >= options.batchSize { try commit() }
    }

    private func buildInParallel(_ articles: [PreparedArticle]) -> [BuiltDocument] {
        if builders.count == 1 || articles.count < 2 { return articles.map(builders[0].build) }
        let results = UnsafeMutableBufferPointer<BuiltDocument?>.allocate(capacity: articles.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        let next = WorkCounter()
        // Each worker pulls the next unbuilt article, so long and short articles balance out.
        // Every slot of `results` is written by exactly one worker and each builder is used by
        // exactly one worker, which is what makes the unchecked boxes below safe.
        let shared = UncheckedSendable((builders, results))
        DispatchQueue.concurrentPerform(iterations: builders.count) { worker in
            let (builders, results) = shared.value
            while let index = next.take(below: articles.count) {
                results[index] = builders[worker].build(articles[index])
            }
        }
        return results.map { $0! }
    }

    mutating func commit() throws {
        try catalog.write(to: database)
        let known = Set(try database.metadata(Schema.Metadata.languages).split(separator: " ").map(String.init))
        if !languages.isSubset(of: known) {
            try database.setMetadata(Schema.Metadata.languages, known.union(languages).sorted().joined(separator: " "))
        }
        try database.commit()
        uncommitted = 0
    }

    /// After a file: flush its articles, then (unless the file had errors, in which case its old
    /// documents are kept) delete documents of records that are no longer in it.
    mutating func finishFile(_ path: String, keepUnseen: Bool, report: inout IndexReport) throws {
        let term = TermNames.path(path)
        processedPathTerms.insert(term)
        try flush(report: &report)
        guard !keepUnseen else { return }
        for docid in try database.documents(withTerm: term) where !seen.contains(docid) {
            try database.deleteDocument(docid)
            report.removed += 1
            uncommitted += 1
        }
    }

    /// Deletes documents of files under `directory` that no longer exist.
    mutating func removeVanishedFiles(under directory: String, report: inout IndexReport) throws {
        let prefix = Schema.Prefix.path + directory + (directory.hasSuffix("/") ? "" : "/")
        guard prefix.utf8.count < 200 else { return }
        let terms = try database.terms(withPrefix: prefix)
        var vanished: [String] = []
        for item in terms where !processedPathTerms.contains(item.term) { vanished.append(item.term) }
        try terms.checkCompleted()
        for term in vanished {
            for docid in try database.documents(withTerm: term) {
                try database.deleteDocument(docid)
                report.removed += 1
                uncommitted += 1
            }
        }
    }
}

/// Carries values into concurrent closures whose safety the caller argues for at the use site.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Hands out indices to worker threads.
final class WorkCounter: @unchecked Sendable {
    // Guarded by `lock`; contention is negligible at one take per article.
    private var value = 0
    private let lock = NSLock()

    func take(below limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}
