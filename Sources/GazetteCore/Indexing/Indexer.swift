import Foundation

/// Indexes article files into a Gazette index.
///
/// The calling thread reads the input and splits it into records (JSONL lines, or whole files);
/// `jobs` worker threads parse them, analyse them, extract actors and write them, each into its own
/// shard, so every core both analyses and writes. A document belongs to the shard chosen by a hash
/// of its id; workers hand articles of other shards to their owners. Re-indexing is incremental
/// (unchanged records are skipped by content hash, changed ones replaced), documents whose files or
/// records disappeared are removed, and each shard commits every `batchSize` documents, so a crash
/// loses at most the uncommitted batch of each shard, which the next run redoes.
public final class Indexer {
    public enum Mode: String, Sendable {
        /// Analyse, extract and write (normal indexing).
        case full
        /// Analyse and extract and build documents, write nothing (measures everything but Xapian).
        case noWrites = "no-writes"
        /// Analyse only (the floor: read, tokenize, fold, stem).
        case analysisOnly = "analysis-only"
    }

    public struct Options: Sendable {
        public var indexPath: String
        public var format: InputFormat?
        public var mapping = FieldMapping.standard
        /// Start from an empty index.
        public var rebuild = false
        /// Documents per commit, per shard.
        public var batchSize = 1000
        /// Worker threads; a new index gets this many shards unless `shards` says otherwise.
        public var jobs = max(1, ProcessInfo.processInfo.activeProcessorCount)
        /// Shards of a new (or rebuilt) index; nil means one per job.
        public var shards: Int?
        /// How long to wait for another writer to finish before giving up.
        public var lockWaitSeconds: Double = 0
        /// Skip fsync on commit (faster bulk builds; a power cut may lose recent commits).
        public var noSync = false
        public var mode = Mode.full
        /// The user's alias file, applied to the actors of every document written (see `ActorMap`).
        public var actorMap = ActorMap.identity
        /// Extract statements and keep the statement index in sync (off only to measure what
        /// statements cost; an index written without them has an empty statement index).
        public var statements = true

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

    /// Indexes `paths` (files and folders). Throws only when the index itself cannot be opened
    /// or written; bad input is reported in the result. `progress` is called after each input file
    /// is handed to the workers (before the next one is opened) and every quarter second.
    public func run(paths: [String], progress: ((Progress) -> Void)? = nil) throws -> IndexReport {
        let started = StageTimes.now()
        let walk = FileWalker(forcedFormat: options.format).expand(paths)
        let layout: IndexLayout
        if options.mode == .full {
            layout = try IndexLayout.prepareForWriting(
                at: options.indexPath, shardCount: options.shards ?? options.jobs, rebuild: options.rebuild)
        } else {
            layout = IndexLayout(path: options.indexPath, shards: Array(repeating: options.indexPath, count: max(1, options.jobs)))
        }
        let workerCount = layout.shards.count
        let state = RunState(workers: workerCount)
        state.inboxes = (0..<workerCount).map { _ in WorkQueue(capacity: 64) }
        state.report.withLock {
            $0.problems = walk.problems
            $0.ignoredFiles = walk.ignoredFiles
        }
        state.progress.withLock { progress in
            progress.filesTotal = walk.files.count
            progress.bytesTotal = walk.files.reduce(0) { $0 + (FileInfo($1.path, followLinks: true)?.size ?? 0) }
        }

        let workers = try (0..<workerCount).map {
            try IndexWorker(number: $0, state: state, layout: layout, options: options, extractor: extractor)
        }
        if options.mode == .full {
            try layout.statements.publish()
            try layout.publish()
            IndexLock.claim(options.indexPath)
        }
        defer { if options.mode == .full { IndexLock.release(options.indexPath) } }

        let finished = DispatchGroup()
        for worker in workers {
            finished.enter()
            let thread = Thread {
                worker.run()
                finished.leave()
            }
            thread.stackSize = 8 << 20 // deeply nested input is parsed on these threads
            thread.start()
        }

        var readTimes = StageTimes()
        let processedPathTerms = readInput(walk.files, state: state, times: &readTimes) {
            var snapshot = state.progress.withLock { $0 }
            snapshot.elapsed = StageTimes.now() - started
            progress?(snapshot)
        }
        for inbox in state.inboxes { inbox.push(.end, urgent: true) }
        while finished.wait(timeout: .now() + 0.25) == .timedOut {
            var snapshot = state.progress.withLock { $0 }
            snapshot.elapsed = StageTimes.now() - started
            progress?(snapshot)
        }
        if let failure = state.failure.withLock({ $0 }) { throw failure }

        var report = state.report.withLock { $0 }
        report.stageTimes = readTimes
        for worker in workers { report.stageTimes.merge(worker.times) }
        if options.mode == .full {
            let writers = workers.compactMap(\.writer)
            let keep = state.filesWithErrors.withLock { $0 }
            for writer in writers {
                for (path, term) in processedPathTerms where !keep.contains(path) {
                    report.removed += try writer.removeUnseen(pathTerm: term)
                }
                for directory in walk.directories {
                    report.removed += try writer.removeVanishedFiles(under: directory.description, keeping: Set(processedPathTerms.values))
                }
                try writer.commit()
                report.stageTimes.merge(writer.times)
                report.documentsInIndex += try writer.database.documentCount()
            }
        }
        report.shards = layout.shards.count
        report.elapsedSeconds = StageTimes.now() - started
        return report
    }

