import Foundation

/// Compacts an index after a bulk build, as xapian-compact does (full B-tree blocks, no free
/// space): each shard on its own, or all shards merged into one. The new databases are written
/// beside the old ones and swapped in by rewriting the stub file atomically, so a crash leaves
/// either the old index or the new one, never a mix.
public enum IndexCompactor {
    public struct Report: Sendable {
        public var bytesBefore: Int64
        public var bytesAfter: Int64
        public var shardsBefore: Int
        public var shardsAfter: Int
        public var seconds: Double
    }

    /// Catalog lists each shard keeps for its own documents; merged shards keep their union.
    static let mergeRules = "n" + Schema.Metadata.aliasPrefix + "\ns" + Schema.Metadata.languages

    public static func compact(indexPath: String, merge: Bool, lockWaitSeconds: Double = 0) throws -> Report {
        let started = StageTimes.now()
        guard let layout = try IndexLayout.existing(at: indexPath) else {
            throw GazetteError(.databaseNotFound, "no index at \(indexPath)")
        }
        let before = IndexStatistics.directorySize(indexPath)
        var options = Indexer.Options(indexPath: indexPath)
        options.lockWaitSeconds = lockWaitSeconds
        // Holding every shard's writer lock keeps indexers out while the copies are made.
        var locks = try layout.shards.map { try IndexLock.openWriter($0, options: options) }

        let statements = try IndexLayout.existing(at: indexPath + "/" + Schema.statementsFolder)
        if let statements { locks += try statements.shards.map { try IndexLock.openWriter($0, options: options) } }

        let generation = String(Int(Date().timeIntervalSince1970 * 1000))
        // The statement index first: its stub is swapped in before the article index's, and
        // both keep the same shard names and order, so article and statements share a shard.
        if let statements { try compact(statements, merge: merge, generation: generation) }
        let outputs = try compact(layout, merge: merge, generation: generation)
        locks.removeAll()
        if let statements { try removeOldDatabases(statements) }
        try removeOldDatabases(layout)
        return Report(
            bytesBefore: before, bytesAfter: IndexStatistics.directorySize(indexPath), shardsBefore: layout.shards.count,
            shardsAfter: outputs.count, seconds: StageTimes.now() - started)
    }

    /// Compacts the databases of `layout` into new ones beside them and points its stub at them.
    @discardableResult
    private static func compact(_ layout: IndexLayout, merge: Bool, generation: String) throws -> [String] {
        var outputs: [String] = []
        if merge {
            let combined = try XapianDatabase.combined()
            for shard in layout.shards { try combined.addShard(try XapianDatabase.openForReading(shard)) }
            outputs.append(IndexLayout.shardPrefix + "00-" + generation)
            try combined.compact(to: layout.path + "/" + outputs[0], mergeRules: mergeRules)
        } else {
            for (number, shard) in layout.shards.enumerated() {
                let name = IndexLayout.shardPrefix + (number < 10 ? "0\(number)" : "\(number)") + "-" + generation
                try XapianDatabase.openForReading(shard).compact(to: layout.path + "/" + name, mergeRules: mergeRules)
                outputs.append(name)
            }
        }
        // Shard order decides which shard a document id belongs to: keep it.
        let stub = outputs.map { "auto \($0)" }.joined(separator: "\n") + "\n"
        try Data(stub.utf8).write(to: URL(fileURLWithPath: layout.path + "/" + IndexLayout.stubName), options: .atomic)
        return outputs
    }

    private static func removeOldDatabases(_ layout: IndexLayout) throws {
        let manager = FileManager.default
        for shard in layout.shards where shard != layout.path {
            try manager.removeItem(atPath: shard)
        }
        guard layout.shards.contains(layout.path) else { return }
        // The index folder itself held the database: remove its files, keep anything else.
        for name in try manager.contentsOfDirectory(atPath: layout.path)
        where name == "iamglass" || name == "flintlock" || name.hasSuffix(".glass") {
            try manager.removeItem(atPath: layout.path + "/" + name)
        }
    }
}
