import Foundation

/// What `gazette statements` asks for.
public struct StatementRequest: Sendable {
    public typealias Sort = SearchRequest.Sort

    /// Searched in the statement text, in Gazette's query language.
    public var query = ""
    /// Speakers (names or aliases, as `actor:` takes them); a statement by any of them matches.
    public var speakers: [String] = []
    /// Reporting verbs, as lemmas or any form ("say", "said"); any of them matches.
    public var verbs: [String] = []
    public var since: String?
    public var until: String?
    public var sort = Sort.relevance
    public var limit = 20
    public var offset = 0
    /// Count the matching statements per month.
    public var timeline = false

    public init(query: String = "") { self.query = query }
}

public struct StatementHit: Sendable {
    public var rank: Int
    public var score: Double
    public var statement: StoredStatement
    /// The statement text with the query's words marked.
    public var highlighted: Snippet
}

public struct StatementResponse: Sendable {
    public var query: String
    public var total: Int
    public var totalIsExact: Bool
    public var hits: [StatementHit]
    /// Matching statements per month ("2025-12"), oldest first, when asked for; undated ones
    /// are counted under "undated" at the end.
    public var timeline: [(month: String, statements: Int)]
    public var notices: [String]
}

/// Searches the statement index beside an article index (see `Schema.statementsFolder`). Actor
/// names resolve through the article index's catalog, as in `Searcher`. Not thread-safe.
public final class StatementSearcher {
    let articles: OpenIndex
    let statements: XapianDatabase
    let analyzer: Analyzer
    let catalog: ActorCatalog
    public var timeLimitSeconds = 10.0
    public var exactCountLimit = 1000

    /// The alias file's map even after `gazette remap`: speakers are stored with the ids the
    /// extractor gave them, which remapping the article index does not rewrite.
    let speakerMap: ActorMap

    /// Opens the statement index beside the article index, with the user's alias file (as `Searcher`).
    public init(indexPath: String, aliasesPath: String? = nil) throws {
        articles = try IndexReader.open(indexPath)
        statements = try Self.openStatements(indexPath)
        analyzer = try Analyzer()
        let file = try ActorMap.aliasFile(indexPath: indexPath, explicitPath: aliasesPath)
        catalog = ActorCatalog(index: articles, analyzer: analyzer, map: try ActorMap.forQueries(file, index: articles))
        speakerMap = try file.map { try ActorMap(file: $0) } ?? .identity
    }

    init(articles: OpenIndex, indexPath: String, analyzer: Analyzer, catalog: ActorCatalog, speakerMap: ActorMap) throws {
        self.articles = articles
        statements = try Self.openStatements(indexPath)
        self.analyzer = analyzer
        self.catalog = catalog
        self.speakerMap = speakerMap
    }

