import Foundation
import Testing
@testable import GazetteCore

/// A corpus of at least 20,000 articles: Reuters-21578 plus generated articles when ../shared is
/// there, otherwise generated articles only. Written once per test process.
enum LargeCorpus {
    static let directory: String = {
        let path = NSTemporaryDirectory() + "gazette-large-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let reuters = (Fixture.repositoryRoot as NSString).deletingLastPathComponent + "/shared/data/reuters21578/reuters21578.jsonl"
        var generated = 20_000
        if FileManager.default.fileExists(atPath: reuters) {
            try! FileManager.default.copyItem(atPath: reuters, toPath: path + "/reuters.jsonl")
            generated = 1_000
        }
        write(articles: generated, seed: 1, to: path + "/generated.jsonl")
        return path
    }()

    static var articleCount: Int {
        (try? FileManager.default.contentsOfDirectory(atPath: directory))?.reduce(0) { count, name in
            count + ((try? String(contentsOfFile: directory + "/" + name, encoding: .utf8))?.split(separator: "\n").count ?? 0)
        } ?? 0
    }

    /// Writes `count` plausible wire articles made of our own vocabulary (deterministic).
    static func write(articles count: Int, seed: UInt64, idPrefix: String = "gen", to path: String) {
        var random = SplitMix(seed: seed)
        let subjects = ["Ministers", "Officials", "Negotiators", "Analysts", "Farmers", "Traders", "Envoys", "Lawmakers"]
        let verbs = ["discussed", "rejected", "welcomed", "questioned", "delayed", "approved", "criticised", "examined"]
        let objects = ["grain exports", "security guarantees", "interest rates", "energy prices", "a ceasefire plan",
                       "the trade deficit", "new sanctions", "reconstruction funds", "fuel subsidies", "port tariffs"]
        let places = ["Kyiv", "Warsaw", "Geneva", "Brussels", "Ankara", "Oslo", "Lisbon", "Tallinn"]
        var lines: [String] = []
        for number in 1...count {
            var sentences: [String] = []
            for _ in 0..<(3 + Int(random.next() % 8)) {
                let subject = subjects[Int(random.next() % UInt64(subjects.count))]
                let verb = verbs[Int(random.next() % UInt64(verbs.count))]
                let object = objects[Int(random.next() % UInt64(objects.count))]
                let place = places[Int(random.next() % UInt64(places.count))]
                sentences.append("\(subject) in \(place) \(verb) \(object) on day \(random.next() % 28 + 1).")
            }
            let day = Int(random.next() % 28) + 1
            let month = Int(random.next() % 12) + 1
            let title = "\(objects[number % objects.count].capitalized) debated in \(places[number % places.count]) \(number)"
            let record: [String: String] = [
                "id": "\(idPrefix)-\(number)", "title": title, "body": sentences.joined(separator: " "),
                "date": String(format: "2024-%02d-%02d", month, day),
            ]
            lines.append(String(decoding: try! JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]), as: UTF8.self))
        }
        FileManager.default.createFile(atPath: path, contents: Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}


enum IndexInspection {
    /// Ids of every document in the index (empty when there is no index yet).
    static func ids(_ path: String) throws -> Set<String> {
        guard try IndexLayout.existing(at: path) != nil else { return [] }
        let index = try IndexReader.open(path)
        var ids = Set<String>()
        let terms = try index.database.terms(withPrefix: Schema.Prefix.id)
        for item in terms { ids.insert(String(item.term.dropFirst())) }
        try terms.checkCompleted()
        return ids
    }

    /// xapian-check on every shard; returns the failures.
    static func check(_ path: String) throws -> [String] {
        guard let layout = try IndexLayout.existing(at: path) else { return [] }
        var failures: [String] = []
        for shard in layout.shards {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/xapian-check")
            process.arguments = [shard]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            if process.terminationStatus != 0 { failures.append("\(shard): \(text.suffix(500))") }
        }
        return failures
    }
}

