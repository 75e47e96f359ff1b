import ArgumentParser
import GazetteCore

struct ActorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actors",
        abstract: "List the people, organisations and places in the index, by number of articles.",
        discussion: """
            Examples:
              gazette actors --type person
              gazette actors ceasefire                      # actors of the articles matching a query
              gazette actors --with Zelensky --type place   # actors in articles that mention Zelensky
              gazette actors --timeline NATO 'summit'       # articles per month mentioning NATO
            """)

    @OptionGroup var location: IndexOptions
    @OptionGroup var aliasOptions: AliasOptions

    @Argument(help: "Count only articles matching this query.")
    var query: String = ""

    @Option(name: .customLong("with"), help: ArgumentHelp("List the actors that appear in articles mentioning this actor (name, alias or id), with the number of such articles.", valueName: "actor"))
    var with: String?

    @Option(help: ArgumentHelp("Count the articles mentioning this actor (name, alias or id) per month, from the first month to the last.", valueName: "actor"))
    var timeline: String?

    @Option(help: "Only actors of this type: person, org or place.")
    var type: ActorType?

    @Option(help: "Number of actors to show.")
    var limit = 50

    @Option(help: "Output: text, json or jsonl.")
    var format: OutputFormat = .text

    func validate() throws {
        if limit < 0 { throw ValidationError("--limit must not be negative") }
        if with != nil && timeline != nil { throw ValidationError("give --with or --timeline, not both") }
        if timeline != nil && type != nil { throw ValidationError("--type applies to actor lists, not to --timeline") }
    }

    func run() throws {
        try ErrorReporting.run {
            let searcher = try Searcher(indexPath: location.path, aliasesPath: aliasOptions.aliases)
            var out = OutputBuffer()
            if let with {
                let report = try ActorRelations(searcher: searcher).cooccurring(with: with, query: query, type: type, limit: limit)
                render(report, into: &out)
            } else if let timeline {
                render(try ActorRelations(searcher: searcher).timeline(of: timeline, query: query), into: &out)
            } else {
                let counts = try ActorListing(searcher: searcher).list(query: query, type: type, limit: limit)
                switch format {
                case .json: out.line(JSON.encode(["actors": counts.map(ActorJSON.init)]))
                case .jsonl: for count in counts { out.line(JSON.encode(ActorJSON(count))) }
                case .text:
                    if counts.isEmpty { out.line("No actors.") } else { TextRenderer.actorTable(counts, into: &out) }
                }
            }
            out.flush()
        }
    }

    private func render(_ report: ActorRelations.Cooccurrence, into out: inout OutputBuffer) {
        switch format {
        case .json: out.line(JSON.encode(CooccurrenceJSON(report)))
        case .jsonl: for count in report.actors { out.line(JSON.encode(ActorJSON(count))) }
        case .text:
            let scope = report.query.isEmpty ? "" : " matching \(report.query)"
            out.line("\(report.actor.name) (\(report.actor.id)): \(Format.count(report.documents)) articles\(scope)")
            if report.actors.isEmpty { out.line("No other actors.") } else { TextRenderer.actorTable(report.actors, into: &out) }
        }
    }

    private func render(_ report: ActorRelations.Timeline, into out: inout OutputBuffer) {
        switch format {
        case .json: out.line(JSON.encode(TimelineJSON(report)))
        case .jsonl: for month in report.months { out.line(JSON.encode(TimelineJSON.Month(month))) }
        case .text:
            let scope = report.query.isEmpty ? "" : " matching \(report.query)"
            out.line("\(report.actor.name) (\(report.actor.id)): \(Format.count(report.documents)) articles\(scope), \(Format.count(report.undated)) undated")
            TextRenderer.timeline(report.months, into: &out)
        }
    }
}

extension ActorType: ExpressibleByArgument {}
