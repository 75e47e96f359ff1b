import ArgumentParser
import GazetteCore

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a stored article and its actors, by id or by the path it was indexed from.")

    @OptionGroup var location: IndexOptions
    @OptionGroup var aliasOptions: AliasOptions

    @Argument(help: "The article id (as shown by search) or its file path.")
    var id: String

    @Option(help: "Output: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        try ErrorReporting.run {
            let searcher = try Searcher(indexPath: location.path, aliasesPath: aliasOptions.aliases)
            guard var article = try ArticleLookup.find(id, in: searcher.index) else {
                throw GazetteError(.notFound, "no article with id or path \(id) in \(location.path)")
            }
            article.actors = try searcher.mappedActors(article.actors)
            var out = OutputBuffer()
            switch format {
            case .json, .jsonl: out.line(JSON.encode(article))
            case .text:
                out.line(article.title)
                out.line(String(repeating: "=", count: min(80, max(3, article.title.count))))
                out.line("id:       \(article.id)")
                out.line("date:     \(article.date ?? "undated")")
                if let source = article.source { out.line("source:   \(source)") }
                if !article.authors.isEmpty { out.line("authors:  \(article.authors.joined(separator: "; "))") }
                if let url = article.url { out.line("url:      \(url)") }
                out.line("file:     \(article.path)\(article.line.map { ":\($0)" } ?? "")")
                out.line("language: \(article.language)")
                if !article.actors.isEmpty {
                    out.line("actors:   " + article.actors.map { "\($0.name) (\($0.type.rawValue), \($0.mentions)×)" }.joined(separator: ", "))
                }
                out.line()
                for paragraph in article.body.split(separator: "\n") {
                    out.line(String(paragraph))
                    out.line()
                }
            }
            out.flush()
        }
    }
}

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show the size and date span of the index.")

    @OptionGroup var location: IndexOptions

    @Option(help: "Output: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        try ErrorReporting.run {
            let stats = try IndexStatistics.compute(indexPath: location.path)
            var out = OutputBuffer()
            switch format {
            case .json, .jsonl: out.line(JSON.encode(stats))
            case .text:
                out.line("index:      \(location.path)")
                out.line("documents:  \(Format.count(stats.documents)) (\(Format.count(stats.undated)) undated)")
                out.line("dates:      \(stats.firstDate.map { String($0.prefix(10)) } ?? "-") to \(stats.lastDate.map { String($0.prefix(10)) } ?? "-")")
                out.line("terms:      \(Format.count(stats.terms)) distinct words, \(Format.count(Int(stats.postings))) occurrences")
                out.line("actors:     \(Format.count(stats.actors))")
                out.line("languages:  \(stats.languages.joined(separator: ", "))")
                out.line("size:       \(Format.count(Int(stats.bytes / 1024))) KiB")
            }
            out.flush()
        }
    }
}
