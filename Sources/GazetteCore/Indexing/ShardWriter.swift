import Foundation

/// Writes one shard: upserts by unique id, commits every `batchSize` documents together with the
/// actor catalog entries of those documents, and removes documents that disappeared. Used by one
/// thread at a time.
///
/// Each shard has a twin in the statement index holding its articles' statements. Writing an
/// article first deletes the statements stored for its id, and a commit commits the statement
/// database before the article database, so a run killed at any point never leaves a committed
/// article without its statements: statements committed ahead of an article that did not make it
/// are replaced when the next run indexes that article again.
final class ShardWriter {
    let path: String
    let database: XapianDatabase
    let statements: XapianDatabase
    private let statementDocument = XapianDocument()
    private let batchSize: Int
    /// Documents written or found unchanged in this run.
    private(set) var seen = Set<UInt32>()
    private var uncommitted = 0
    private var catalog = ActorCatalogWriter()
    private var languages = Set<String>()
    private let document = XapianDocument()
    /// The alias file's fingerprint, when one is applied while writing.
    private let aliasFingerprint: String?
    private var wroteDocuments = false
    var times = StageTimes()

    init(path: String, statementsPath: String, options: Indexer.Options) throws {
        self.path = path
        try FileManager.default.createDirectory(
            atPath: (statementsPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        statements = try IndexLock.openWriter(statementsPath, options: options)
        database = try IndexLock.openWriter(path, options: options)
        batchSize = options.batchSize
        aliasFingerprint = options.actorMap.isIdentity ? nil : options.actorMap.fingerprint
        if try database.metadata(Schema.Metadata.schemaVersion).isEmpty {
            try database.setMetadata(Schema.Metadata.schemaVersion, Schema.version)
        }
    }

    /// The document already stored under `id`, if any, and whether its content is the same
    /// (then it is kept as it is).
    func existing(id: String, contentHash: String) throws -> (docid: UInt32?, unchanged: Bool) {
        guard let docid = try database.firstDocument(withTerm: TermNames.id(id)) else { return (nil, false) }
        guard try database.value(docid, slot: Schema.Slot.contentHash) == contentHash else { return (docid, false) }
        seen.insert(docid)
        return (docid, true)
    }

    /// Writes a document, replacing `existing` when given (the id lookup was already done).
    func write(_ built: BuiltDocument, replacing existing: UInt32?) throws {
        try times.measure(.statementWrite) {
            let articleTerm = TermNames.statementArticle(built.id)
            // A term frequency lookup is cheaper than a deletion that finds nothing (the usual case).
            if try statements.termFrequency(articleTerm) > 0 { try statements.deleteDocuments(withTerm: articleTerm) }
            for statement in built.statements {
                statementDocument.clear()
                try statementDocument.addPacked(statement.terms)
                statementDocument.setData(statement.data)
                if let dateKey = statement.dateKey { try statementDocument.setValue(dateKey, slot: Schema.Slot.date) }
                _ = try statements.addDocument(statementDocument)
            }
        }
        try times.measure(.write) {
            document.clear()
            try document.addPacked(built.terms)
            document.setData(built.data)
            if let dateKey = built.dateKey { try document.setValue(dateKey, slot: Schema.Slot.date) }
            try document.setValue(built.contentHash, slot: Schema.Slot.contentHash)
            if let existing {
                try database.replaceDocument(existing, document)
                seen.insert(existing)
            } else {
                seen.insert(try database.addDocument(document))
            }
        }
        for mention in built.mentions { catalog.add(mention.actor, surface: mention.surface) }
        languages.insert(built.language)
        wroteDocuments = true
        uncommitted += 1
        if uncommitted >= batchSize { try commit() }
    }

    func commit() throws {
        try times.measure(.commit) {
            try catalog.write(to: database)
            if wroteDocuments { try keepRemapRecordHonest() }
            let known = Set(try database.metadata(Schema.Metadata.languages).split(separator: " ").map(String.init))
            if !languages.isSubset(of: known) {
                try database.setMetadata(Schema.Metadata.languages, known.union(languages).sorted().joined(separator: " "))
            }
            // Statements first: see the type's comment.
            try statements.commit()
            try database.commit()
        }
        uncommitted = 0
    }

    /// `gazette remap` records which alias file every document of the shard honours, so queries
    /// can skip applying it. New documents honour only the file applied while writing them: keep
    /// the record when that is the recorded file, otherwise clear it (queries then apply the file).
    private func keepRemapRecordHonest() throws {
        let current = try database.metadata(Schema.Metadata.actorRemap)
        let recorded = current.split(separator: "\n").map(String.init)
        let kept = aliasFingerprint.flatMap { recorded.contains($0) ? $0 : nil } ?? ""
        if kept != current { try database.setMetadata(Schema.Metadata.actorRemap, kept) }
    }

    /// Deletes this shard's documents from the file with `pathTerm` that were not seen this run.
    func removeUnseen(pathTerm: String) throws -> Int {
        var removed = 0
        for docid in try database.documents(withTerm: pathTerm) where !seen.contains(docid) {
            try deleteStatements(ofDocument: docid)
            try database.deleteDocument(docid)
            removed += 1
        }
        uncommitted += removed
        return removed
    }

    /// Deletes this shard's documents of files under `directory` that were not read this run.
    func removeVanishedFiles(under directory: String, keeping processed: Set<String>) throws -> Int {
        let prefix = Schema.Prefix.path + directory + (directory.hasSuffix("/") ? "" : "/")
        guard prefix.utf8.count < 200 else { return 0 }
        let terms = try database.terms(withPrefix: prefix)
        var vanished: [String] = []
        for item in terms where !processed.contains(item.term) { vanished.append(item.term) }
        try terms.checkCompleted()
        var removed = 0
        for term in vanished {
            for docid in try database.documents(withTerm: term) {
                try deleteStatements(ofDocument: docid)
                try database.deleteDocument(docid)
                removed += 1
            }
        }
        uncommitted += removed
        return removed
    }

    /// Deletes the statements of the article stored as `docid` (found through its id term).
    private func deleteStatements(ofDocument docid: UInt32) throws {
        let idTerms = try database.documentTerms(docid, prefix: Schema.Prefix.id)
        var found: [String] = []
        for item in idTerms { found.append(item.term) }
        try idTerms.checkCompleted()
        for term in found { try statements.deleteDocuments(withTerm: TermNames.statementArticle(idTerm: term)) }
    }
}
