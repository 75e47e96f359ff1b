import ArgumentParser
import GazetteCore

struct ActorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actors",
        abstract: "List the people, organisations and places in the index, by number of articles.")

    @OptionGroup var location: IndexOptions

    @Argument(help: "Count only articles matching this query.")
    var query: String = ""

    @Option(help: "Only actors of this type: person, org or place.")
    var type: ActorType?

    @Option(help: "Number of actors to show.")
    var limit = 50

    @Option(help: "Output: text, json or jsonl.")
    var format: OutputFormat = .text

    func run() throws {
        try ErrorReporting.run {
            let counts = try ActorListing(searcher: try Searcher(indexPath: location.path)).list(query: query, type: type, limit: limit)
            var out = OutputBuffer()
            switch format {
            case .json: out.line(JSON.encode(["actors": counts.map(ActorJSON.init)]))
            case .jsonl: for count in counts { out.line(JSON.encode(ActorJSON(count))) }
            case .text:
                if counts.isEmpty { out.line("No actors.") } else { TextRenderer.actorTable(counts, into: &out) }
            }
            out.flush()
        }
    }
}

extension ActorType: ExpressibleByArgument {}
