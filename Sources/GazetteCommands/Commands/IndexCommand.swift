import ArgumentParser
import Foundation
import GazetteCore

struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Index article files and folders (recursively); re-running updates only what changed.",
        discussion: """
            Formats are detected by extension (.txt .md .json .jsonl .html, each optionally .gz).
            Unchanged articles are skipped, changed ones replaced, and articles whose files (or JSONL
            records) disappeared from an indexed folder are removed. Bad files and records are
            reported and skipped; the rest is indexed. Exit status 1 when anything failed.
            """)

    @OptionGroup var location: IndexOptions
    @OptionGroup var aliasOptions: AliasOptions

    @Argument(help: "Files and folders to index.")
    var paths: [String]

    @Option(help: "Read every file as this format instead of detecting it (auto, txt, md, json, jsonl, html).")
    var format: String = "auto"

    @Option(name: .customLong("field"), help: ArgumentHelp(
        "Map a JSON key to an article field, e.g. --field body=article_text (fields: \(FieldMapping.Field.allCases.map(\.rawValue).joined(separator: ", "))).",
        valueName: "FIELD=KEY"))
    var fields: [String] = []

    @Flag(help: "Delete the index first and build it from scratch.")
    var rebuild = false

    @Option(help: "Worker threads, each analysing and writing (default: the number of cores).")
    var jobs: Int?

    @Option(help: "Shards of a new or rebuilt index (default: one per job); an existing index keeps its shards.")
    var shards: Int?

    @Option(name: .customLong("dry-run"), help: "Measure without writing: 'analysis' (read, tokenize, fold, stem) or 'extraction' (also actors and documents).")
    var dryRun: DryRun?

    @Flag(name: .customLong("no-statements"), help: ArgumentHelp(
        "Skip statement extraction (to measure its cost); the statement index stays empty, and the next run with statements rewrites every article.",
        visibility: .hidden))
    var noStatements = false

    @Flag(help: "Print where the time went, per stage.")
    var profile = false

    @Option(help: "Documents per commit: a crash loses at most this many, which the next run redoes.")
    var batch = 1000

    @Option(help: "Seconds to wait for another process writing the index.")
    var wait: Double = 0

    @Option(help: "Summary format: text or json.")
    var output: OutputFormat = .text

    func validate() throws {
        if format != "auto" && InputFormat(rawValue: format) == nil {
            throw ValidationError("unknown --format \(format); use auto, txt, md, json, jsonl or html")
        }
        for field in fields where FieldMapping.parseOverride(field) == nil {
            throw ValidationError("--field \(field) is not FIELD=KEY with FIELD one of \(FieldMapping.Field.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if batch < 1 { throw ValidationError("--batch must be at least 1") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let shards, shards < 1 || shards > 64 { throw ValidationError("--shards must be between 1 and 64") }
    }

    func run() throws {
        var options = Indexer.Options(indexPath: location.path)
        options.format = InputFormat(rawValue: format)
        for field in fields {
            if let (name, key) = FieldMapping.parseOverride(field) { options.mapping.prefer(key, for: name) }
        }
        options.rebuild = rebuild
        if let jobs { options.jobs = jobs }
        options.shards = shards
        if let dryRun { options.mode = dryRun == .analysis ? .analysisOnly : .noWrites }
        options.batchSize = batch
        options.statements = !noStatements
        options.lockWaitSeconds = wait
        var report = IndexReport()
        try ErrorReporting.run {
            if let file = try ActorMap.aliasFile(indexPath: location.path, explicitPath: aliasOptions.aliases) {
                options.actorMap = try ActorMap(file: file)
            }
            let progress = ProgressBar()
            defer { progress.finish() }
            report = try Indexer(options: options).run(paths: paths) { progress.update($0) }
        }
        for problem in report.problems.sorted(by: IndexCommand.inputOrder) { Terminal.stderr("\(problem)\n") }
        var out = OutputBuffer()
        switch output {
        case .json, .jsonl:
            out.line(JSON.encode(IndexSummaryJSON(report, index: location.path)))
        case .text:
            let rate = report.elapsedSeconds > 0 ? Double(report.indexed + report.replaced + report.unchanged) / report.elapsedSeconds : 0
            out.line("Indexed \(Format.count(report.indexed)) new, \(Format.count(report.replaced)) changed, \(Format.count(report.unchanged)) unchanged, \(Format.count(report.removed)) removed; \(Format.count(report.failures.count)) failed, \(Format.count(report.warnings.count)) warnings.")
            let shards = report.shards > 1 ? " in \(report.shards) shards" : ""
            out.line("\(location.path): \(Format.count(report.documentsInIndex)) articles\(shards) (\(Format.count(report.undated)) undated in this run); \(String(format: "%.1f", report.elapsedSeconds)) s, \(Format.count(Int(rate))) articles/s.")
            if report.ignoredFiles > 0 { out.line("Ignored \(report.ignoredFiles) files with no article extension.") }
            if profile { TextRenderer.stageTimes(report, into: &out) }
        }
        out.flush()
        if !report.failures.isEmpty { throw ExitCode(ExitStatus.inputFailures) }
    }

    enum DryRun: String, ExpressibleByArgument, CaseIterable {
        case analysis, extraction
    }

    static func inputOrder(_ a: IngestProblem, _ b: IngestProblem) -> Bool {
        (a.location.path, a.location.line ?? 0, a.location.record ?? 0) < (b.location.path, b.location.line ?? 0, b.location.record ?? 0)
    }
}

struct IndexSummaryJSON: Encodable {
    var index: String
    var indexed, replaced, unchanged, removed, failed, warnings, undated, documents: Int
    var seconds: Double
    var shards: Int
    var stages: [String: Double]
    var problems: [Problem]

    struct Problem: Encodable {
        var location: String
        var severity: String
        var reason: String
    }

    init(_ report: IndexReport, index: String) {
        self.index = index
        indexed = report.indexed
        replaced = report.replaced
        unchanged = report.unchanged
        removed = report.removed
        failed = report.failures.count
        warnings = report.warnings.count
        undated = report.undated
        documents = report.documentsInIndex
        seconds = report.elapsedSeconds
        shards = report.shards
        stages = Dictionary(uniqueKeysWithValues: report.stageTimes.seconds.map { ($0.key.rawValue, $0.value) })
        problems = report.problems.sorted(by: IndexCommand.inputOrder).map { Problem(location: $0.location.description, severity: $0.severity.rawValue, reason: $0.reason) }
    }
}

/// JSON encoding with stable key order.
enum JSON {
    static func encode<T: Encodable>(_ value: T, pretty: Bool = false) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
