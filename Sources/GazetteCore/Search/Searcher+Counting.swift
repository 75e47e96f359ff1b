/// Exact counts over a whole match set, for co-occurrence and timelines: every matching document
/// is examined (check_at_least = document count), never an estimate.
extension Searcher {
    public struct TermCounts: Sendable {
        /// Documents matching the query and filters.
        public var documents: Int
        /// Terms under the prefix (without it) and how many matching documents have each.
        public var counts: [(term: String, documents: Int)]
    }

    /// Documents per term under `prefix` over the documents matching `request`'s query, actors and
    /// dates (an empty query matches every document). Actor terms go through the alias file's
    /// merges and drops when `prefix` is the actor prefix.
    public func termCounts(_ request: SearchRequest, prefix: String) throws -> TermCounts {
        var attempts = 0
        while true {
            do {
                return try countTerms(request, prefix: prefix)
            } catch let error as GazetteError {
                guard error.code == .databaseModified, attempts < 5 else { throw error }
                attempts += 1
                try index.reopen()
            }
        }
    }

    private func countTerms(_ request: SearchRequest, prefix: String) throws -> TermCounts {
        try index.requireLocal("counting over matches")
        let parsed = try QueryParser.parse(request.query)
        let filters = try filterQueries(request)
        var compiler = QueryCompiler(
            analyzer: analyzer, languages: try index.languages(), catalog: catalog, mode: request.match,
            dropStopWords: request.ranking.dropsStopWords)
        var query: XapianQuery
        do {
            query = try parsed.flatMap { try compiler.compile($0) } ?? .matchAll
        } catch let error as QueryCompiler.WildcardTooBroad {
            throw QuerySyntaxError(
                "\(error.stem)* matches more than \(compiler.wildcardLimit) words; give more letters before the *",
                column: QueryParser.column(of: error.stem + "*", in: request.query))
        }
        if !filters.queries.isEmpty { query = try XapianQuery.combine(.filter, [query] + filters.queries) }
        var options = SearchOptions()
        options.limit = 0
        options.checkAtLeast = try database.documentCount()
        options.timeLimitSeconds = timeLimitSeconds
        options.facetPrefix = prefix
        if prefix == Schema.Prefix.actor { options.facetMapping = catalog.map.facetMapping }
        let matches = try database.search(query, options: options)
        return TermCounts(documents: matches.estimatedMatches, counts: matches.facets)
    }
}
