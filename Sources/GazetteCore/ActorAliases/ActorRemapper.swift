import Foundation

/// Writes an alias file into an index (`gazette remap`): actor terms of merged actors move to the
/// actor they were merged into (same positions), dropped actors' terms go, stored actor lists and
/// the actor catalog get the new ids and names. Only documents that mention an affected actor are
/// touched, and nothing is re-extracted. Afterwards queries need not apply the file any more.
public enum ActorRemapper {
    public struct Report: Sendable {
        public var shards: Int
        /// Documents rewritten.
        public var documents: Int
        /// Actor ids merged away or dropped.
        public var actorsRemoved: Int
        public var seconds: Double
    }

    public static func remap(indexPath: String, file: ActorAliasFile, lockWaitSeconds: Double = 0) throws -> Report {
        let started = Date()
        let map = try ActorMap(file: file)
        guard let layout = try IndexLayout.existing(at: indexPath) else {
            throw GazetteError(.databaseNotFound, "no index at \(indexPath); create one with `gazette index PATH...`")
        }
        // Display names and types come from the whole index (a merge target may live in another shard).
        let reader = try IndexReader.open(indexPath)
        let catalog = ActorCatalog(index: reader, analyzer: try Analyzer(), map: map)
        var display: [String: ActorRef] = [:]
        for id in Set(map.target.values).union(map.names.keys) where !map.dropped.contains(id) {
            display[id] = try catalog.actor(id: id)
        }
        let termMapping = (map.target.map { ($0.key, map.dropped.contains($0.value) ? "" : $0.value) }
            + map.dropped.map { ($0, "") })
            .map { TermNames.actor($0.0) + "\t" + ($0.1.isEmpty ? "" : TermNames.actor($0.1)) }
            .joined(separator: "\n")
        // Documents to rewrite: those with a merged, dropped or renamed actor.
        let touched = Set(map.target.keys).union(map.dropped).union(map.names.keys)

        var options = Indexer.Options(indexPath: indexPath)
        options.lockWaitSeconds = lockWaitSeconds
        let writers = try layout.shards.map { try IndexLock.openWriter($0, options: options) }
        IndexLock.claim(indexPath)
        defer { IndexLock.release(indexPath) }
        var documents = 0
        for database in writers {
            var docids = Set<UInt32>()
            for id in touched { docids.formUnion(try database.documents(withTerm: TermNames.actor(id))) }
            for docid in docids.sorted() {
                var article = try StoredArticle.decode(try database.documentData(docid))
                article.actors = map.apply(to: article.actors) { display[$0] }
                try database.remapDocumentTerms(docid, mapping: termMapping, data: article.documentData())
                documents += 1
            }
            try rewriteCatalog(of: database, map: map, display: display)
            try database.commit()
        }
        return Report(
            shards: writers.count, documents: documents, actorsRemoved: map.target.count + map.dropped.count,
            seconds: Date().timeIntervalSince(started))
    }

    /// Actor names, the surfaces that find each actor (user aliases and old ids included), and the
    /// record that this file now holds for every document of the shard.
    private static func rewriteCatalog(of database: XapianDatabase, map: ActorMap, display: [String: ActorRef]) throws {
        for (id, actor) in display {
            try database.setMetadata(Schema.Metadata.actorPrefix + id, actor.type.rawValue + "\t" + actor.name)
        }
        for (canonical, members) in map.merged where !map.dropped.contains(canonical) {
            let key = Schema.Metadata.mergedPrefix + canonical
            let known = Set(try database.metadata(key).split(separator: "\n").map(String.init))
            try database.setMetadata(key, known.union(members).sorted().joined(separator: "\n"))
        }
        var aliases: [String: Set<String>] = [:]
        let keys = try database.metadataKeys(withPrefix: Schema.Metadata.aliasPrefix)
        for item in keys {
            let ids = try database.metadata(item.term).split(separator: "\n").map(String.init)
            let mapped = Set(ids.compactMap(map.canonical))
            if mapped != Set(ids) { aliases[item.term] = mapped }
        }
        try keys.checkCompleted()
        // An old id typed by a user still finds the actor it went into.
        for (member, canonical) in map.target where !map.dropped.contains(canonical) {
            aliases[Schema.Metadata.aliasPrefix + ActorCatalog.aliasKey(member), default: []].insert(canonical)
        }
        for (key, ids) in map.aliases {
            aliases[Schema.Metadata.aliasPrefix + key, default: []].formUnion(ids)
        }
        for (key, ids) in aliases {
            var all = ids
            if !map.target.keys.contains(where: { key == Schema.Metadata.aliasPrefix + ActorCatalog.aliasKey($0) }) {
                // Keep ids stored under the key that the map leaves alone.
                all.formUnion(try database.metadata(key).split(separator: "\n").map(String.init).compactMap(map.canonical))
            }
            try database.setMetadata(key, all.sorted().joined(separator: "\n"))
        }
        let recorded = try database.metadata(Schema.Metadata.actorRemap).split(separator: "\n").map(String.init)
        if let fingerprint = map.fingerprint, !recorded.contains(fingerprint) {
            try database.setMetadata(Schema.Metadata.actorRemap, (recorded + [fingerprint]).joined(separator: "\n"))
        }
    }
}