    /// Splits the input into work for the workers (round-robin), returning the path term of every
    /// file read. JSONL files are streamed line by line so they are never held in memory whole.
    private func readInput(
        _ files: [InputFile], state: RunState, times: inout StageTimes, tick: () -> Void
    ) -> [String: String] {
        var pathTerms: [String: String] = [:]
        var next = 0
        var sequence: UInt64 = 0
        var lastTick = StageTimes.now()
        func send(_ item: WorkItem) {
            state.inboxes[next].push(item)
            next = (next + 1) % state.inboxes.count
            if StageTimes.now() - lastTick > 0.25 {
                lastTick = StageTimes.now()
                tick()
            }
        }
        for file in files {
            if state.hasFailed { break }
            let path = file.path.description
            pathTerms[path] = TermNames.path(path)
            sequence += 1
            let size = FileInfo(file.path, followLinks: true)?.size ?? 0
            let bytesBefore = state.progress.withLock { $0.bytesDone }
            if file.format == .jsonl {
                let start = StageTimes.threadCPU()
                readLines(file, path: path, state: state, sequence: &sequence, send: send)
                times.add(.read, StageTimes.threadCPU() - start)
            } else {
                send(.file(file, sequence: sequence))
            }
            state.progress.withLock {
                $0.filesDone += 1
                $0.bytesDone = bytesBefore + size
            }
            // After every file, before the next is handed on: callers may rely on files not yet
            // counted being untouched (the changing-files test does).
            lastTick = StageTimes.now()
            tick()
        }
        return pathTerms
    }

    private func readLines(_ file: InputFile, path: String, state: RunState, sequence: inout UInt64, send: (WorkItem) -> Void) {
        let limit = JSONRecordReader(mapping: options.mapping).maximumRecordBytes
        do {
            let stream = try InputStream(path: file.path)
            let lines = LineReader(stream: stream, maximumLineBytes: limit)
            let bytesBefore = state.progress.withLock { $0.bytesDone }
            var records = 0
            while let line = try lines.next() {
                if state.hasFailed { return }
                if lines.lineNumber % 1024 == 0 {
                    state.progress.withLock { $0.bytesDone = bytesBefore + Int64(stream.compressedBytesRead) }
                }
                switch line {
                case .tooLong(let bytes):
                    records += 1
                    state.problem(IngestProblem(
                        SourceLocation(path: path, line: lines.lineNumber),
                        "line of \(bytes) bytes exceeds the \(limit >> 20) MiB limit"))
                case .text(let bytes):
                    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                    records += 1
                    sequence += 1
                    send(.line(bytes: bytes, path: path, line: lines.lineNumber, sequence: sequence << 24))
                }
            }
            if records == 0 {
                state.problem(IngestProblem(SourceLocation(path: path), "no records (only blank lines)"))
            }
        } catch {
            state.problem(IngestProblem(SourceLocation(path: path), error.message))
        }
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
    public var shards = 1
    public var elapsedSeconds: Double = 0
    public var problems: [IngestProblem] = []
    /// Time per stage summed over threads (see `StageTimes`).
    public var stageTimes = StageTimes()

    public init() {}

    public var failures: [IngestProblem] { problems.filter { $0.severity == .error } }
    public var warnings: [IngestProblem] { problems.filter { $0.severity == .warning } }
}
