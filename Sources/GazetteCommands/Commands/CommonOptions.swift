import ArgumentParser
import Foundation

/// Where the index is, shared by every command.
struct IndexOptions: ParsableArguments {
    @Option(name: .long, help: "The index folder (default: $GAZETTE_INDEX, else ./Index).")
    var index: String?

    var path: String {
        if let index { return index }
        if let environment = ProcessInfo.processInfo.environment["GAZETTE_INDEX"], !environment.isEmpty { return environment }
        return "Index"
    }
}

/// The user's actor alias file, for commands that read or write actors.
struct AliasOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Actor alias file: merges, extra names, renames and dropped actors (default: actors.toml in the index folder, when present).",
        valueName: "path"))
    var aliases: String?
}

/// Output formats of the read commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, jsonl
}

/// Exit statuses (documented in the README).
enum ExitStatus {
    /// Some input files or records failed; everything else was indexed.
    static let inputFailures: Int32 = 1
    /// The index could not be opened, read or written.
    static let indexError: Int32 = 2
    /// Bad usage or a query syntax error (EX_USAGE).
    static let usage: Int32 = 64
    /// A bad actor alias file (EX_DATAERR).
    static let dataError: Int32 = 65
    /// Another writer holds the index lock (EX_TEMPFAIL).
    static let locked: Int32 = 75
}
