/// Resolves actor names written by users ("Zelenskyy", "U.S.", "Washington", "nato") to the
/// canonical actors of an index: built-in aliases first, then surface forms seen while indexing,
/// then actor ids whose name contains the words given.
public struct ActorCatalog {
    let index: OpenIndex
    var database: XapianDatabase { index.database }
    let analyzer: Analyzer
    /// Loaded on first use: searches that name no actor never pay for it.
    var gazetteer: Gazetteer { Gazetteer.builtIn }

    public init(index: OpenIndex, analyzer: Analyzer) {
        self.index = index
        self.analyzer = analyzer
    }

    /// The metadata key form of a surface: folded, single-spaced, at most 120 bytes.
    public static func aliasKey(_ surface: String) -> String {
        let folded = UnicodeFolding.fold(surface).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        var key = ""
        var bytes = 0
        for character in folded {
            bytes += character.utf8.count
            if bytes > 120 { break }
            key.append(character)
        }
        return key
    }

    /// The display name and type of an actor id, from the index catalog or the gazetteer.
    public func actor(id: String) throws(GazetteError) -> ActorRef? {
        let value = try index.metadata(Schema.Metadata.actorPrefix + id).first ?? ""
        if let tab = value.firstIndex(of: "\t"), let type = ActorType(rawValue: String(value[..<tab])) {
            return ActorRef(id: id, name: String(value[value.index(after: tab)...]), type: type)
        }
        return gazetteer.entries.first { $0.actor.id == id }?.actor
    }

    /// Actors the name can mean, restricted to `type` when given; only actors present in the
    /// index are returned.
    public func resolve(_ name: String, type: ActorType? = nil) throws(GazetteError) -> [ActorRef] {
        let trimmed = name.trimmingWhitespace()
        guard !trimmed.isEmpty else { return [] }
        var ids: [String] = []
        if let prefix = trimmed.split(separator: ":", maxSplits: 1).first, ActorType(rawValue: String(prefix)) != nil {
            ids.append(trimmed.lowercased())
        }
        ids += gazetteer.entries(named: trimmed, analyzer: analyzer).map(\.actor.id)
        ids += try index.metadata(Schema.Metadata.aliasPrefix + Self.aliasKey(trimmed))
            .flatMap { $0.split(separator: "\n").map(String.init) }
        var found = try present(unique(ids), type: type)
        if found.isEmpty { found = try bySlugWords(trimmed, type: type) }
        return found
    }

    private func present(_ ids: [String], type: ActorType?) throws(GazetteError) -> [ActorRef] {
        var result: [ActorRef] = []
        for id in ids {
            guard try database.termFrequency(TermNames.actor(id)) > 0, let actor = try actor(id: id) else { continue }
            if let type, actor.type != type { continue }
            result.append(actor)
        }
        return result
    }

    /// Actors whose id contains every word of `name` as a whole slug word ("zelensky" finds
    /// person:volodymyr-zelensky). Scans actor terms, so it is the last resort.
    private func bySlugWords(_ name: String, type: ActorType?) throws(GazetteError) -> [ActorRef] {
        let words = ActorRef.slug(name).split(separator: "-").map(String.init)
        guard !words.isEmpty else { return [] }
        let prefix = Schema.Prefix.actor + (type.map { $0.rawValue + ":" } ?? "")
        var ids: [String] = []
        let terms = try database.terms(withPrefix: prefix)
        for item in terms {
            let id = String(item.term.dropFirst(Schema.Prefix.actor.count))
            guard let colon = id.firstIndex(of: ":") else { continue }
            let slugWords = id[id.index(after: colon)...].split(separator: "-")
            if words.allSatisfy({ word in slugWords.contains { $0 == word } }) { ids.append(id) }
        }
        try terms.checkCompleted()
        return try present(ids, type: type)
    }

    private func unique(_ ids: [String]) -> [String] {
        var seen = Set<String>()
        return ids.filter { seen.insert($0).inserted }
    }
}