@Suite("Reliability", .serialized)
struct ReliabilityTests {
    static let xapianCheckInstalled = FileManager.default.isExecutableFile(atPath: "/usr/bin/xapian-check")

    /// Kill points per run: 30 in CI; GAZETTE_SOAK_KILLS raises it for a longer soak.
    static let kills = Int(ProcessInfo.processInfo.environment["GAZETTE_SOAK_KILLS"] ?? "") ?? 30

    @Test(.enabled(if: xapianCheckInstalled, "xapian-check (xapian-tools) is not installed"))
    func sigkillNeverLosesCommittedArticles() throws {
        let corpus = LargeCorpus.directory
        let expected = LargeCorpus.articleCount
        #expect(expected >= 20_000)
        let index = NSTemporaryDirectory() + "gazette-crash-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: index) }
        var random = SplitMix(seed: 42)
        var committed = Set<String>()
        var survived = 0
        for killNumber in 1...Self.kills {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = ["index", corpus, "--index", index, "--batch", "200"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Random moments, later ones reaching further: each run first re-checks what is already
            // committed, so later kills need longer to land in new writes, commits or removals.
            let reach = 0.3 + 0.2 * Double(killNumber)
            Thread.sleep(forTimeInterval: 0.05 + reach * Double(random.next() % 1_000) / 1_000)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()

            let failures = try IndexInspection.check(index)
            #expect(failures.isEmpty, "xapian-check after kill \(killNumber): \(failures)")
            let present = try IndexInspection.ids(index)
            let lost = committed.subtracting(present)
            #expect(lost.isEmpty, "kill \(killNumber) lost \(lost.count) committed articles, e.g. \(lost.prefix(3))")
            try spotCheck(index, present, &random)
            committed = present
            if failures.isEmpty && lost.isEmpty { survived += 1 }
        }
        // Re-running completes the rest incrementally.
        // Generous limit: a debug build also extracts and writes statements, on a shared machine.
        let final = try CLI.run(["index", corpus, "--index", index, "--output", "json"], timeLimit: 900)
        #expect(final.status == 0, "\(final.stderr.suffix(500))")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(final.stdout.utf8)) as? [String: Any])
        #expect(summary["documents"] as? Int == expected)
        #expect((summary["unchanged"] as? Int ?? 0) >= committed.count)
        #expect(try IndexInspection.check(index).isEmpty)
        #expect(try IndexInspection.ids(index).count == expected)
        print("crash safety: \(survived)/\(Self.kills) kill points survived, \(expected) articles, final run added \(summary["indexed"] ?? 0)")
    }

    /// A few present articles can be shown and found by their title.
    private func spotCheck(_ index: String, _ present: Set<String>, _ random: inout SplitMix) throws {
        guard !present.isEmpty else { return }
        let opened = try IndexReader.open(index)
        let searcher = try Searcher(indexPath: index)
        searcher.exactCountLimit = Int(UInt32.max)
        let sample = present.sorted()
        for _ in 0..<3 {
            let id = sample[Int(random.next() % UInt64(sample.count))]
            let article = try #require(try ArticleLookup.find(id, in: opened), "\(id) is listed but cannot be read")
            // The title as written (the analyzer splits it as it did when indexing), quotes removed.
            let words = article.title.filter { !"\"“”„«»".contains($0) }.split(separator: " ").prefix(5)
            guard words.count >= 2 else { continue }
            var request = SearchRequest(query: "title:\"\(words.joined(separator: " "))\"")
            request.limit = 10_000
            request.snippets = false
            #expect(try searcher.search(request).hits.contains { $0.id == id }, "\(id) is not found by its title")
        }
    }

    @Test func searchesNeverFailWhileIndexingAndUpdating() throws {
        let index = NSTemporaryDirectory() + "gazette-concurrent-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: index) }
        let update = NSTemporaryDirectory() + "gazette-update-" + UUID().uuidString + ".jsonl"
        defer { try? FileManager.default.removeItem(atPath: update) }
        LargeCorpus.write(articles: 3_000, seed: 7, idPrefix: "update", to: update)

        var searches = 0
        var failures: [String] = []
        var lastTotal = 0
        func searchWhile(_ process: Process, growing: Bool) {
            let queries = ["\"interest rates\"", "grain OR sanctions", "security guarantees", "date:2024-03 ceasefire"]
            while process.isRunning {
                guard (try? IndexLayout.existing(at: index)) != nil else {
                    Thread.sleep(forTimeInterval: 0.02)
                    continue
                }
                do {
                    let searcher = try Searcher(indexPath: index)
                    searcher.exactCountLimit = Int(UInt32.max)
                    for query in queries {
                        var request = SearchRequest(query: query)
                        request.snippets = false
                        let response = try searcher.search(request)
                        searches += 1
                        // Articles are only added: a committed state never shows fewer matches.
                        if query == queries[0] {
                            if growing && response.total < lastTotal {
                                failures.append("total went down from \(lastTotal) to \(response.total)")
                            }
                            lastTotal = response.total
                        }
                    }
                } catch {
                    failures.append("\(error)")
                }
            }
        }

        let build = try start(["index", LargeCorpus.directory, "--index", index, "--batch", "500"])
        // A second writer meanwhile waits its bounded time, then fails naming the index and holder.
        Thread.sleep(forTimeInterval: 1.0)
        if build.isRunning {
            let started = Date()
            let second = try CLI.run(["index", update, "--index", index, "--wait", "1"])
            #expect(second.status == 75)
            #expect(second.stderr.contains("index \(index) is locked by another writer"))
            #expect(second.stderr.contains("pid \(build.processIdentifier)"))
            #expect(Date().timeIntervalSince(started) >= 1.0)
        }
        searchWhile(build, growing: true)
        #expect(build.terminationStatus == 0)

        let incremental = try start(["index", update, LargeCorpus.directory, "--index", index])
        searchWhile(incremental, growing: true)
        #expect(incremental.terminationStatus == 0)
        #expect(try IndexInspection.ids(index).count == LargeCorpus.articleCount + 3_000)
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        #expect(searches > 10)
        print("concurrent use: \(searches) searches during a build and an update, \(failures.count) failed")
    }

    @Test(.enabled(if: xapianCheckInstalled, "xapian-check (xapian-tools) is not installed"))
    func aFullDiskStopsCleanlyAtTheLastCommit() throws {
        let work = NSTemporaryDirectory() + "gazette-full-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let corpus = work + "/corpus.jsonl"
        LargeCorpus.write(articles: 4_000, seed: 3, to: corpus)
        let index = work + "/index"
        // A file-size limit stands in for a full disk: writes fail with EFBIG as they would with
        // ENOSPC, on any machine, without needing to mount a small file system.
        let limited = Process()
        limited.executableURL = URL(fileURLWithPath: "/bin/bash")
        limited.arguments = ["-c", "ulimit -f 2048; exec \"$0\" index \"$1\" --index \"$2\" --batch 200", CLI.binary, corpus, index]
        let errors = Pipe()
        limited.standardError = errors
        limited.standardOutput = FileHandle.nullDevice
        try limited.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        limited.waitUntilExit()
        #expect(limited.terminationStatus == 2, "\(message)")
        #expect(message.contains("File too large"))
        #expect(message.contains("the index stays at its last commit"))
        #expect(try IndexInspection.check(index).isEmpty)
        let present = try IndexInspection.ids(index)
        #expect(present.count < 4_000)
        // With room again, the same command finishes the job.
        let again = try CLI.run(["index", corpus, "--index", index])
        #expect(again.status == 0)
        #expect(try IndexInspection.ids(index).count == 4_000)
        print("disk full: stopped with \(present.count) of 4000 articles committed; the index opened and checked clean")
    }

    private func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}
