import GazetteCore

/// The JSON form of a search (schema in the README).
struct SearchJSON: Encodable {
    var query: String
    var total: Int
    var totalExact: Bool
    var offset: Int
    var limit: Int
    var matchedAny: Bool
    var notices: [String]
    var hits: [Hit]
    var facets: [ActorJSON]?

    enum CodingKeys: String, CodingKey {
        case query, total, offset, limit, notices, hits, facets
        case totalExact = "total_exact"
        case matchedAny = "matched_any"
    }

    init(_ response: SearchResponse) {
        query = response.query
        total = response.total
        totalExact = response.totalIsExact
        offset = response.offset
        limit = response.limit
        matchedAny = response.matchedAny
        notices = response.notices
        hits = response.hits.map(Hit.init)
        facets = response.facets.isEmpty ? nil : response.facets.map(ActorJSON.init)
    }

    struct Hit: Encodable {
        var rank: Int
        var id: String
        var score: Double
        var title: String
        var date: String?
        var source: String?
        var url: String?
        var path: String
        /// The passage with matches in [brackets].
        var snippet: String
        /// The passage without marks, and the matches in it as [start, end) code point offsets.
        var snippetText: String
        var highlights: [[Int]]
        var actors: [ActorJSON]

        enum CodingKeys: String, CodingKey {
            case rank, id, score, title, date, source, url, path, snippet, highlights, actors
            case snippetText = "snippet_text"
        }

        init(_ hit: SearchHit) {
            rank = hit.rank
            id = hit.id
            score = (hit.score * 10_000).rounded() / 10_000
            title = hit.title
            date = hit.date
            source = hit.source
            url = hit.url
            path = hit.path
            snippet = hit.snippet.marked()
            snippetText = hit.snippet.text
            highlights = hit.snippet.codePointHighlights
            actors = hit.actors.map { ActorJSON(actor: $0, documents: nil) }
        }
    }
}

struct ActorJSON: Encodable {
    var id: String
    var name: String
    var type: String
    var documents: Int?

    init(actor: ActorRef, documents: Int?) {
        id = actor.id
        name = actor.name
        type = actor.type.rawValue
        self.documents = documents
    }

    init(_ count: ActorCount) { self.init(actor: count.actor, documents: count.documents) }
}
