import Foundation

/// Actors of an index with document counts, for `gazette actors`.
public struct ActorListing {
    let searcher: Searcher

    public init(searcher: Searcher) { self.searcher = searcher }

    /// Actors by number of documents. With a query (or filters) the counts are over its matches.
    public func list(query: String, type: ActorType?, limit: Int) throws -> [ActorCount] {
        var counts: [ActorCount]
        if query.trimmingWhitespace().isEmpty {
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
