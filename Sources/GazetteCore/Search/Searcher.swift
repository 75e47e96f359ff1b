import Foundation

/// What the user asked for.
public struct SearchRequest: Sendable {
    public enum Sort: String, Sendable, CaseIterable { case relevance, newest, oldest }
    public typealias Match = MatchMode

    public var query = ""
    /// Every one of these actors must be in a hit (names or aliases; resolved per index).
    public var actors: [String] = []
    public var since: String?
    public var until: String?
    public var sort = Sort.relevance
    public var match = Match.all
    public var limit = 10
    public var offset = 0
    /// Count actors over the whole match set.
    public var facets = false
    public var facetLimit = 20
    /// With no article matching all the words of a plain query, show those matching any of them
    /// (exact counts such as `gazette actors --with` turn this off).
    public var fallbackToAny = true
    /// Build snippets for the hits (benchmarks turn this off to time the search alone).
    public var snippets = true
    /// Weighting, stop words, ties and feedback (see `Ranking`).
    public var ranking = Ranking.standard

    public init(query: String = "") { self.query = query }
}

public struct SearchHit: Sendable {
    public var rank: Int
    public var id: String
    public var score: Double
    public var title: String
    public var date: String?
    public var source: String?
    public var url: String?
    public var path: String
    public var snippet: Snippet
    /// The article's most mentioned actors.
    public var actors: [ActorRef]
}

public struct ActorCount: Sendable {
    public var actor: ActorRef
    public var documents: Int
}

public struct SearchResponse: Sendable {
    public var query: String
    /// Matching documents (exact when `totalIsExact`, otherwise Xapian's estimate).
    public var total: Int
    public var totalIsExact: Bool
    public var offset: Int
    public var limit: Int
    public var hits: [SearchHit]
    /// True when no article matched all the words and the hits match any of them instead.
    public var matchedAny: Bool
    public var notices: [String]
    public var facets: [ActorCount]
}

/// Answers queries against an index (one database, or shards listed in a Xapian stub file).
/// Not thread-safe; open one per thread.
public final class Searcher {
    public let index: OpenIndex
    public var database: XapianDatabase { index.database }
    let analyzer: Analyzer
    let catalog: ActorCatalog
    /// Created on first use (snippets that highlight actors), as it loads the gazetteer.
    lazy var extractor = ActorExtractor()
    /// Stops a pathological query instead of letting it run for minutes.
    public var timeLimitSeconds = 10.0
    /// Match counts are exact up to this many matches (examining more costs time on large indexes).
    public var exactCountLimit = 1000

    let indexPath: String

    /// Opens the index with the user's alias file: `aliasesPath` when given, else the index
    /// folder's `actors.toml` when there is one (see `ActorAliasFile`).
    public init(indexPath: String, aliasesPath: String? = nil) throws {
        self.indexPath = indexPath
        index = try IndexReader.open(indexPath)
        analyzer = try Analyzer()
        let file = try ActorMap.aliasFile(indexPath: indexPath, explicitPath: aliasesPath)
        catalog = ActorCatalog(index: index, analyzer: analyzer, map: try ActorMap.forQueries(file, index: index))
        fileMap = try file.map { try ActorMap(file: $0) } ?? .identity
    }

    /// The alias file's map even when `gazette remap` already applied it: snippets re-extract
    /// actors from the text, which yields the ids from before the remap.
    let fileMap: ActorMap

    /// The user's actor corrections these searches apply (identity when none, or already remapped).
    public var actorMap: ActorMap { catalog.map }

    /// A stored article's actors with the alias file applied (merged, renamed, dropped).
    public func mappedActors(_ actors: [StoredArticle.StoredActor]) throws -> [StoredArticle.StoredActor] {
        catalog.map.apply(to: actors) { try? self.catalog.actor(id: $0) }
    }

    public func search(_ request: SearchRequest) throws -> SearchResponse {
        // A writer committing meanwhile can invalidate blocks being read: reopen and run again.
        var attempts = 0
        while true {
            do {
                return try run(request)
            } catch let error as GazetteError {
                guard error.code == .databaseModified, attempts < 5 else { throw error }
                attempts += 1
                try index.reopen()
            }
        }
    }

