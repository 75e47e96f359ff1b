/// An alias file resolved into the lookups queries need: which actor each indexed actor id now
/// stands for (merges, drops), display names, and extra names. The identity map changes nothing.
public struct ActorMap: Sendable {
    /// Merged actor id -> the id it was merged into (already followed to the end of any chain).
    private(set) var target: [String: String] = [:]
    /// Canonical ids whose actors are false positives.
    private(set) var dropped = Set<String>()
    /// Canonical id -> display name chosen by the user.
    private(set) var names: [String: String] = [:]
    /// Folded name (`ActorCatalog.aliasKey`) -> canonical ids.
    private(set) var aliases: [String: [String]] = [:]
    /// Canonical id -> ids merged into it (without itself).
    private(set) var merged: [String: [String]] = [:]
    /// The alias file's fingerprint (nil for the identity map).
    public private(set) var fingerprint: String?

    public static let identity = ActorMap()

    public var isIdentity: Bool { target.isEmpty && dropped.isEmpty && names.isEmpty && aliases.isEmpty }

    private init() {}

    public init(file: ActorAliasFile) throws(ActorAliasFileError) {
        fingerprint = file.fingerprint
        func fail(_ line: Int, _ reason: String) -> ActorAliasFileError {
            ActorAliasFileError(path: file.path, line: line, reason: reason)
        }
        // Direct merge edges; an actor can go into one place only.
        var into: [String: (id: String, line: Int)] = [:]
        for merge in file.merges {
            for actor in merge.actors {
                if let earlier = into[actor], earlier.id != merge.into {
                    throw fail(merge.line, "\(actor) is already merged into \(earlier.id) (line \(earlier.line))")
                }
                into[actor] = (merge.into, merge.line)
            }
        }
        // Follow chains (a into b, b into c) to their end, refusing cycles.
        for (actor, first) in into {
            var seen: Set<String> = [actor]
            var current = first.id
            while let next = into[current] {
                guard seen.insert(current).inserted else {
                    throw fail(first.line, "merging \(actor) into \(first.id) makes a cycle")
                }
                current = next.id
            }
            if current == actor { throw fail(first.line, "merging \(actor) into \(first.id) makes a cycle") }
            target[actor] = current
        }
        for (member, canonical) in target { merged[canonical, default: []].append(member) }
        for key in merged.keys { merged[key]?.sort() }

        var nameLines: [String: Int] = [:]
        func setName(_ name: String, of id: String, line: Int) throws(ActorAliasFileError) {
            if let member = target[id] {
                throw fail(line, "\(id) is merged into \(member): name \(member) instead")
            }
            if let earlier = names[id], earlier != name {
                throw fail(line, "\(id) is already named \"\(earlier)\" (line \(nameLines[id] ?? 0))")
            }
            names[id] = name
            nameLines[id] = line
        }
        for merge in file.merges where merge.name != nil {
            try setName(merge.name!, of: merge.into, line: merge.line)
        }
        for rename in file.renames { try setName(rename.name, of: rename.actor, line: rename.line) }
        for drop in file.drops {
            for actor in drop.actors {
                if let canonical = target[actor] {
                    throw fail(drop.line, "\(actor) is merged into \(canonical): drop \(canonical), or take \(actor) out of the merge")
                }
                dropped.insert(actor)
            }
        }
        // The names given in the file find their actors too.
        for (id, name) in names {
            let key = ActorCatalog.aliasKey(name)
            if !key.isEmpty, !(aliases[key]?.contains(id) ?? false) { aliases[key, default: []].append(id) }
        }
        for alias in file.aliases {
            let canonical = target[alias.actor] ?? alias.actor
            if dropped.contains(canonical) { throw fail(alias.line, "\(alias.actor) is dropped; it cannot have aliases") }
            for name in alias.names {
                let key = ActorCatalog.aliasKey(name)
                guard !key.isEmpty else { continue }
                if !(aliases[key]?.contains(canonical) ?? false) { aliases[key, default: []].append(canonical) }
            }
        }
        for (canonical, _) in names where dropped.contains(canonical) {
            throw fail(nameLines[canonical] ?? 0, "\(canonical) is dropped; it cannot be renamed")
        }
    }

    /// The actor an indexed actor id stands for, or nil when it was dropped.
    public func canonical(_ id: String) -> String? {
        let resolved = target[id] ?? id
        return dropped.contains(resolved) ? nil : resolved
    }

    /// The indexed ids a canonical actor stands for: itself and everything merged into it.
    public func members(of canonical: String) -> [String] {
        [canonical] + (merged[canonical] ?? [])
    }

    /// Ids that exist only because of the file (merge targets) or got a new name in it: the
    /// index's own term list does not know them by these names.
    var introducedIDs: [String] { Array(Set(target.values).union(names.keys)).sorted() }

    /// Display name chosen in the alias file, if any.
    public func name(of canonical: String) -> String? { names[canonical] }

    /// Canonical ids the user gave this name to.
    public func aliasTargets(_ name: String) -> [String] { aliases[ActorCatalog.aliasKey(name)] ?? [] }

    /// For the shim's facet counter: "id\tcanonical" per merged id, "id\t" per dropped one (the
    /// counter counts each canonical key once per document).
    var facetMapping: String {
        var lines: [String] = []
        for (member, canonical) in target.sorted(by: { $0.key < $1.key }) {
            lines.append(member + "\t" + (dropped.contains(canonical) ? "" : canonical))
        }
        for id in dropped.sorted() { lines.append(id + "\t") }
        return lines.joined(separator: "\n")
    }

    /// An article's actors as the map sees them: merged ones summed, dropped ones gone, renamed,
    /// most mentioned first.
    /// `actorNamed` gives the display name and type of a canonical id that differs from the stored one.
    public func apply(
        to actors: [StoredArticle.StoredActor], actorNamed: (String) -> ActorRef?
    ) -> [StoredArticle.StoredActor] {
        guard !isIdentity else { return actors }
        var result: [String: StoredArticle.StoredActor] = [:]
        for actor in actors {
            guard let id = canonical(actor.id) else { continue }
            if var existing = result[id] {
                existing.mentions += actor.mentions
                // The merge target's own stored name beats a merged actor's.
                if actor.id == id, names[id] == nil { existing.name = actor.name; existing.type = actor.type }
                result[id] = existing
            } else {
                let named = id == actor.id ? ActorRef(id: id, name: actor.name, type: actor.type)
                    : actorNamed(id) ?? ActorRef(id: id, name: actor.name, type: Self.type(of: id) ?? actor.type)
                result[id] = StoredArticle.StoredActor(
                    id: id, name: names[id] ?? named.name, type: named.type, mentions: actor.mentions)
            }
        }
        return result.values.sorted { $0.mentions != $1.mentions ? $0.mentions > $1.mentions : $0.id < $1.id }
    }

    /// The type written in an actor id ("place:..." is a place).
    static func type(of id: String) -> ActorType? {
        guard let colon = id.firstIndex(of: ":") else { return nil }
        return ActorType(rawValue: String(id[..<colon]))
    }
}
