import Foundation

extension ActorMap {
    /// The alias file that applies to the index at `indexPath`: `explicitPath` when given (it must
    /// exist), else `actors.toml` inside the index folder when there is one.
    public static func aliasFile(indexPath: String, explicitPath: String?) throws(ActorAliasFileError) -> ActorAliasFile? {
        if let explicitPath { return try ActorAliasFile.load(path: explicitPath, required: true) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: indexPath, isDirectory: &isDirectory), isDirectory.boolValue else {
            return nil
        }
        return try ActorAliasFile.load(path: indexPath + "/" + defaultFileName, required: false)
    }

    public static let defaultFileName = "actors.toml"

    /// The map queries on `index` must apply for `file`: the identity when there is no file, or
    /// when `gazette remap` already wrote this very file into every shard.
    public static func forQueries(_ file: ActorAliasFile?, index: OpenIndex) throws -> ActorMap {
        guard let file, !file.isEmpty else { return .identity }
        let map = try ActorMap(file: file)
        if try isApplied(file.fingerprint, in: index) { return .identity }
        return map
    }

    static func isApplied(_ fingerprint: String, in index: OpenIndex) throws(GazetteError) -> Bool {
        var applied = 0
        for shard in index.shards {
            let recorded = try shard.metadata(Schema.Metadata.actorRemap).split(separator: "\n")
            if recorded.contains(Substring(fingerprint)) { applied += 1 }
        }
        return applied == index.shards.count && !index.shards.isEmpty
    }
}
