import Foundation
import Testing
@testable import GazetteCore

/// Sharded, compacted and remote indexes must answer exactly like a single database.
@Suite("Shards, compaction and remote search")
struct ShardingTests {
    static let queries = [
        "\"security guarantees\"", "ceasefire NOT crimea", "actor:zelensky NEAR/5 \"security guarantees\"",
        "grain OR sanctions", "date:2025-12", "title:(peace talks)", "guarant*", "ウクライナ",
    ]

    /// (id, score) of every hit, ordered by score and then id so that ties compare equal.
    static func results(_ indexPath: String, _ query: String, actors: [String] = []) throws -> [String] {
        var request = SearchRequest(query: query)
        request.limit = 200
        request.actors = actors
        let response = try Searcher(indexPath: indexPath).search(request)
        return response.hits
            .sorted { ($0.score, $1.id) > ($1.score, $0.id) }
            .map { "\($0.id) \(String(format: "%.6f", $0.score))" }
    }

    static func index(_ paths: [String], into path: String, shards: Int) throws {
        var options = Indexer.Options(indexPath: path)
        options.shards = shards
        options.jobs = shards
        let report = try Indexer(options: options).run(paths: paths)
        precondition(report.failures.isEmpty)
    }

    @Test func shardCountDoesNotChangeResults() throws {
        let single = TemporaryDirectory()
        let sharded = TemporaryDirectory()
        try Self.index([Repository.samples], into: single.path, shards: 1)
        try Self.index([Repository.samples], into: sharded.path, shards: 3)
        #expect(try IndexLayout.existing(at: sharded.path)?.shards.count == 3)
        for query in Self.queries {
            #expect(try Self.results(single.path, query) == Self.results(sharded.path, query), "\(query)")
        }
        #expect(try Self.results(single.path, "", actors: ["Zelenskyy"]) == Self.results(sharded.path, "", actors: ["Zelenskyy"]))
    }

    @Test func compactionAndMergingKeepResultsAndCatalog() throws {
        let index = TemporaryDirectory()
        try Self.index([Repository.samples], into: index.path, shards: 2)
        let before = try Self.queries.map { try Self.results(index.path, $0) }
        let actorsBefore = try ActorListing(searcher: Searcher(indexPath: index.path)).list(query: "", type: nil, limit: 1000).map(\.actor.id)

        let compacted = try IndexCompactor.compact(indexPath: index.path, merge: false)
        #expect(compacted.shardsAfter == 2)
        #expect(try Self.queries.map { try Self.results(index.path, $0) } == before)

        let merged = try IndexCompactor.compact(indexPath: index.path, merge: true)
        #expect(merged.shardsAfter == 1)
        #expect(try Self.queries.map { try Self.results(index.path, $0) } == before)
        let actorsAfter = try ActorListing(searcher: Searcher(indexPath: index.path)).list(query: "", type: nil, limit: 1000).map(\.actor.id)
        #expect(Set(actorsAfter) == Set(actorsBefore))
        // Aliases seen in both shards survive the merge (the catalog lists are unioned).
        #expect(try Self.results(index.path, "", actors: ["Zelenskyy"]).count >= 10)

        // Re-indexing the merged index finds every article unchanged.
        let report = try Indexer(options: Indexer.Options(indexPath: index.path)).run(paths: [Repository.samples])
        #expect(report.unchanged == 35)
        #expect(report.indexed == 0)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/xapian-tcpsrv"), "xapian-tcpsrv is not installed"))
    func remoteShardsAnswerLikeOneIndex() throws {
        let samples = try FileManager.default.contentsOfDirectory(atPath: Repository.samples).map { Repository.samples + "/" + $0 }
        let parts = [
            samples.filter { $0.hasSuffix(".md") },
            samples.filter { $0.hasSuffix(".txt") || $0.hasSuffix(".gz") },
            samples.filter { $0.hasSuffix(".jsonl") || $0.hasSuffix(".json") || $0.hasSuffix(".html") },
        ]
        let single = TemporaryDirectory()
        try Self.index([Repository.samples], into: single.path, shards: 1)
        let work = TemporaryDirectory()
        var servers: [Process] = []
        defer { for server in servers { TCPServer.stop(server) } }
        var lines = ["# two shards served over TCP and one local"]
        for (number, files) in parts.enumerated() {
            let path = work.path + "/part-\(number)"
            try Self.index(files, into: path, shards: 2)
            if number == 2 {
                lines.append(path)
                continue
            }
            let (server, port) = try TCPServer.start(serving: path)
            servers.append(server)
            lines.append("tcp://127.0.0.1:\(port)")
        }
        let list = work.write("cluster.shards", lines.joined(separator: "\n") + "\n")
        for query in Self.queries {
            #expect(try Self.results(single.path, query) == Self.results(list, query), "\(query)")
        }
        #expect(try Self.results(single.path, "", actors: ["Zelenskyy"]) == Self.results(list, "", actors: ["Zelenskyy"]))
        // Counting actors needs Gazette's own match spy, which the remote protocol cannot run.
        var facets = SearchRequest(query: "ceasefire")
        facets.facets = true
        #expect {
            _ = try Searcher(indexPath: list).search(facets)
        } throws: { error in
            (error as? GazetteError)?.code == .unimplemented && (error as? GazetteError)?.message.contains("remote") == true
        }
    }
}

/// Runs `xapian-tcpsrv` on a free loopback port for a test.
enum TCPServer {
    static func start(serving path: String) throws -> (Process, UInt32) {
        for _ in 0..<20 {
            let port = try freePort()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/xapian-tcpsrv")
            process.arguments = ["--port", "\(port)", "--interface", "127.0.0.1", "--quiet", path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Ready when a client can open the database while our server is still the one
            // running (if it could not bind, the port belongs to someone else: try another).
            for _ in 0..<100 {
                guard process.isRunning else { break }
                if (try? XapianDatabase.openRemote(host: "127.0.0.1", port: port, timeoutMilliseconds: 500)) != nil, process.isRunning {
                    return (process, port)
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
            stop(process)
        }
        throw GazetteError(.network, "could not start xapian-tcpsrv on a free port")
    }

    /// xapian-tcpsrv does not exit on SIGTERM, so it is killed.
    static func stop(_ process: Process) {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// A port the kernel reports free (bound to port 0, then released).
    static func freePort() throws -> UInt32 {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw GazetteError(.network, "socket() failed") }
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socketFD, $0, length) == 0 && getsockname(socketFD, $0, &length) == 0
            }
        }
        guard bound else { throw GazetteError(.network, "could not find a free port") }
        return UInt32(UInt16(bigEndian: address.sin_port))
    }
}
