import Foundation

/// Opens the index for writing, waiting a bounded time for another writer, and leaves a note
/// naming this process so a second writer's error can say who holds the lock.
enum IndexLock {
    static let holderFileName = "gazette-writer.json"

    static func openWriter(_ options: Indexer.Options) throws -> XapianDatabase {
        let path = options.indexPath
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        var flags: XapianDatabase.WriteOptions = options.rebuild ? [.overwrite] : [.createOrOpen]
        if options.noSync { flags.insert(.noSync) }
        let deadline = Date().addingTimeInterval(options.lockWaitSeconds)
        while true {
            let failure: GazetteError
            do {
                let database = try XapianDatabase.openForWriting(path, options: flags)
                writeHolder(path)
                return database
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
                "index \(path) is locked by another writer\(holderDescription(path)); wait for it to finish or pass --wait SECONDS")
        }
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
