import ArgumentParser

/// The `gazette` command: index news articles, then search them.
public struct GazetteCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "gazette",
        abstract: "Index news articles and search them by words, phrases, actors and dates.",
        discussion: """
            Start with `gazette index DIR` to index a folder of articles (txt, md, json, jsonl, html,
            optionally gzip-compressed), then `gazette search 'QUERY'`. The index lives in ./Index
            unless --index or the GAZETTE_INDEX environment variable names another folder.
            """,
        version: "0.1.0",
        subcommands: [
            IndexCommand.self, SearchCommand.self, StatementsCommand.self, ActorsCommand.self, ShowCommand.self, StatsCommand.self,
            StatementsExtractCommand.self,
            ExtractCommand.self, CompactCommand.self, RemapCommand.self, QueryLatencyCommand.self,
        ]
    )

    public init() {}
}