    private func run(_ request: SearchRequest) throws -> SearchResponse {
        let (speakers, parsed) = SaidBy.split(try QueryParser.parse(request.query))
        var filters = try filterQueries(request)
        if !speakers.isEmpty {
            // said-by: articles holding a statement by one of them that matches the rest of the query.
            let statements = try StatementSearcher(articles: index, indexPath: indexPath, analyzer: analyzer, catalog: catalog, speakerMap: fileMap)
            statements.timeLimitSeconds = timeLimitSeconds
            filters.queries.append(try statements.articleFilter(
                speakers: speakers, rest: parsed, since: request.since, until: request.until, notices: &filters.notices))
        }
        guard parsed != nil || !filters.queries.isEmpty else {
            throw QuerySyntaxError("empty query: give words to search for, or --actor/--since/--until to list articles", column: 1)
        }
        let languages = try index.languages()
        let dropStopWords = request.ranking.dropsStopWords
        var compiler = QueryCompiler(
            analyzer: analyzer, languages: languages, catalog: catalog, mode: request.match, dropStopWords: dropStopWords)
        var response = try execute(parsed, filters: filters, compiler: &compiler, request: request)
        if response.total == 0, request.match == .all, request.fallbackToAny, case .implicit = parsed {
            var any = QueryCompiler(
                analyzer: analyzer, languages: languages, catalog: catalog, mode: .any, dropStopWords: dropStopWords)
            let fallback = try execute(parsed, filters: filters, compiler: &any, request: request)
            if fallback.total > 0 {
                response = fallback
                response.matchedAny = true
                response.notices.insert("no article matches all the words; showing articles that match any of them", at: 0)
            }
        }
        response.notices = filters.notices + response.notices
        return response
    }

    struct Filters {
        var queries: [XapianQuery] = []
        var notices: [String] = []
        var actorIDs = Set<String>()
    }

    func filterQueries(_ request: SearchRequest) throws -> Filters {
        var filters = Filters()
        for name in request.actors {
            let actors = try catalog.resolve(name)
            if actors.isEmpty {
                filters.notices.append("no actor named \"\(name)\" in this index")
                filters.queries.append(.matchNothing)
                continue
            }
            for actor in actors { filters.actorIDs.formUnion(catalog.map.members(of: actor.id)) }
            filters.queries.append(try catalog.query(for: actors))
        }
        if let dates = try QueryCompiler.dateFilter(since: request.since, until: request.until) {
            filters.queries.append(dates)
        }
        return filters
    }

    private func execute(
        _ parsed: QueryNode?, filters: Filters, compiler: inout QueryCompiler, request: SearchRequest
    ) throws -> SearchResponse {
        var query: XapianQuery
        do {
            query = try parsed.flatMap { try compiler.compile($0) } ?? .matchAll
        } catch let error as QueryCompiler.WildcardTooBroad {
            throw QuerySyntaxError(
                "\(error.stem)* matches more than \(compiler.wildcardLimit) words; give more letters before the *",
                column: QueryParser.column(of: error.stem + "*", in: request.query))
        }
        if !filters.queries.isEmpty {
            query = try XapianQuery.combine(.filter, [query] + filters.queries)
        }
        var options = SearchOptions()
        options.offset = request.offset
        options.limit = request.limit
        options.timeLimitSeconds = timeLimitSeconds
        // Counts up to this many matches are exact; beyond it `total` is Xapian's estimate.
        options.checkAtLeast = max(request.offset + request.limit + 1, exactCountLimit)
        options.weighting = request.ranking.weighting
        switch request.sort {
        case .relevance:
            options.sort = request.ranking.newestFirstOnTies ? .relevanceThenValueDescending : .relevance
            options.expansion = request.ranking.expansion(forQueryOf: parsed.map { compiler.searchedWords($0) } ?? 0)
        case .newest: options.sort = .valueDescending
        case .oldest: options.sort = .valueAscending
        }
        options.sortSlot = Schema.Slot.date
        if request.facets {
            try index.requireLocal("counting actors over matches (--facets)")
            options.facetPrefix = Schema.Prefix.actor
            options.facetMapping = catalog.map.facetMapping
            options.checkAtLeast = try database.documentCount()
        }
        let matches = try database.search(query, options: options)
        var actorHighlights = compiler.highlightActors.union(filters.actorIDs)
        if !actorHighlights.isEmpty {
            for id in actorHighlights {
                if !fileMap.isIdentity { actorHighlights.formUnion(fileMap.members(of: fileMap.canonical(id) ?? id)) }
                // Ids a remap merged into this actor.
                for value in try index.metadata(Schema.Metadata.mergedPrefix + id) {
                    actorHighlights.formUnion(value.split(separator: "\n").map(String.init))
                }
            }
        }
        let snippets = request.snippets ? SnippetBuilder(analyzer: analyzer, extractor: actorHighlights.isEmpty ? nil : extractor) : nil
        var hits: [SearchHit] = []
        for index in 0..<matches.count {
            let data = try matches.documentData(at: index)
            guard let stored = try? StoredArticle.decode(data, includingBody: request.snippets) else { continue }
            hits.append(SearchHit(
                rank: request.offset + index + 1, id: stored.id, score: matches.weight(at: index), title: stored.title,
                date: stored.date, source: stored.source, url: stored.url, path: stored.path,
                snippet: snippets?.snippet(
                    of: stored, terms: compiler.highlightTerms, prefixes: compiler.highlightPrefixes, actors: actorHighlights)
                    ?? Snippet(text: "", highlights: []),
                actors: catalog.map.apply(to: stored.actors) { try? self.catalog.actor(id: $0) }.prefix(5).map {
                    ActorRef(id: $0.id, name: $0.name, type: $0.type)
                }))
        }
        var facets: [ActorCount] = []
        if request.facets {
            for facet in matches.facets.prefix(request.facetLimit) {
                let actor = try catalog.actor(id: facet.term) ?? ActorRef(id: facet.term, name: facet.term, type: .org)
                facets.append(ActorCount(actor: actor, documents: facet.documents))
            }
        }
        return SearchResponse(
            query: request.query, total: matches.estimatedMatches, totalIsExact: matches.lowerBound == matches.upperBound,
            offset: request.offset, limit: request.limit, hits: hits, matchedAny: false, notices: compiler.notices,
            facets: facets)
    }
}

