import ArgumentParser
import GazetteCore

struct StatementsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statements",
        abstract: "Find who said what: search the statements extracted at index time.",
        discussion: """
            QUERY is searched in the statement text with the query syntax of `gazette search`.
            Examples:
              gazette statements '"security guarantees"' --by Zelensky
              gazette statements ceasefire --by Zelensky --by Putin --since 2025-12 --sort newest
              gazette statements --by Kremlin --verb warn --timeline
            """)

    @OptionGroup var location: IndexOptions
    @OptionGroup var aliasOptions: AliasOptions

    @Argument(help: "Words, \"phrases\", AND/OR/NOT, NEAR/n, actor:, date: ... searched in the statement text.")
    var query: String = ""

    @Option(name: .customLong("by"), help: "Only statements by this speaker (names and aliases work: Zelenskyy, the Kremlin); repeat for any of several.")
    var speakers: [String] = []

    @Option(help: "Only statements with this reporting verb (say, warn, urge, ... or a form of it: warned); repeat for any of several.")
    var verb: [String] = []

    @Option(help: "Only statements from articles dated on or after DATE (2025, 2025-12 or 2025-12-14).")
    var since: String?

    @Option(help: "Only statements from articles dated on or before DATE.")
    var until: String?

    @Option(help: "Order: relevance, newest or oldest.")
    var sort: SearchRequest.Sort = .relevance

    @Option(help: "Number of statements to show.")
    var limit = 20

    @Option(help: "Number of statements to skip (for paging).")
    var offset = 0

    @Flag(help: "Also count the matching statements per month.")
    var timeline = false

    @Option(help: "Output: text, json or jsonl (one statement per line).")
    var format: OutputFormat = .text

    func validate() throws {
        if limit < 0 || limit > 10_000 { throw ValidationError("--limit must be between 0 and 10000") }
        if offset < 0 { throw ValidationError("--offset must not be negative") }
        if verb.contains(where: { $0.allSatisfy(\.isWhitespace) }) { throw ValidationError("--verb needs a verb") }
        if speakers.contains(where: { $0.allSatisfy(\.isWhitespace) }) { throw ValidationError("--by needs a name") }
    }

    func run() throws {
        var request = StatementRequest(query: query)
        request.speakers = speakers
        request.verbs = verb
        request.since = since
        request.until = until
        request.sort = sort
        request.limit = limit
        request.offset = offset
        request.timeline = timeline
        try ErrorReporting.run {
            let response = try StatementSearcher(indexPath: location.path, aliasesPath: aliasOptions.aliases).search(request)
            for notice in response.notices { Terminal.note(notice) }
            var out = OutputBuffer()
            switch format {
            case .json: out.line(JSON.encode(StatementsJSON(response, timeline: timeline)))
            case .jsonl:
                for hit in response.hits { out.line(JSON.encode(StatementsJSON.Item(hit))) }
                if timeline {
                    for month in response.timeline { out.line(JSON.encode(StatementsJSON.Month(month: month.month, statements: month.statements))) }
                }
            case .text: TextRenderer.statements(response, timeline: timeline, into: &out)
            }
            out.flush()
        }
    }
}
