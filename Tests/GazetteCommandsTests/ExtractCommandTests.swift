import Foundation
import Testing

/// `gazette extract` keeps the JSON Lines contract the shared evaluators rely on.
@Suite("gazette extract")
struct ExtractCommandTests {
    static let text = """
        KYIV, Dec 14 -
        Ukrainian President Volodymyr Zelensky met U.S. envoys and NATO officials in Kraków.
        Zelenskyy’s office said the talks with the Bank of Japan’s “governor” went well.

        Talks With U.S. Envoys
        """

    func mentions(_ text: String) throws -> [[String: Any]] {
        let result = try CLI.run(["extract"], input: Data(text.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        return try result.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object: \(line)")
        }
    }

    @Test func everyLineKeepsTheContract() throws {
        let bytes = Array(Self.text.utf8)
        let found = try mentions(Self.text)
        #expect(found.count >= 8)
        for mention in found {
            #expect(Set(mention.keys) == ["start", "end", "text", "type", "actor", "name"])
            let start = try #require(mention["start"] as? Int)
            let end = try #require(mention["end"] as? Int)
            #expect(0 <= start && start < end && end <= bytes.count)
            #expect(String(decoding: bytes[start..<end], as: UTF8.self) == mention["text"] as? String)
            #expect(["PERSON", "ORG", "PLACE", "OTHER"].contains(mention["type"] as? String))
            #expect((mention["actor"] as? String)?.isEmpty == false)
            #expect((mention["name"] as? String)?.isEmpty == false)
        }
        let actors = Set(found.compactMap { $0["actor"] as? String })
        #expect(actors.isSuperset(of: ["person:volodymyr-zelensky", "place:united-states", "org:nato", "place:krakow", "org:bank-of-japan"]))
        // "Zelenskyy’s" is a mention of "Zelenskyy", without the possessive.
        #expect(found.contains { $0["text"] as? String == "Zelenskyy" && $0["name"] as? String == "Volodymyr Zelensky" })
    }

    @Test func emptyInputPrintsNothing() throws {
        let result = try CLI.run(["extract"], input: Data())
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
    }

    @Test func jsonFormatIsOneDocument() throws {
        let result = try CLI.run(["extract", "--format", "json"], input: Data("NATO met in Brussels.".utf8))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let list = try #require(object["mentions"] as? [[String: Any]])
        #expect(list.map { $0["text"] as? String } == ["NATO", "Brussels"])
    }

    /// The shared CoNLL evaluator accepts the output without contract problems (scores are the
    /// README's business, not a test's).
    @Test(.enabled(if: SharedData.conllEvaluator != nil && SharedData.python != nil, "../shared/eval or python3 is absent: evaluator contract test skipped"))
    func sharedEvaluatorFindsNoContractProblems() throws {
        let (evaluator, data) = try #require(SharedData.conllEvaluator)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(SharedData.python))
        process.arguments = [evaluator, data, "--cmd", CLI.binary + " extract", "--max-docs", "3", "--json", "-"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let result = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
        let diagnostics = result["diagnostics"] as? [String: Any] ?? [:]
        #expect(Set(diagnostics.keys).isSubset(of: ["pred_ignored_type_OTHER"]), "\(diagnostics)")
    }
}

enum SharedData {
    /// python3 on the PATH (the evaluators need nothing beyond its standard library).
    static var python: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { $0 + "/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// ../shared/eval/eval_conll.py and eng.testa, when ../shared is beside the repository.
    static var conllEvaluator: (String, String)? {
        let shared = (Fixture.repositoryRoot as NSString).deletingLastPathComponent + "/shared"
        let evaluator = shared + "/eval/eval_conll.py"
        let data = shared + "/data/conll2003/eng.testa"
        guard FileManager.default.fileExists(atPath: evaluator), FileManager.default.fileExists(atPath: data) else { return nil }
        return (evaluator, data)
    }
}
