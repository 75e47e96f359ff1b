import Foundation

/// What flows to a worker: raw input to parse, articles handed over by other workers (they belong
/// to this worker's shard), and control messages.
/// `sequence` orders records as the reader met them, so that when an id appears twice the later
/// record wins whichever worker gets to it first.
enum WorkItem: Sendable {
    /// One JSONL line.
    case line(bytes: [UInt8], path: String, line: Int, sequence: UInt64)
    /// A whole file to read and parse.
    case file(InputFile, sequence: UInt64)
    case article(Article, InputFormat, warnings: [IngestProblem], sequence: UInt64)
    /// No more raw input will come.
    case end
    /// Another worker finished parsing: check whether everything is done.
    case wake
}

/// State shared by the reader and the workers of one run.
final class RunState: @unchecked Sendable {
    // Every mutable member is a `Locked` value; the rest is set once before the threads start.
    let report = Locked(IndexReport())
    let progress = Locked(Indexer.Progress())
    let failure = Locked<Error?>(nil)
    /// Workers still parsing raw input (hand-offs can arrive until it reaches zero).
    let parsing: Locked<Int>
    /// Files that had read or parse errors: their earlier documents are kept.
    let filesWithErrors = Locked(Set<String>())
    var inboxes: [WorkQueue<WorkItem>] = []

    init(workers: Int) { parsing = Locked(workers) }

    var hasFailed: Bool { failure.withLock { $0 != nil } }

    func fail(_ error: Error) { failure.withLock { if $0 == nil { $0 = error } } }

    func problem(_ problem: IngestProblem) {
        if problem.severity == .error { filesWithErrors.withLock { _ = $0.insert(problem.location.path) } }
        report.withLock { $0.problems.append(problem) }
    }
}

/// One indexing thread: parses the raw input it is given, hands articles of other shards to
/// their workers, and analyses, extracts and writes the articles of its own shard.
final class IndexWorker: @unchecked Sendable {
    // Used by its own thread only, except `times`/`writer`, read after the thread has finished.
    let number: Int
    private let state: RunState
    private let layout: IndexLayout
    private let mode: Indexer.Mode
    private let statements: Bool
    private let builder: DocumentBuilder
    private let reader: JSONRecordReader
    private let source: ArticleSource
    let writer: ShardWriter?
    var times = StageTimes()
    /// Id hash -> sequence of the record indexed under it in this run (to settle duplicates).
    private var sequences: [UInt64: UInt64] = [:]
    private var parsingDone = false

    init(number: Int, state: RunState, layout: IndexLayout, options: Indexer.Options, extractor: ActorExtractor) throws {
        self.number = number
        self.state = state
        self.layout = layout
        mode = options.mode
        statements = options.statements
        builder = try DocumentBuilder(extractor: extractor, actorMap: options.actorMap, statements: options.statements)
        reader = JSONRecordReader(mapping: options.mapping)
        source = ArticleSource(mapping: options.mapping)
        writer = options.mode == .full
            ? try ShardWriter(path: layout.shards[number], statementsPath: layout.statements.shards[number], options: options) : nil
    }

    func run() {
        let inbox = state.inboxes[number]
        while true {
            let item = inbox.pop()
            if state.hasFailed {
                if case .end = item { finishParsing() }
                if parsingDone && state.parsing.withLock({ $0 == 0 }) && inbox.isEmpty { return }
                continue
            }
            do {
                switch item {
                case .line(let bytes, let path, let line, let sequence):
                    let origin = SourceLocation(path: path, line: line)
                    route(times.measure(.parse) { reader.decodeRecord(bytes, origin: origin) }, format: .jsonl, sequence: sequence)
                case .file(let file, let sequence):
                    var items: [ReadItem] = []
                    try times.measure(.parse) { try source.read(file) { items.append($0) } }
                    for (index, item) in items.enumerated() { route(item, format: file.format, sequence: sequence << 24 | UInt64(index)) }
                case .article(let article, let format, let warnings, let sequence):
                    try index(article, format: format, warnings: warnings, sequence: sequence)
                case .end:
                    finishParsing()
                case .wake:
                    break
                }
            } catch {
                state.fail(error)
            }
            if parsingDone && state.parsing.withLock({ $0 == 0 }) && inbox.isEmpty { return }
        }
    }

    /// This worker will parse nothing more; the last one to finish wakes everybody so they can
    /// check that no hand-off is still coming.
    private func finishParsing() {
        guard !parsingDone else { return }
        parsingDone = true
        let remaining = state.parsing.withLock { count -> Int in
            count -= 1
            return count
        }
        if remaining == 0 {
            for inbox in state.inboxes { inbox.push(.wake, urgent: true) }
        }
    }

    private func route(_ item: ReadItem, format: InputFormat, sequence: UInt64) {
        switch item {
        case .problem(let problem):
            state.problem(problem)
        case .article(let article, let warnings):
            let shard = layout.shard(for: DocumentBuilder.documentID(for: article))
            if shard == number || mode != .full {
                do { try index(article, format: format, warnings: warnings, sequence: sequence) } catch { state.fail(error) }
            } else {
                // Never waits: two workers handing over to each other must not block each other.
                state.inboxes[shard].push(.article(article, format, warnings: warnings, sequence: sequence), urgent: true)
            }
        }
    }

    private func index(_ article: Article, format: InputFormat, warnings: [IngestProblem], sequence: UInt64) throws {
        for warning in warnings { state.problem(warning) }
        let id = DocumentBuilder.documentID(for: article)
        let idHash = IndexLayout.fnv1a(id)
        let earlier = sequences[idHash]
        if let earlier, earlier > sequence {
            // A later record with this id is already indexed in this run.
            reportDuplicate(article, id: id)
            return
        }
        sequences[idHash] = sequence
        let duplicate = earlier != nil
        let hash = DocumentBuilder.contentHash(of: article, id: id, format: format, statements: statements)
        var outcome = Outcome.indexed
        switch mode {
        case .analysisOnly:
            _ = builder.analyze(article, times: &times)
        case .noWrites:
            _ = builder.build(PreparedArticle(article: article, id: id, format: format, contentHash: hash), times: &times)
        case .full:
            guard let writer else { return }
            let stored = try writer.existing(id: id, contentHash: hash)
            if stored.unchanged {
                outcome = .unchanged
            } else {
                let built = builder.build(PreparedArticle(article: article, id: id, format: format, contentHash: hash), times: &times)
                try writer.write(built, replacing: stored.docid)
                outcome = stored.docid == nil ? .indexed : .replaced
            }
        }
        state.report.withLock { report in
            switch outcome {
            case .indexed: report.indexed += 1
            case .replaced: report.replaced += 1
            case .unchanged: report.unchanged += 1
            }
            if article.date == nil { report.undated += 1 }
        }
        if duplicate { reportDuplicate(article, id: id) }
        state.progress.withLock { $0.articlesSeen += 1 }
    }

    private func reportDuplicate(_ article: Article, id: String) {
        state.problem(IngestProblem(article.origin, "duplicate id \"\(id)\" in this run; the later record is kept", severity: .warning))
    }

    private enum Outcome { case indexed, replaced, unchanged }
}
