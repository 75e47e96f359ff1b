import Foundation
import Testing
@testable import GazetteCore
#if canImport(Glibc)
import Glibc
#endif

/// Reading without holding whole files: JSON lists record by record, long lines skipped, gzip
/// bombs and special files refused.
@Suite("Streaming input")
struct StreamingInputTests {
    let directory = TemporaryDirectory()

    private func problems(_ items: [ReadItem]) -> [String] {
        items.compactMap { $0.problem.map { "\($0.location.record.map { "#\($0)" } ?? $0.location.line.map { ":\($0)" } ?? ""): \($0.reason)" } }
    }

    @Test func jsonListIsReadRecordByRecord() throws {
        let path = directory.write("list.json", """
            [ {"title": "One", "body": "First [text], with \\"quotes\\" and a ] bracket."},
              {"title": "Two" "body": "missing comma"},
              {"title": "Three", "body": "Third."}, 42, ,
              {"title": "Six", "body": "Sixth."} ] trailing
            """)
        let items = try readItems(path)
        #expect(items.compactMap(\.article?.title) == ["One", "Three", "Six"])
        #expect(items.compactMap(\.article).map(\.origin.record) == [1, 3, 6])
        let reported = problems(items)
        #expect(reported.contains { $0.hasPrefix("#2: invalid JSON") })
        #expect(reported.contains("#4: record is a number, expected an object"))
        #expect(reported.contains("#5: invalid JSON: empty record (a stray comma)"))
        #expect(items.flatMap(\.warnings).isEmpty)
        #expect(items.contains { $0.problem?.reason == "text after the closing ] ignored" })
    }

    @Test func truncatedListKeepsTheRecordsBeforeTheCut() throws {
        let path = directory.write("cut.json", #"[{"title": "One", "body": "a"}, {"title": "Two", "body": "b"#)
        let items = try readItems(path)
        #expect(items.compactMap(\.article?.title) == ["One"])
        #expect(problems(items) == ["#2: the file ends inside the list (truncated?); records before it were read"])
    }

    @Test func listRecordsOverTheSizeOrDepthLimitAreSkipped() throws {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        let big = String(repeating: "x", count: 3000)
        let path = directory.write("limits.json", #"[{"title": "A", "body": "\#(big)"}, {"body": \#(deep)}, {"title": "Ok", "body": "fine"}]"#)
        var reader = JSONRecordReader(mapping: .standard)
        reader.maximumRecordBytes = 2048
        var items: [ReadItem] = []
        try reader.readDocument(try InputStream(path: FilePath(path))) { items.append($0) }
        #expect(items.compactMap(\.article?.title) == ["Ok"])
        #expect(problems(items) == ["#1: record of 3026 bytes exceeds the 0 MiB limit", "#2: invalid JSON: nested more than 64 levels deep"])
    }

    @Test func wrapperObjectsAndScalarsStillWork() throws {
        let wrapped = directory.write("wrapped.json", #"  {"articles": [{"title": "A", "body": "x"}, {"title": "B", "body": "y"}]}"#)
        #expect(try readItems(wrapped).compactMap(\.article?.title) == ["A", "B"])
        let bom = directory.write("bom.json", bytes: [0xEF, 0xBB, 0xBF] + Array(#"{"title": "C", "body": "z"}"#.utf8))
        #expect(try readItems(bom).compactMap(\.article?.title) == ["C"])
        let scalar = directory.write("scalar.json", "  12  ")
        #expect(problems(try readItems(scalar)) == [": top-level JSON is a number, expected an object or a list of objects"])
    }

    @Test func longLinesAreSkippedAndCountedNotHeld() throws {
        let long = String(repeating: "y", count: 10_000)
        let path = directory.write("lines.jsonl", "short one\r\n\(long)\nlast")
        let lines = LineReader(stream: try InputStream(path: FilePath(path)), maximumLineBytes: 4096)
        var seen: [String] = []
        while let line = try lines.next() {
            switch line {
            case .text(let bytes): seen.append(String(decoding: bytes, as: UTF8.self))
            case .tooLong(let bytes): seen.append("too long: \(bytes)")
            }
        }
        #expect(seen == ["short one", "too long: 10000", "last"])
        #expect(lines.lineNumber == 3)
    }

    @Test func gzipThatExpandsTooFarIsRefused() throws {
        // 4 MiB of one byte compresses about a thousandfold.
        let path = directory.path + "/bomb.jsonl"
        FileManager.default.createFile(atPath: path, contents: Data(repeating: UInt8(ascii: "a"), count: 4 << 20))
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-9", "-n", path]
        try gzip.run()
        gzip.waitUntilExit()
        let stream = try InputStream(path: FilePath(path + ".gz"))
        stream.expansionCheckBytes = 1 << 20
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        #expect {
            while try buffer.withUnsafeMutableBufferPointer({ try stream.read(into: $0) }) > 0 {}
        } throws: { error in
            (error as? GazetteError)?.message.contains("decompression bomb") == true
        }
    }

    @Test func oversizedFilesAreRefusedFromTheirSize() throws {
        let path = directory.path + "/sparse.txt"
        FileManager.default.createFile(atPath: path, contents: nil)
        #expect(truncate(path, 1 << 40) == 0) // a 1 TiB sparse file: reading it would take hours
        let stream = try InputStream(path: FilePath(path))
        #expect(throws: GazetteError.self) { _ = try stream.readAll(limit: 1 << 20) }
        #expect(stream.bytesRead == 0)
    }

    @Test func specialFilesAreNotOpened() throws {
        let fifo = directory.path + "/pipe.txt"
        #expect(mkfifo(fifo, 0o644) == 0)
        #expect { _ = try InputStream(path: FilePath(fifo)) } throws: { error in
            (error as? GazetteError)?.message.contains("not a regular file") == true
        }
        #expect { _ = try InputStream(path: FilePath(directory.path)) } throws: { error in
            (error as? GazetteError)?.message.contains("not a regular file") == true
        }
        let walk = FileWalker().expand([directory.path])
        #expect(walk.problems.contains { $0.location.path.hasSuffix("/pipe.txt") && $0.reason.contains("not a regular file") })
    }

    @Test func deepHTMLIsReadToTheBottom() throws {
        let path = directory.write("deep.html", "<html><body><p>Top text.</p>" + String(repeating: "<div><font>", count: 5_000)
            + "Bottom text." + String(repeating: "</font></div>", count: 5_000) + "<p>After text.</p></body></html>")
        let article = try #require(try readItems(path).first?.article)
        #expect(article.body.contains("Bottom text."))
        #expect(article.body.contains("After text."))
    }

    @Test func frontMatterAliasesCannotMultiply() {
        var yaml = ["---", "title: Laughs", #"a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]"#]
        for level in 1...9 { yaml.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]") }
        yaml += ["authors: *a9", "---", "Body."]
        let block = try? FrontMatter.split(yaml.joined(separator: "\n"))
        #expect(block?.values["authors"]?.count == FrontMatter.maximumValuesPerKey)
        #expect(block?.values["title"] == ["Laughs"])
    }

    @Test func longWordsAreFoundOutsideSpacelessScripts() {
        #expect(LongWords.find(in: "short words " + String(repeating: "a", count: 300) + " end").count == 1)
        #expect(LongWords.find(in: String(repeating: "é", count: 150)).longest == 300)
        #expect(LongWords.find(in: String(repeating: "北京大学", count: 100)).count == 0)
        #expect(LongWords.find(in: "https://example.org/" + String(repeating: "ab/", count: 100)).count == 0)
    }
}

@Suite("Field limits")
struct FieldLimitTests {
    let directory = TemporaryDirectory()

    @Test func absurdFieldValuesAreIndexedWithoutOverlongTerms() throws {
        let long = String(repeating: "l", count: 500)
        directory.write("corpus/long.jsonl", #"{"title": "Harbour gq9marker", "body": "Text.", "language": "\#(long)", "source": "\#(long)", "authors": ["\#(long)"]}"# + "\n")
        let report = try Indexer(options: Indexer.Options(indexPath: directory.path + "/index")).run(paths: [directory.path + "/corpus"])
        #expect(report.indexed == 1)
        #expect(report.warnings.contains { $0.reason.hasPrefix("language \"llll") && $0.reason.hasSuffix("is not a language code; ignored") })
        #expect(try Searcher(indexPath: directory.path + "/index").search(SearchRequest(query: "gq9marker")).total == 1)
    }

    @Test("language codes", arguments: [("en-US", "en"), ("English", "en"), ("uk", "uk"), ("fil", "fil"), ("x", nil), ("12", nil), ("en US 2", nil), ("ελληνικά", nil)])
    func languageCodes(value: String, code: String?) {
        var problems: [IngestProblem] = []
        #expect(ArticleAssembler.languageCode(value, origin: SourceLocation(path: "x"), problems: &problems) == code)
        #expect(problems.count == (code == nil ? 1 : 0))
    }

    @Test func overlongTermsAreShortenedStably() {
        let term = Array(("L" + String(repeating: "é", count: 200)).utf8)
        let short = PackedTerms.shortened(term)
        #expect(short.count <= Schema.maximumTermBytes)
        #expect(String(validating: short, as: UTF8.self) != nil)
        #expect(short == PackedTerms.shortened(term))
        #expect(short != PackedTerms.shortened(term + [0x61]))
        var packed = PackedTerms()
        packed.addTerm(prefix: "XS", String(repeating: "a", count: 300))
        #expect(!packed.isEmpty)
    }
}
