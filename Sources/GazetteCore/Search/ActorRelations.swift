/// Who appears with an actor, and when an actor is in the news: exact document counts over the
/// whole match set, through the user's alias file (`gazette actors --with` / `--timeline`).
public struct ActorRelations {
    let searcher: Searcher

    public init(searcher: Searcher) { self.searcher = searcher }

    public struct Cooccurrence: Sendable {
        public var actor: ActorRef
        public var query: String
        /// Documents mentioning `actor` (and matching the query).
        public var documents: Int
        /// Other actors in those documents, most shared documents first.
        public var actors: [ActorCount]
    }

    public struct MonthCount: Sendable, Equatable {
        /// "2025-12".
        public var month: String
        public var documents: Int
    }

    public struct Timeline: Sendable {
        public var actor: ActorRef
        public var query: String
        /// Documents mentioning `actor` (and matching the query), dated or not.
        public var documents: Int
        /// Matching documents without a date (not in `months`).
        public var undated: Int
        /// Every month from the first to the last with a matching document, zeros included.
        public var months: [MonthCount]
    }

    /// The one actor `name` means; several candidates are an error that lists their ids.
    public func actor(named name: String) throws -> ActorRef {
        let found = try searcher.catalog.resolve(name)
        guard let first = found.first else {
            throw GazetteError(.notFound, "no actor named \"\(name)\" in this index; `gazette actors` lists them")
        }
        guard found.count == 1 else {
            throw GazetteError(.invalidArgument, "\"\(name)\" names several actors (\(found.map(\.id).joined(separator: ", "))); give one of these ids")
        }
        return first
    }

    public func cooccurring(with name: String, query: String, type: ActorType?, limit: Int) throws -> Cooccurrence {
        let actor = try actor(named: name)
        let counts = try searcher.termCounts(request(query, actor: actor), prefix: Schema.Prefix.actor)
        var actors: [ActorCount] = []
        for item in counts.counts where item.term != actor.id {
            guard let other = try searcher.catalog.actor(id: item.term) ?? fallback(item.term) else { continue }
            if let type, other.type != type { continue }
            actors.append(ActorCount(actor: other, documents: item.documents))
        }
        actors.sort { $0.documents != $1.documents ? $0.documents > $1.documents : $0.actor.name < $1.actor.name }
        return Cooccurrence(actor: actor, query: query, documents: counts.documents, actors: Array(actors.prefix(limit)))
    }

    public func timeline(of name: String, query: String) throws -> Timeline {
        let actor = try actor(named: name)
        let counts = try searcher.termCounts(request(query, actor: actor), prefix: Schema.Prefix.month)
        var byMonth: [Int: Int] = [:]
        for item in counts.counts {
            // Month terms are M + YYYYMM; anything else under M is not a month.
            guard item.term.count == 6, let value = Int(item.term) else { continue }
            byMonth[value] = item.documents
        }
        var months: [MonthCount] = []
        if let first = byMonth.keys.min(), let last = byMonth.keys.max() {
            var year = first / 100, month = first % 100
            while year * 100 + month <= last {
                let key = year * 100 + month
                months.append(MonthCount(month: fourDigits(year) + "-" + (month < 10 ? "0" : "") + String(month), documents: byMonth[key] ?? 0))
                month += 1
                if month > 12 { month = 1; year += 1 }
            }
        }
        let dated = byMonth.values.reduce(0, +)
        return Timeline(actor: actor, query: query, documents: counts.documents, undated: counts.documents - dated, months: months)
    }

    private func request(_ query: String, actor: ActorRef) -> SearchRequest {
        var request = SearchRequest(query: query)
        // The id resolves to exactly this (canonical) actor and everything merged into it.
        request.actors = [actor.id]
        request.fallbackToAny = false
        return request
    }

    private func fallback(_ id: String) -> ActorRef? {
        ActorMap.type(of: id).map { ActorRef(id: id, name: id, type: $0) }
    }
}

/// A year with at least four digits (0987, 2025).
private func fourDigits(_ value: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}
