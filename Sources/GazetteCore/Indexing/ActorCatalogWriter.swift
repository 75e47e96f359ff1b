/// Keeps the index's actor catalog (metadata) up to date: each actor's display name and type, and
/// the surface forms seen for it, which query-time actor resolution looks up.
struct ActorCatalogWriter {
    private var newActors: [String: ActorRef] = [:]
    private var newAliases: [String: Set<String>] = [:]
    private var writtenActors = Set<String>()
    private var writtenAliases = Set<String>()

    mutating func add(_ actor: ActorRef, surface: String) {
        if !writtenActors.contains(actor.id) { newActors[actor.id] = actor }
        let alias = ActorCatalog.aliasKey(surface)
        guard !alias.isEmpty, !writtenAliases.contains(alias + "\n" + actor.id) else { return }
        newAliases[alias, default: []].insert(actor.id)
    }

    mutating func write(to database: XapianDatabase) throws {
        for (id, actor) in newActors {
            let key = Schema.Metadata.actorPrefix + id
            if try database.metadata(key).isEmpty {
                try database.setMetadata(key, actor.type.rawValue + "\t" + actor.name)
            }
            writtenActors.insert(id)
        }
        for (alias, ids) in newAliases {
            let key = Schema.Metadata.aliasPrefix + alias
            var known = Set(try database.metadata(key).split(separator: "\n").map(String.init))
            let before = known.count
            known.formUnion(ids)
            if known.count != before { try database.setMetadata(key, known.sorted().joined(separator: "\n")) }
            for id in ids { writtenAliases.insert(alias + "\n" + id) }
        }
        newActors.removeAll(keepingCapacity: true)
        newAliases.removeAll(keepingCapacity: true)
    }
}
