import Foundation
import Testing
@testable import GazetteCommands

/// Runs the real `gazette` binary built beside the test bundle.
struct CLI {
    static let binary: String = {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [directory, directory.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("gazette").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return directory.appendingPathComponent("gazette").path
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Output goes through files, not pipes: reading stdout to its end before stderr deadlocks
    /// once the child writes more than a pipe holds to stderr (as sanitizer reports do).
    static func run(
        _ arguments: [String], environment: [String: String] = [:], input: Data? = nil, timeLimit: Double = 300
    ) throws -> Result {
        let outcome = try ChildProcess.run(binary, arguments, environment: environment, input: input, timeLimit: timeLimit)
        return Result(status: outcome.exitStatus ?? 128 + (outcome.signal ?? 0), stdout: outcome.stdout, stderr: outcome.stderr)
    }
}

enum Fixture {
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        return FileManager.default.currentDirectoryPath
    }()

    /// An index of Samples/ built through the CLI.
    static let index: String = {
        let path = NSTemporaryDirectory() + "gazette-cli-" + UUID().uuidString
        let result = try! CLI.run(["index", repositoryRoot + "/Samples", "--index", path])
        precondition(result.status == 0, "indexing Samples failed: \(result.stderr)")
        return path
    }()
}

@Suite("Command line")
struct CLITests {
    @Test func searchJSONFollowsTheDocumentedSchema() throws {
        let result = try CLI.run(["search", "\"security guarantees\"", "--actor", "Zelensky", "--since", "2025-12-01", "--format", "json", "--index", Fixture.index])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        for key in ["query", "total", "offset", "limit", "hits"] { #expect(object[key] != nil, "\(key)") }
        let hits = try #require(object["hits"] as? [[String: Any]])
        #expect(hits.count >= 5)
        let hit = hits[0]
        for key in ["rank", "id", "score", "title", "date", "source", "path", "snippet", "actors"] { #expect(hit[key] != nil, "\(key)") }
        #expect((hit["snippet"] as? String)?.contains("[") == true)
        let actors = try #require(hit["actors"] as? [[String: Any]])
        #expect(actors.allSatisfy { $0["id"] != nil && $0["name"] != nil && $0["type"] != nil })
        for hit in hits { #expect((hit["date"] as? String).map { $0 >= "2025-12-01" } == true) }
    }

    @Test func jsonlPrintsOneHitPerLine() throws {
        let result = try CLI.run(["search", "ceasefire", "--format", "jsonl", "--limit", "3", "--index", Fixture.index])
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        for line in lines { #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any]) }
    }

    @Test func syntaxErrorsExit64WithAColumn() throws {
        let result = try CLI.run(["search", "(peace talks", "--index", Fixture.index])
        #expect(result.status == 64)
        #expect(result.stderr.contains("column 1"))
        #expect(result.stdout.isEmpty)
    }

    @Test func badOptionsExit64() throws {
        #expect(try CLI.run(["search", "x", "--limit", "-3", "--index", Fixture.index]).status == 64)
        #expect(try CLI.run(["search", "x", "--since", "2025-13", "--index", Fixture.index]).status == 64)
        #expect(try CLI.run(["index", "--format", "docx", "x"]).status == 64)
    }

    @Test func missingIndexIsAClearError() throws {
        let result = try CLI.run(["search", "x", "--index", "/nonexistent/gazette-index"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no index at /nonexistent/gazette-index"))
    }

    @Test func indexEnvironmentVariable() throws {
        let result = try CLI.run(["stats", "--format", "json"], environment: ["GAZETTE_INDEX": Fixture.index])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        for key in ["documents", "undated", "first_date", "last_date", "terms", "actors", "bytes"] { #expect(object[key] != nil, "\(key)") }
        #expect(object["documents"] as? Int == 35)
    }

    @Test func actorsAndShow() throws {
        let actors = try CLI.run(["actors", "--type", "person", "--format", "json", "--index", Fixture.index])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(actors.stdout.utf8)) as? [String: Any])
        let list = try #require(object["actors"] as? [[String: Any]])
        #expect(list.contains { $0["id"] as? String == "person:volodymyr-zelensky" })
        #expect(list.allSatisfy { $0["type"] as? String == "person" && ($0["documents"] as? Int ?? 0) > 0 })
        let show = try CLI.run(["show", "gz-2025-12-14-geneva-envoys", "--index", Fixture.index])
        #expect(show.status == 0)
        #expect(show.stdout.contains("Geneva"))
        #expect(show.stdout.contains("Volodymyr Zelensky"))
        #expect(try CLI.run(["show", "no-such-id", "--index", Fixture.index]).status == 2)
    }

    @Test func indexReportsFailuresWithExitStatus1() throws {
        let directory = NSTemporaryDirectory() + "gazette-cli-bad-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        FileManager.default.createFile(atPath: directory + "/ok.txt", contents: Data("Headline\n\nFine text.".utf8))
        FileManager.default.createFile(atPath: directory + "/bad.jsonl", contents: Data("{oops\n".utf8))
        let result = try CLI.run(["index", directory, "--index", directory + "/idx", "--output", "json"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.jsonl:1: error: invalid JSON"))
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(summary["indexed"] as? Int == 1)
        #expect(summary["failed"] as? Int == 1)
    }

    /// The hidden developer command the statement evaluation drives: one JSON line per article.
    /// The alias file reaches statements: `--by` the merge target finds the merged speaker's
    /// statements, shown under the target's id and the name the file gives it.
    @Test func statementSpeakersFollowTheAliasFile() throws {
        let aliases = NSTemporaryDirectory() + "gazette-aliases-" + UUID().uuidString + ".toml"
        defer { try? FileManager.default.removeItem(atPath: aliases) }
        try """
            [[merge]]
            into = "org:ukraine-leadership"
            actors = ["person:volodymyr-zelensky"]
            [[rename]]
            actor = "org:ukraine-leadership"
            name = "Ukrainian leadership"
            """.write(toFile: aliases, atomically: true, encoding: .utf8)
        func speakers(_ arguments: [String]) throws -> [[String: Any]] {
            let result = try CLI.run(["statements", "\"security guarantees\"", "--format", "json", "--index", Fixture.index] + arguments)
            #expect(result.status == 0, "\(result.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let statements = try #require(object["statements"] as? [[String: Any]])
            return try statements.map { try #require($0["speaker"] as? [String: Any]) }
        }
        let plain = try speakers(["--by", "Zelensky"])
        #expect(!plain.isEmpty && plain.allSatisfy { $0["id"] as? String == "person:volodymyr-zelensky" })
        let merged = try speakers(["--by", "Ukrainian leadership", "--aliases", aliases])
        #expect(merged.count >= plain.count)
        #expect(merged.contains { $0["id"] as? String == "org:ukraine-leadership" && $0["name"] as? String == "Ukrainian leadership" })
    }

    @Test func statementsExtractPrintsStatementsAsJSONLines() throws {
        let file = Fixture.repositoryRoot + "/Samples/2025-12-14-zelensky-envoys-geneva.md"
        let result = try CLI.run(["statements-extract", "--text", file])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let article = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        let body = try #require(article["body"] as? String)
        #expect(article["body_bytes"] as? Int == body.utf8.count)
        let statements = try #require(article["statements"] as? [[String: Any]])
        let quote = try #require(statements.first { ($0["text"] as? String)?.hasPrefix("Today we talked") == true })
        let speaker = try #require(quote["speaker"] as? [String: Any])
        #expect(speaker["id"] as? String == "person:volodymyr-zelensky")
        #expect(speaker["text"] as? String == "Zelensky")
        #expect(quote["verb"] as? String == "tell")
        #expect(quote["direct"] as? Bool == true)
        // Offsets are UTF-8 bytes into the body.
        let span = try #require(quote["content"] as? [Int])
        #expect(String(decoding: Array(body.utf8)[span[0]..<span[1]], as: UTF8.self) == quote["text"] as? String)
        // The command is for developers: `gazette --help` does not list it.
        #expect(!(try CLI.run(["--help"]).stdout.contains("statements-extract")))
        #expect(try CLI.run(["statements-extract", "--timing", "--repeats", "0", file]).status == 64)
    }

    @Test func rankingOptions() throws {
        let bad = try CLI.run(["search", "ceasefire", "--ranking", "tfidf", "--index", Fixture.index])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("unknown ranking setting \"tfidf\""))
        let plain = try CLI.run(["search", "ceasefire", "--format", "json", "--limit", "50", "--index", Fixture.index])
        let expanded = try CLI.run(["search", "ceasefire", "--expand", "--format", "json", "--limit", "50", "--index", Fixture.index])
        let classic = try CLI.run(["search", "ceasefire", "--ranking", "classic", "--format", "json", "--limit", "50", "--index", Fixture.index])
        let unexpanded = try CLI.run(["search", "ceasefire", "--no-expand", "--format", "json", "--limit", "50", "--index", Fixture.index])
        func ids(_ result: CLI.Result) throws -> Set<String> {
            #expect(result.status == 0)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let hits = try #require(object["hits"] as? [[String: Any]])
            return Set(hits.compactMap { $0["id"] as? String })
        }
        let matches = try ids(plain)
        #expect(!matches.isEmpty)
        #expect(try ids(expanded) == matches)
        #expect(try ids(classic) == matches)
        #expect(try ids(unexpanded) == matches)
        #expect(try CLI.run(["search", "ceasefire", "--expand", "--no-expand", "--index", Fixture.index]).status == 64)
    }

    @Test func commandsParseInProcess() throws {
        #expect(throws: (any Error).self) { _ = try GazetteCommand.parseAsRoot(["search", "x", "--sort", "sideways"]) }
        #expect(try GazetteCommand.parseAsRoot(["search", "x", "--sort", "newest"]) is SearchCommand)
    }
}

@Suite("Command line: statements")
struct StatementsCLITests {
    @Test func jsonFollowsTheDocumentedSchema() throws {
        let result = try CLI.run(["statements", "\"security guarantees\"", "--by", "Zelensky", "--format", "json", "--timeline", "--index", Fixture.index])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["query"] as? String == "\"security guarantees\"")
        let statements = try #require(object["statements"] as? [[String: Any]])
        #expect(object["total"] as? Int == statements.count)
        #expect(statements.count >= 5)
        for statement in statements {
            for key in ["id", "article", "date", "speaker", "verb", "text", "direct", "sentence"] {
                #expect(statement.keys.contains(key), "\(key)")
            }
            let speaker = try #require(statement["speaker"] as? [String: Any])
            #expect(speaker["id"] as? String == "person:volodymyr-zelensky")
            #expect(speaker["name"] as? String == "Volodymyr Zelensky")
            #expect(speaker["text"] is String)
            #expect(statement["direct"] is Bool)
        }
        let timeline = try #require(object["timeline"] as? [[String: Any]])
        #expect(timeline.compactMap { $0["statements"] as? Int }.reduce(0, +) == statements.count)
    }

    @Test func jsonlPrintsOneStatementPerLineAndTextShowsSpeakerAndArticle() throws {
        let jsonl = try CLI.run(["statements", "--by", "Kremlin", "--verb", "warn", "--format", "jsonl", "--index", Fixture.index])
        #expect(jsonl.status == 0)
        let lines = jsonl.stdout.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["verb"] as? String == "warn")
        }
        let text = try CLI.run(["statements", "\"security guarantees\"", "--by", "Zelensky", "--sort", "newest", "--limit", "3", "--index", Fixture.index])
        #expect(text.status == 0)
        #expect(text.stdout.contains("Volodymyr Zelensky"))
        #expect(text.stdout.contains("[security guarantees]") || text.stdout.contains("[Security guarantees]"))
        #expect(text.stdout.contains("showing 1-3"))
    }

    @Test func badQueriesFlagsAndMissingIndexesHaveTheSearchExitCodes() throws {
        #expect(try CLI.run(["statements", "\"unclosed", "--index", Fixture.index]).status == 64)
        #expect(try CLI.run(["statements", "x", "--sort", "sideways", "--index", Fixture.index]).status == 64)
        #expect(try CLI.run(["statements", "x", "--limit", "-1", "--index", Fixture.index]).status == 64)
        #expect(try CLI.run(["statements", "x", "--since", "2025-13", "--index", Fixture.index]).status == 64)
        #expect(try CLI.run(["statements", "x", "--verb", " ", "--index", Fixture.index]).status == 64)
        #expect(try CLI.run(["search", "ceasefire OR said-by:zelensky", "--index", Fixture.index]).status == 64)
        let missing = try CLI.run(["statements", "x", "--index", "/nonexistent/gazette-index"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no index at /nonexistent/gazette-index"))
        let saidBy = try CLI.run(["search", "said-by:zelensky \"security guarantees\"", "--format", "json", "--index", Fixture.index])
        #expect(saidBy.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(saidBy.stdout.utf8)) as? [String: Any])
        #expect((object["total"] as? Int ?? 0) >= 5)
    }

    @Test func seedArticlesListZelenskysStatementsAboutSecurityGuarantees() throws {
        let folder = (Fixture.repositoryRoot as NSString).deletingLastPathComponent + "/shared/seeds"
        guard FileManager.default.fileExists(atPath: folder) else {
            print("skipping: no ../shared/seeds beside the repository")
            return
        }
        let index = NSTemporaryDirectory() + "gazette-seeds-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: index) }
        #expect(try CLI.run(["index", folder, "--index", index]).status == 0)
        let result = try CLI.run(["statements", "\"security guarantees\"", "--by", "Zelensky", "--format", "json", "--index", index])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let statements = try #require(object["statements"] as? [[String: Any]])
        #expect(statements.count >= 2)
        #expect(Set(statements.compactMap { $0["article"] as? String }).count == 2)
    }
}
