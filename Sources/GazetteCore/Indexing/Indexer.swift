import Foundation

/// Indexes article files into a Xapian database: incremental (unchanged records are skipped by
/// content hash, changed ones replaced by unique id), with removal of documents whose files or
/// records disappeared, and a commit every `batchSize` documents so a crash loses at most the
/// uncommitted batch (the next run redoes it).
public final class Indexer {
    public struct Options: Sendable {
        public var indexPath: String
        public var format: InputFormat?
        public var mapping = FieldMapping.standard
        /// Start from an empty index.
        public var rebuild = false
        /// Documents per commit.
        public var batchSize = 1000
        /// Analysis threads.
        public var jobs = max(1, ProcessInfo.processInfo.activeProcessorCount)
        /// How long to wait for another writer to finish before giving up.
        public var lockWaitSeconds: Double = 0
        /// Skip fsync on commit (faster bulk builds; a power cut may lose recent commits).
        public var noSync = false

        public init(indexPath: String) { self.indexPath = indexPath }
    }

    public struct Progress: Sendable {
        public var filesDone = 0
        public var filesTotal = 0
        public var bytesDone: Int64 = 0
        public var bytesTotal: Int64 = 0
        public var articlesSeen = 0
        public var elapsed: Double = 0
    }

    public let options: Options
    private let extractor: ActorExtractor

    public init(options: Options, extractor: ActorExtractor = ActorExtractor()) {
        self.options = options
        self.extractor = extractor
    }

    /// Indexes `paths` (files and directories). Throws only when the index itself cannot be
    /// opened or written; bad input is reported in the result.
    public func run(paths: [String], progress: ((Progress) -> Void)? = nil) throws -> IndexReport {
        let started = Date()
        var report = IndexReport()
        let walk = FileWalker(forcedFormat: options.format).expand(paths)
        report.problems += walk.problems
        report.ignoredFiles = walk.ignoredFiles

        let database = try IndexLock.openWriter(options)
        defer { IndexLock.release(options.indexPath) }
        var session = try WriteSession(database: database, options: options, extractor: extractor)
        try session.recordSchema()

        var state = Progress()
        state.filesTotal = walk.files.count
        state.bytesTotal = walk.files.reduce(0) { $0 + (FileInfo($1.path, followLinks: true)?.size ?? 0) }
        let source = ArticleSource(mapping: options.mapping)
        for file in walk.files {
            var fileHadErrors = false
            try source.read(file) { item in
                switch item {
                case .problem(let problem):
                    fileHadErrors = true
                    report.problems.append(problem)
                case .article(let article, let warnings):
                    report.problems += warnings
                    try session.add(article, format: file.format, report: &report)
                    state.articlesSeen += 1
                    if state.articlesSeen % 256 == 0 {
                        state.elapsed = Date().timeIntervalSince(started)
                        progress?(state)
                    }
                }
            }
            try session.finishFile(file.path.description, keepUnseen: fileHadErrors, report: &report)
            state.filesDone += 1
            state.bytesDone += FileInfo(file.path, followLinks: true)?.size ?? 0
            state.elapsed = Date().timeIntervalSince(started)
            progress?(state)
        }
        try session.flush(report: &report)
        for directory in walk.directories {
            try session.removeVanishedFiles(under: directory.description, report: &report)
        }
        try session.commit()
        report.documentsInIndex = try database.documentCount()
        report.elapsedSeconds = Date().timeIntervalSince(started)
        return report
    }
}

/// What an indexing run did.
public struct IndexReport: Sendable {
    public var indexed = 0
    public var replaced = 0
    public var unchanged = 0
    public var removed = 0
    public var undated = 0
    public var ignoredFiles = 0
    public var documentsInIndex = 0
    public var elapsedSeconds: Double = 0
    public var problems: [IngestProblem] = []

    public init() {}

    public var failures: [IngestProblem] { problems.filter { $0.severity == .error } }
    public var warnings: [IngestProblem] { problems.filter { $0.severity == .warning } }
}
