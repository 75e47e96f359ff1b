import Foundation

/// How an index lives on disk: one Xapian database in the index folder, or several shards
/// (`shard-00`, `shard-01`, ...) tied together by a Xapian stub file `XAPIANDB` in the folder, so
/// readers (Gazette, `xapian-delve`, anything using Xapian) open the folder as one database.
/// A document lives in the shard chosen by a hash of its id, so an update always finds it.
public struct IndexLayout: Sendable, Equatable {
    public let path: String
    /// Absolute paths of the shard databases (the index folder itself for a single database).
    public let shards: [String]

    static let stubName = "XAPIANDB"
    static let shardPrefix = "shard-"

    public var isSharded: Bool { shards.count > 1 || shards.first != path }

    /// The layout of the index at `path`, or nil when there is none.
    public static func existing(at path: String) throws -> IndexLayout? {
        let manager = FileManager.default
        if manager.fileExists(atPath: path + "/iamglass") { return IndexLayout(path: path, shards: [path]) }
        guard let stub = manager.contents(atPath: path + "/" + stubName) else { return nil }
        var shards: [String] = []
        for line in String(decoding: stub, as: UTF8.self).split(separator: "\n") {
            let words = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard words.count == 2, words[0] == "auto" || words[0] == "glass" else { continue }
            shards.append(words[1].hasPrefix("/") ? words[1] : path + "/" + words[1])
        }
        guard !shards.isEmpty else {
            throw GazetteError(.databaseOpening, "\(path)/\(stubName) lists no local shards")
        }
        return IndexLayout(path: path, shards: shards)
    }

    /// The layout to write: the existing one, or a new one with `shardCount` shards (a rebuild
    /// removes the old databases first and may change the shard count). A new sharded layout gets
    /// its stub from `publish()` once its shards exist, so no reader (and no run killed halfway)
    /// ever meets a stub naming missing shards.
    public static func prepareForWriting(at path: String, shardCount: Int, rebuild: Bool) throws -> IndexLayout {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        if !rebuild, let existing = try existing(at: path) { return existing }
        try removeDatabases(in: path)
        let count = max(1, shardCount)
        if count == 1 { return IndexLayout(path: path, shards: [path]) }
        return IndexLayout(path: path, shards: (0..<count).map { path + "/" + shardPrefix + ($0 < 10 ? "0\($0)" : "\($0)") })
    }

    /// Writes the stub that makes the shards one index (atomically; nothing for a single database).
    public func publish() throws {
        guard isSharded else { return }
        let stub = shards.map { "auto " + (($0 as NSString).lastPathComponent) }.joined(separator: "\n") + "\n"
        let current = FileManager.default.contents(atPath: path + "/" + Self.stubName)
        guard current != Data(stub.utf8) else { return }
        try Data(stub.utf8).write(to: URL(fileURLWithPath: path + "/" + Self.stubName), options: .atomic)
    }

    /// The statement index beside this article index: `statements/` holding one database, or
    /// shards named like the article shards, so an article and its statements share a shard number.
    public var statements: IndexLayout {
        let folder = path + "/" + Schema.statementsFolder
        guard isSharded else { return IndexLayout(path: folder, shards: [folder]) }
        return IndexLayout(path: folder, shards: shards.map { folder + "/" + ($0 as NSString).lastPathComponent })
    }

    /// The shard holding the document with this id.
    public func shard(for id: String) -> Int {
        shards.count == 1 ? 0 : Int(Self.fnv1a(id) % UInt64(shards.count))
    }

    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// Removes Gazette's databases from `path`, leaving any other files (such as a README) alone.
    static func removeDatabases(in path: String) throws {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: path) else { return }
        for name in names {
            let isXapianFile = name == "iamglass" || name == "flintlock" || name.hasSuffix(".glass")
                || name.hasSuffix(".tmp") || name == stubName
            if isXapianFile || name.hasPrefix(shardPrefix) || name == Schema.statementsFolder {
                try manager.removeItem(atPath: path + "/" + name)
            }
        }
    }
}
