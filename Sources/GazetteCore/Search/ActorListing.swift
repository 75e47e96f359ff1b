import Foundation

/// Actors of an index with document counts, for `gazette actors`.
public struct ActorListing {
    let searcher: Searcher

    public init(searcher: Searcher) { self.searcher = searcher }

    /// Actors by number of documents. With a query (or filters) the counts are over its matches.
    public func list(query: String, type: ActorType?, limit: Int) throws -> [ActorCount] {
        var counts: [ActorCount]
        if query.trimmingWhitespace().isEmpty, !searcher.actorMap.isIdentity {
            // Merged actors must count once per document: count over every document instead of
            // adding up term frequencies.
            counts = try searcher.termCounts(SearchRequest(), prefix: Schema.Prefix.actor).counts.map { item in
                ActorCount(actor: try searcher.catalog.actor(id: item.term) ?? ActorRef(id: item.term, name: item.term, type: ActorMap.type(of: item.term) ?? .org), documents: item.documents)
            }
            if let type { counts = counts.filter { $0.actor.type == type } }
        } else if query.trimmingWhitespace().isEmpty {
            counts = []
            let prefix = Schema.Prefix.actor + (type.map { $0.rawValue + ":" } ?? "")
            let terms = try searcher.database.terms(withPrefix: prefix)
            for item in terms {
                let id = String(item.term.dropFirst(Schema.Prefix.actor.count))
                let actor = try searcher.catalog.actor(id: id) ?? ActorRef(id: id, name: id, type: type ?? .org)
                counts.append(ActorCount(actor: actor, documents: item.frequency))
            }
            try terms.checkCompleted()
        } else {
            var request = SearchRequest(query: query)
            request.facets = true
            request.limit = 0
            request.facetLimit = Int.max
            counts = try searcher.search(request).facets
            if let type { counts = counts.filter { $0.actor.type == type } }
        }
        counts.sort { $0.documents != $1.documents ? $0.documents > $1.documents : $0.actor.name < $1.actor.name }
        return Array(counts.prefix(limit))
    }
}

/// Looks up one stored article by id (or by the path it was indexed from).
public enum ArticleLookup {
    public static func find(_ idOrPath: String, in index: OpenIndex) throws -> StoredArticle? {
        let database = index.database
        var candidates = [idOrPath]
        if !idOrPath.hasPrefix("/") {
            candidates.append(FileManager.default.currentDirectoryPath + "/" + idOrPath)
        }
        // Indexed paths are absolute with `..` and symlinks resolved: a path given another way
        // ("../shared/seeds/a.md" through a symlink) names the same file.
        let url = URL(fileURLWithPath: candidates.last!)
        for resolved in [url.standardizedFileURL.path, url.resolvingSymlinksInPath().path] where !candidates.contains(resolved) {
            candidates.append(resolved)
        }
        for candidate in candidates {
            if let docid = try database.firstDocument(withTerm: TermNames.id(candidate)) {
                return try StoredArticle.decode(database.documentData(docid))
            }
            if let docid = try database.firstDocument(withTerm: TermNames.path(candidate)) {
                return try StoredArticle.decode(database.documentData(docid))
            }
        }
        return nil
    }
}
