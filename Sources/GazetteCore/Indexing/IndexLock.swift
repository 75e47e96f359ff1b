import Foundation

/// Opens the index for writing, waiting a bounded time for another writer, and leaves a note
/// naming this process so a second writer's error can say who holds the lock.
enum IndexLock {
    static let holderFileName = "gazette-writer.json"

    /// Opens one database (the index or one of its shards) for writing.
    static func openWriter(_ path: String, options: Indexer.Options) throws -> XapianDatabase {
        var flags: XapianDatabase.WriteOptions = [.createOrOpen]
        if options.noSync { flags.insert(.noSync) }
        let deadline = Date().addingTimeInterval(options.lockWaitSeconds)
        while true {
            let failure: GazetteError
            do {
                return try XapianDatabase.openForWriting(path, options: flags)
            } catch {
                failure = error
            }
            guard failure.code == .databaseLocked else { throw failure }
            if Date() < deadline {
                Thread.sleep(forTimeInterval: 0.1)
                continue
            }
            throw GazetteError(
                .databaseLocked,
                "index \(options.indexPath) is locked by another writer\(holderDescription(options.indexPath)); wait for it to finish or pass --wait SECONDS")
        }
    }

    /// Notes this process as the index's writer (once every shard is open).
    static func claim(_ path: String) {
        writeHolder(path)
    }

    static func release(_ path: String) {
        try? FileManager.default.removeItem(atPath: path + "/" + holderFileName)
    }

    private static func writeHolder(_ path: String) {
        let info = ["pid": "\(ProcessInfo.processInfo.processIdentifier)", "host": ProcessInfo.processInfo.hostName, "since": ISO8601DateFormatter().string(from: Date())]
        if let data = try? JSONEncoder().encode(info) {
            _ = FileManager.default.createFile(atPath: path + "/" + holderFileName, contents: data)
        }
    }

    private static func holderDescription(_ path: String) -> String {
        guard let data = FileManager.default.contents(atPath: path + "/" + holderFileName),
            let info = try? JSONDecoder().decode([String: String].self, from: data)
        else { return "" }
        return " (gazette pid \(info["pid"] ?? "?") on \(info["host"] ?? "?"), writing since \(info["since"] ?? "?"))"
    }
}
