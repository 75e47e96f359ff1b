import ArgumentParser
import GazetteCore

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the index; see the README for the query syntax.",
        discussion: """
            Examples:
              gazette search '"security guarantees"' --actor Zelensky --since 2025-12-01
              gazette search 'ceasefire NOT crimea' --sort newest
              gazette search 'actor:zelensky NEAR/5 "security guarantees"' --format json
            """)

    @OptionGroup var location: IndexOptions

    @Argument(help: "The query (words, \"phrases\", AND/OR/NOT, NEAR/n, field:value, word*).")
    var query: String = ""

    @Option(name: .customLong("actor"), help: "Only articles mentioning this actor (aliases work: Zelenskyy, U.S., Washington); repeat to require several.")
    var actors: [String] = []

    @Option(help: "Only articles dated on or after DATE (2025, 2025-12 or 2025-12-14).")
    var since: String?

    @Option(help: "Only articles dated on or before DATE (2025, 2025-12 or 2025-12-14).")
    var until: String?

    @Option(help: "Order: relevance, newest or oldest.")
    var sort: SearchRequest.Sort = .relevance

    @Option(help: "all: every word must match (default); any: ranked by how many match.")
    var match: MatchMode = .all

    @Option(help: "Number of hits to show.")
    var limit = 10

    @Option(help: "Number of hits to skip (for paging).")
    var offset = 0

    @Flag(help: "Count actors over all matching articles.")
    var facets = false

    @Option(help: "Output: text, json or jsonl (one hit per line).")
    var format: OutputFormat = .text

    @Flag(help: "Pseudo-relevance feedback: re-rank with terms from the top hits, for every query (--expand) or none (--no-expand); by default queries of five or more words get it.")
    var feedback: FeedbackChoice?

    @Option(help: ArgumentHelp(
        "Change the ranking for experiments, e.g. 'classic' or 'bm25:1.2:0.75,stopwords:keep'.",
        discussion: "Settings, separated by commas: classic, standard, ineb2[:C], bm25[:K1:B], stopwords:drop|keep, ties:newest|none, expand[:DOCS:TERMS:WEIGHT], expand:long, expand:off.",
        valueName: "settings"))
    var ranking: String?

    func validate() throws {
        if limit < 0 || limit > 10_000 { throw ValidationError("--limit must be between 0 and 10000") }
        if offset < 0 { throw ValidationError("--offset must not be negative") }
        if let ranking {
            do { _ = try Ranking(spec: ranking) } catch { throw ValidationError("--ranking: \(error)") }
        }
    }

    func run() throws {
        var request = SearchRequest(query: query)
        request.actors = actors
        request.since = since
        request.until = until
        request.sort = sort
        request.match = match
        request.limit = limit
        request.offset = offset
        request.facets = facets
        try ErrorReporting.run {
            if let ranking { request.ranking = try Ranking(spec: ranking) }
            switch feedback {
            case .expand: request.ranking.feedback = .always
            case .noExpand: request.ranking.feedback = .off
            case nil: break
            }
            let response = try Searcher(indexPath: location.path).search(request)
            for notice in response.notices { Terminal.note(notice) }
            var out = OutputBuffer()
            switch format {
            case .json: out.line(JSON.encode(SearchJSON(response)))
            case .jsonl: for hit in response.hits { out.line(JSON.encode(SearchJSON.Hit(hit))) }
            case .text: TextRenderer.search(response, into: &out)
            }
            out.flush()
        }
    }
}

/// `--expand` / `--no-expand`.
enum FeedbackChoice: String, EnumerableFlag {
    case expand, noExpand
}

extension SearchRequest.Sort: ExpressibleByArgument {}
extension MatchMode: ExpressibleByArgument {}