/// An index opened for reading: the combined database (all shards searched as one) and each
/// shard on its own, because Xapian reads metadata (the actor catalog) from the first one only.
public struct OpenIndex {
    public let database: XapianDatabase
    public let shards: [XapianDatabase]
    /// Some shards are served by xapian-tcpsrv (their features are limited; see `requireLocal`).
    public let hasRemoteShards: Bool

    /// Metadata values of `key` from every shard (empty values left out).
    public func metadata(_ key: String) throws(GazetteError) -> [String] {
        var values: [String] = []
        for shard in shards {
            let value = try shard.metadata(key)
            if !value.isEmpty { values.append(value) }
        }
        return values
    }

    /// The languages indexed, over all shards.
    public func languages() throws(GazetteError) -> [String] {
        Set(try metadata(Schema.Metadata.languages).flatMap { $0.split(separator: " ").map(String.init) }).sorted()
    }

    public func reopen() throws(GazetteError) {
        try database.reopen()
        for shard in shards where shard !== database { try shard.reopen() }
    }

    /// Fails clearly for features Xapian's remote protocol cannot carry (it cannot run Gazette's
    /// own match spy, which counts actors), instead of returning silently wrong answers.
    public func requireLocal(_ feature: String) throws(GazetteError) {
        guard hasRemoteShards else { return }
        throw GazetteError(.unimplemented, "\(feature) is not available when the index has remote (tcp://) shards: Xapian's remote backend cannot run Gazette's actor counter; search the shards' machines directly for it")
    }
}

/// Opens an index for reading with a clear message when there is none. The path is an index
/// folder (one database, or shards tied by a Xapian stub), or a shard list file: one index folder
/// or `tcp://HOST:PORT` (served by `xapian-tcpsrv`) per line, searched together as one index.
public enum IndexReader {
    public static func open(_ path: String) throws -> OpenIndex {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw GazetteError(.databaseNotFound, "no index at \(path); create one with `gazette index PATH...`")
        }
        if !isDirectory.boolValue { return try openShardList(path) }
        return try openFolder(path)
    }

    static func openFolder(_ path: String) throws -> OpenIndex {
        do {
            let database = try XapianDatabase.openForReading(path)
            guard let layout = try IndexLayout.existing(at: path), layout.isSharded else {
                return OpenIndex(database: database, shards: [database], hasRemoteShards: false)
            }
            return OpenIndex(database: database, shards: try layout.shards.map { try XapianDatabase.openForReading($0) }, hasRemoteShards: false)
        } catch let error as GazetteError {
            guard error.code == .databaseNotFound || error.code == .databaseOpening else { throw error }
            throw GazetteError(error.code, "\(path) is not a Gazette index (\(error.message)); create one with `gazette index PATH...`")
        }
    }

    static func openShardList(_ path: String) throws -> OpenIndex {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GazetteError(.io, "cannot read the shard list \(path)")
        }
        let base = (path as NSString).deletingLastPathComponent
        let combined = try XapianDatabase.combined()
        var shards: [XapianDatabase] = []
        var remote = false
        for (number, raw) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let opened: OpenIndex
            if line.hasPrefix("tcp://") {
                let address = line.dropFirst("tcp://".count)
                guard let colon = address.lastIndex(of: ":"), let port = UInt32(address[address.index(after: colon)...]), !address[..<colon].isEmpty else {
                    throw GazetteError(.invalidArgument, "\(path):\(number + 1): expected tcp://HOST:PORT, found \(line)")
                }
                let database = try XapianDatabase.openRemote(host: String(address[..<colon]), port: port)
                opened = OpenIndex(database: database, shards: [database], hasRemoteShards: true)
                remote = true
            } else {
                opened = try openFolder(line.hasPrefix("/") ? line : base + "/" + line)
            }
            try combined.addShard(opened.database)
            shards += opened.shards
        }
        guard !shards.isEmpty else { throw GazetteError(.databaseOpening, "the shard list \(path) names no shards") }
        return OpenIndex(database: combined, shards: shards, hasRemoteShards: remote)
    }
}