    static func openStatements(_ indexPath: String) throws -> XapianDatabase {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: indexPath, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw GazetteError(.unimplemented, "statements are searched in a local index folder; \(indexPath) is a shard list")
        }
        let folder = indexPath + "/" + Schema.statementsFolder
        guard (try? IndexLayout.existing(at: folder)) ?? nil != nil else {
            throw GazetteError(.databaseNotFound, "\(indexPath) has no statement index (it was built by an older Gazette); re-index it with `gazette index --rebuild PATH...`")
        }
        return try XapianDatabase.openForReading(folder)
    }

    public func search(_ request: StatementRequest) throws -> StatementResponse {
        var attempts = 0
        while true {
            do {
                return try run(request)
            } catch let error as GazetteError {
                guard error.code == .databaseModified, attempts < 5 else { throw error }
                attempts += 1
                try articles.reopen()
                try statements.reopen()
            }
        }
    }

    /// The article-index filter for a search's `said-by:` conditions: articles holding a
    /// statement by any of `speakers` that matches `rest` (any statement when `rest` is nil).
    func articleFilter(speakers: [String], rest: QueryNode?, since: String?, until: String?, notices: inout [String]) throws -> XapianQuery {
        var compiler = makeCompiler()
        var query = try rest.flatMap { try compiler.compile($0) } ?? .matchAll
        var filters = try speakerFilter(speakers, notices: &notices)
        if let dates = try QueryCompiler.dateFilter(since: since, until: until) { filters.append(dates) }
        query = try XapianQuery.combine(.filter, [query] + filters)
        var options = SearchOptions()
        options.limit = 0
        options.timeLimitSeconds = timeLimitSeconds
        options.facetPrefix = Schema.Prefix.statementArticle
        options.checkAtLeast = try statements.documentCount()
        let matches = try statements.search(query, options: options)
        let articleTerms = matches.facets.map { XapianQuery.term(Schema.Prefix.id + $0.term) }
        if articleTerms.isEmpty { return .matchNothing }
        return articleTerms.count == 1 ? articleTerms[0] : try XapianQuery.combine(.or, articleTerms)
    }

    private func makeCompiler() -> QueryCompiler {
        let languages = (try? articles.languages()) ?? []
        return QueryCompiler(analyzer: analyzer, languages: languages, catalog: catalog, mode: .all, dropStopWords: true)
    }

    private func speakerFilter(_ names: [String], notices: inout [String]) throws -> [XapianQuery] {
        guard !names.isEmpty else { return [] }
        var terms: [XapianQuery] = []
        for name in names {
            let actors = try catalog.resolve(name)
            if actors.isEmpty { notices.append("no actor named \"\(name)\" in this index") }
            // Everything merged into the actor speaks as the actor.
            let ids = Set(actors.flatMap { catalog.map.members(of: $0.id) + speakerMap.members(of: $0.id) })
            terms += ids.sorted().map { XapianQuery.term(TermNames.speaker($0)) }
        }
        if terms.isEmpty { return [.matchNothing] }
        return [terms.count == 1 ? terms[0] : try XapianQuery.combine(.or, terms)]
    }

    /// The lemma of a reporting verb in any form ("said" -> "say"); unknown words as written.
    static func verbLemma(_ verb: String) -> String {
        let folded = verb.trimmingWhitespace().lowercased()
        return StatementLexicon.verbs[folded]?.lemma ?? folded
    }

    private func run(_ request: StatementRequest) throws -> StatementResponse {
        let (saidBy, parsed) = SaidBy.split(try QueryParser.parse(request.query))
        var notices: [String] = []
        var compiler = makeCompiler()
        var query: XapianQuery
        do {
            query = try parsed.flatMap { try compiler.compile($0) } ?? .matchAll
        } catch let error as QueryCompiler.WildcardTooBroad {
            throw QuerySyntaxError(
                "\(error.stem)* matches more than \(compiler.wildcardLimit) words; give more letters before the *",
                column: QueryParser.column(of: error.stem + "*", in: request.query))
        }
        var filters = try speakerFilter(request.speakers + saidBy, notices: &notices)
        if !request.verbs.isEmpty {
            let verbs = Set(request.verbs.map(Self.verbLemma)).sorted().map { XapianQuery.term(TermNames.verb($0)) }
            filters.append(verbs.count == 1 ? verbs[0] : try XapianQuery.combine(.or, verbs))
        }
        if let dates = try QueryCompiler.dateFilter(since: request.since, until: request.until) { filters.append(dates) }
        if !filters.isEmpty { query = try XapianQuery.combine(.filter, [query] + filters) }

        var options = SearchOptions()
        options.offset = request.offset
        options.limit = request.limit
        options.timeLimitSeconds = timeLimitSeconds
        options.checkAtLeast = max(request.offset + request.limit + 1, exactCountLimit)
        options.sortSlot = Schema.Slot.date
        switch request.sort {
        case .relevance: options.sort = .relevanceThenValueDescending
        case .newest: options.sort = .valueDescending
        case .oldest: options.sort = .valueAscending
        }
        if request.timeline {
            options.facetPrefix = Schema.Prefix.month
            options.checkAtLeast = try statements.documentCount()
        }
        let matches = try statements.search(query, options: options)

        var builder = SnippetBuilder(analyzer: analyzer, extractor: nil)
        builder.windowWords = 100_000 // the whole statement, never a window of it
        var hits: [StatementHit] = []
        for index in 0..<matches.count {
            guard var stored = try? StoredStatement.decode(try matches.documentData(at: index)) else { continue }
            // The speaker as the alias file names it (merged into, renamed).
            if let id = stored.speaker.id, let canonical = speakerMap.canonical(id), canonical != id || speakerMap.name(of: id) != nil {
                stored.speaker.id = canonical
                stored.speaker.name = speakerMap.name(of: canonical) ?? (try? catalog.actor(id: canonical))??.name ?? stored.speaker.name
            }
            let carrier = StoredArticle(
                id: stored.id, title: "", body: stored.text, date: nil, source: nil, url: nil, authors: [],
                language: stored.language, path: "", line: nil, record: nil, format: "", actors: [])
            let highlighted = builder.snippet(
                of: carrier, terms: compiler.highlightTerms, prefixes: compiler.highlightPrefixes, actors: [])
            hits.append(StatementHit(rank: request.offset + index + 1, score: matches.weight(at: index), statement: stored, highlighted: highlighted))
        }

        var timeline: [(month: String, statements: Int)] = []
        if request.timeline {
            var dated = 0
            for facet in matches.facets.sorted(by: { $0.term < $1.term }) where facet.term.utf8.count == 6 {
                timeline.append((String(facet.term.prefix(4)) + "-" + String(facet.term.suffix(2)), facet.documents))
                dated += facet.documents
            }
            if matches.estimatedMatches > dated { timeline.append(("undated", matches.estimatedMatches - dated)) }
        }
        return StatementResponse(
            query: request.query, total: matches.estimatedMatches, totalIsExact: matches.lowerBound == matches.upperBound,
            hits: hits, timeline: timeline, notices: notices + compiler.notices)
    }
}
