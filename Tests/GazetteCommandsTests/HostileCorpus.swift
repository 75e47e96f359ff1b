import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a corpus of hostile inputs into a temporary directory, with good articles beside the
/// bad ones, and says what indexing it must report. Everything is generated: nothing here is
/// committed data.
///
/// Each good article carries a marker word ("gq12marker": digits keep it unstemmed) that must be
/// searchable afterwards; each bad item names the location and a fragment of the reason the
/// ingest report must give.
struct HostileCorpus {
    struct Problem: CustomStringConvertible {
        /// File name relative to the corpus root, as Gazette prints it.
        var file: String
        /// ":LINE" or "#RECORD", or "" for the whole file.
        var suffix: String
        var reason: String
        var severity: String
        var description: String { "\(file)\(suffix) \(severity): …\(reason)…" }
    }

    let root: String
    /// The corpus root as Gazette prints it (symlinks resolved).
    let printedRoot: String
    private(set) var markers: [(marker: String, file: String)] = []
    private(set) var problems: [Problem] = []
    /// Articles that must end up in the index.
    private(set) var goodArticles = 0
    private var nextMarker = 0

    /// Builds the corpus. `lineBytes` sizes the single-line files (the issue asks for 200 MB).
    init(root: String, lineBytes: Int) throws {
        self.root = root
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        printedRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        try writeGoodFiles()
        try writeEncodings()
        try writeSizes(lineBytes: lineBytes)
        try writeJSON()
        try writeHTML()
        try writeMarkdown()
        try writeFileSystemOddities()
    }

    // MARK: Building blocks

    private mutating func marker(in file: String) -> String {
        nextMarker += 1
        let marker = "gq\(nextMarker)marker"
        markers.append((marker, file))
        return marker
    }

    private mutating func expect(_ file: String, at suffix: String = "", _ reason: String, severity: String = "error") {
        problems.append(Problem(file: file, suffix: suffix, reason: reason, severity: severity))
    }

    /// A plausible article whose headline and body carry `marker`.
    private func article(_ marker: String) -> String {
        "Harbour talks resume in Valmora \(marker)\n\nThe port authority of Valmora said on Tuesday that talks over the "
            + "harbour expansion would resume next week after a pause of two months. Reference \(marker).\n"
    }

    private func jsonRecord(_ marker: String, extra: String = "") -> String {
        #"{"title": "Harbour talks resume \#(marker)", "body": "The port authority of Valmora said talks would resume. \#(marker)"\#(extra)}"#
    }

    private func write(_ name: String, _ text: String) throws { try write(name, bytes: Array(text.utf8)) }

    /// Writes raw bytes under a raw-byte name (names need not be UTF-8).
    private func write(_ name: String, bytes: [UInt8]) throws { try write(nameBytes: Array(name.utf8), bytes: bytes) }

    private func write(nameBytes: [UInt8], bytes: [UInt8]) throws {
        try makeParent(of: String(decoding: nameBytes, as: UTF8.self))
        let path = Array(root.utf8) + [UInt8(ascii: "/")] + nameBytes + [0]
        let fd = path.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC, 0o644) } }
        guard fd >= 0 else { throw CorpusError("cannot create \(String(decoding: nameBytes, as: UTF8.self))") }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            guard written > 0 else { throw CorpusError("write failed") }
            offset += written
        }
    }

    /// Writes `count` bytes of `byte` in 1 MiB chunks, then `tail`.
    private func writeRepeated(_ name: String, prefix: String = "", byte: UInt8, count: Int, tail: String = "") throws {
        let handle = try createHandle(name)
        defer { try? handle.close() }
        handle.write(Data(prefix.utf8))
        let chunk = Data(repeating: byte, count: 1 << 20)
        var left = count
        while left > 0 {
            handle.write(left >= chunk.count ? chunk : chunk.prefix(left))
            left -= chunk.count
        }
        handle.write(Data(tail.utf8))
    }

    private func makeParent(of name: String) throws {
        guard let slash = name.lastIndex(of: "/") else { return }
        try FileManager.default.createDirectory(atPath: root + "/" + name[..<slash], withIntermediateDirectories: true)
    }

    private func createHandle(_ name: String) throws -> FileHandle {
        try makeParent(of: name)
        let path = root + "/" + name
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw CorpusError("cannot create \(name)")
        }
        return handle
    }

    /// gzip through the system `gzip` (Debian's essential package).
    private func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let input = root + "/.gzip-input-\(UUID().uuidString)"
        FileManager.default.createFile(atPath: input, contents: Data(bytes))
        defer { try? FileManager.default.removeItem(atPath: input + ".gz") }
        let outcome = try ChildProcess.run("/bin/gzip", ["-9", "-n", "-f", input])
        guard outcome.exitStatus == 0, let data = FileManager.default.contents(atPath: input + ".gz") else {
            throw CorpusError("gzip failed: \(outcome.stderr)")
        }
        return Array(data)
    }

    // MARK: The corpus

    private mutating func writeGoodFiles() throws {
        try write("good/plain.txt", article(marker(in: "good/plain.txt")))
        try write("good/story.md", "---\ntitle: Valmora port\ndate: 2025-12-14\n---\n\n" + article(marker(in: "good/story.md")))
        let html = marker(in: "good/page.html")
        try write("good/page.html", "<html><head><title>Valmora port</title></head><body><article><p>\(article(html))</p></article></body></html>")
        try write("good/list.json", "[\(jsonRecord(marker(in: "good/list.json"))), \(jsonRecord(marker(in: "good/list.json")))]")
        try write("good/lines.jsonl", jsonRecord(marker(in: "good/lines.jsonl")) + "\n" + jsonRecord(marker(in: "good/lines.jsonl")) + "\n")
        goodArticles += 7
    }

    private mutating func writeEncodings() throws {
        var invalid = Array(article(marker(in: "encoding/invalid-utf8.txt")).utf8)
        invalid.insert(contentsOf: [0xFF, 0xC3, 0x28, 0xED, 0xA0, 0x80], at: 60)
        try write("encoding/invalid-utf8.txt", bytes: invalid)
        expect("encoding/invalid-utf8.txt", "invalid UTF-8 at byte", severity: "warning")

        var nul = Array(article(marker(in: "encoding/nul-bytes.txt")).utf8)
        for index in stride(from: 70, to: 100, by: 7) { nul.insert(0, at: index) }
        try write("encoding/nul-bytes.txt", bytes: nul)
        expect("encoding/nul-bytes.txt", "NUL bytes removed", severity: "warning")

        for (name, bigEndian, bom) in [("utf16le-bom", false, true), ("utf16be-bom", true, true), ("utf16le-nobom", false, false)] {
            let file = "encoding/\(name).txt"
            var bytes: [UInt8] = bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
            for unit in article(marker(in: file)).utf16 {
                bytes += bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            }
            try write(file, bytes: bytes)
            expect(file, "decoded from UTF-16\(bigEndian ? "BE" : "LE")", severity: "warning")
        }
        try write("encoding/crlf.txt", article(marker(in: "encoding/crlf.txt")).replacingOccurrences(of: "\n", with: "\r\n"))
        try write("encoding/lone-cr.txt", article(marker(in: "encoding/lone-cr.txt")).replacingOccurrences(of: "\n", with: "\r"))
        goodArticles += 7

        // A binary file with a text name: an ELF-like header and every byte value.
        try write("encoding/binary.txt", bytes: [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + (0..<8192).map { UInt8($0 % 256) })
        expect("encoding/binary.txt", "binary file")
        try write("encoding/empty.txt", "")
        expect("encoding/empty.txt", "empty file")
        try write("encoding/blank.txt", "   \n\n\t\n")
        expect("encoding/blank.txt", "no text (only whitespace)")
        try write("encoding/empty.jsonl", "\n\n")
        expect("encoding/empty.jsonl", "no records")
        try write("encoding/empty.html", "")
        expect("encoding/empty.html", "empty file")
    }

    private mutating func writeSizes(lineBytes: Int) throws {
        // One line of `lineBytes` bytes, then a good record: the line is skipped while streaming.
        try writeRepeated(
            "size/huge-line.jsonl", prefix: #"{"title": "huge", "body": ""#, byte: UInt8(ascii: "a"), count: lineBytes,
            tail: "\"}\n" + jsonRecord(marker(in: "size/huge-line.jsonl")) + "\n")
        expect("size/huge-line.jsonl", at: ":1", "exceeds the 64 MiB limit")
        // The same size as a text file: refused from its size, unread, so a sparse file will do.
        try makeParent(of: "size/huge-line.txt")
        guard truncate(root + "/size/huge-line.txt", off_t(lineBytes)) == 0 || (FileManager.default.createFile(atPath: root + "/size/huge-line.txt", contents: nil)
            && truncate(root + "/size/huge-line.txt", off_t(lineBytes)) == 0) else { throw CorpusError("cannot size huge-line.txt") }
        expect("size/huge-line.txt", "larger than the")
        // A 1 MB "word" inside a good article.
        try writeRepeated("size/one-mb-word.txt", prefix: article(marker(in: "size/one-mb-word.txt")) + "\n", byte: UInt8(ascii: "w"), count: 1 << 20, tail: " end.\n")
        expect("size/one-mb-word.txt", "a word of 1048576 bytes", severity: "warning")
        goodArticles += 2

        // gzip: a bomb (128 members of 16 MiB of "a" each, 2 GiB in all, about 2 MB on disk),
        // once as JSONL (streamed: caught by its expansion ratio) and once as a text article
        // (caught by the article size limit); then a truncated gzip file.
        let member = try gzip([UInt8](repeating: UInt8(ascii: "a"), count: 16 << 20))
        let bomb = Array([[UInt8]](repeating: member, count: 128).joined())
        try write("size/bomb.jsonl.gz", bytes: bomb)
        expect("size/bomb.jsonl.gz", "decompression bomb")
        try write("size/bomb.txt.gz", bytes: bomb)
        expect("size/bomb.txt.gz", "larger than the")
        let good = try gzip(Array(article(marker(in: "size/good.txt.gz")).utf8))
        try write("size/good.txt.gz", bytes: good)
        goodArticles += 1
        let long = try gzip(Array(String(repeating: article("gq0marker"), count: 50).utf8))
        try write("size/truncated.txt.gz", bytes: Array(long.prefix(long.count / 2)))
        expect("size/truncated.txt.gz", "gzip data is truncated")
    }

    private mutating func writeJSON() throws {
        let file = "json/mixed.jsonl"
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        var lines: [String] = []
        func line(_ text: String, _ reason: String? = nil, severity: String = "error") {
            lines.append(text)
            if let reason { expect(file, at: ":\(lines.count)", reason, severity: severity) }
        }
        line(jsonRecord(marker(in: file)))
        line(#"{"title": "Broken", "body": "unterminated"#, "invalid JSON")
        line("not json at all", "invalid JSON")
        line("[1, 2, 3]", "record is a list, expected an object")
        line(#"{"title": {"x": 1}, "body": ["para", 3]}"#, "no title and no body text")
        line(#"{"title": "Only a title \#(marker(in: file))"}"#, "no body text; indexed by its title only", severity: "warning")
        line(#"{"id": "no-text"}"#, "no title and no body text")
        line(#"{"title": "t", "body": \#(deep)}"#, "nested more than 64 levels deep")
        line(jsonRecord(marker(in: file), extra: #", "date": "0000-01-01""#), "year 0 is out of range", severity: "warning")
        line(jsonRecord(marker(in: file), extra: #", "date": "99999-01-01""#), "ignored", severity: "warning")
        line(jsonRecord(marker(in: file), extra: #", "date": "2025-02-30""#), "does not exist", severity: "warning")
        line(jsonRecord(marker(in: file), extra: #", "date": 1e300"#), "outside the years", severity: "warning")
        line(jsonRecord(marker(in: file), extra: #", "date": true"#), "is a boolean, expected a date", severity: "warning")
        let long = String(repeating: "l", count: 500)
        line(jsonRecord(marker(in: file), extra: #", "language": "\#(long)", "source": "\#(long)", "authors": ["\#(long)"], "url": "https://x/\#(long)""#),
             "is not a language code", severity: "warning")
        line("")
        line(jsonRecord("gq0marker") + ",", "invalid JSON")
        line(jsonRecord(marker(in: file)))
        try write(file, lines.joined(separator: "\n") + "\n")
        var invalidUTF8 = Array(#"{"title": "bad bytes", "body": "abc"#.utf8) + [0xFF, 0xFE] + Array("\"}\n".utf8)
        invalidUTF8 += Array((jsonRecord(marker(in: "json/invalid-utf8.jsonl")) + "\n").utf8)
        try write("json/invalid-utf8.jsonl", bytes: invalidUTF8)
        expect("json/invalid-utf8.jsonl", at: ":1", "invalid JSON")
        goodArticles += 10

        // A list with bad records between good ones, cut off inside its last record.
        let list = "json/broken-list.json"
        let records = [
            jsonRecord(marker(in: list)), #"{"title": "x" "body": "y"}"#, jsonRecord(marker(in: list)), #"{"body": \#(deep)}"#, "5", "",
            jsonRecord(marker(in: list)), #"{"title": "cut"#,
        ]
        try write(list, "[\n" + records.joined(separator: ",\n"))
        expect(list, at: "#2", "invalid JSON")
        expect(list, at: "#4", "nested more than 64 levels deep")
        expect(list, at: "#5", "record is a number, expected an object")
        expect(list, at: "#6", "empty record")
        expect(list, at: "#8", "ends inside the list")
        try write("json/deep.json", deep)
        expect("json/deep.json", at: "#1", "nested more than 64 levels deep")
        try write("json/wrapped.json", #"{"articles": [\#(jsonRecord(marker(in: "json/wrapped.json"))), \#(jsonRecord(marker(in: "json/wrapped.json")))]}"#)
        try write("json/scalar.json", #""just a string""#)
        expect("json/scalar.json", "top-level JSON is text")
        goodArticles += 5
    }

    private mutating func writeHTML() throws {
        // Tag soup: 1,200 unclosed inline tags, with text at the bottom (libxml2 stops at depth 256
        // unless told otherwise, silently dropping the rest of the page).
        let soup = "<html><body><p>Harbour talks resume \(marker(in: "html/unclosed.html")) in Valmora today."
            + String(repeating: "<font><b><i><span>", count: 300) + "Deep text of the page \(marker(in: "html/unclosed.html"))."
        try write("html/unclosed.html", soup)
        let scripts = "<html><body>" + String(repeating: "<script>var a = 1; document.write('x');</script>", count: 100_000)
            + "<p>\(article(marker(in: "html/script-bomb.html")))</p></body></html>"
        try write("html/script-bomb.html", scripts)
        let nested = "<html><body>" + String(repeating: "<div>", count: 100_000) + "<p>\(article(marker(in: "html/nested-divs.html")))</p>"
            + String(repeating: "</div>", count: 100_000) + "</body></html>"
        try write("html/nested-divs.html", nested)
        goodArticles += 3
        try write("html/too-many-tags.html", "<html><body><p>Text.</p>" + String(repeating: "<b>", count: 1_100_000))
        expect("html/too-many-tags.html", "more than 1000000 tags")
    }

    private mutating func writeMarkdown() throws {
        try write("markdown/brackets.md", "Brackets\n\n" + String(repeating: "[", count: 40) + " text " + String(repeating: "![", count: 40) + "\n\n" + article(marker(in: "markdown/brackets.md")))
        let list = (0..<1000).map { String(repeating: " ", count: $0) + "- item\n" }.joined()
        try write("markdown/nested-list.md", "Nested list\n\n" + list + "\n" + article(marker(in: "markdown/nested-list.md")))
        var laughs = ["---", "title: Laughs", #"a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]"#]
        for level in 1...9 { laughs.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]") }
        laughs += ["authors: *a9", "---", ""]
        try write("markdown/billion-laughs.md", laughs.joined(separator: "\n") + article(marker(in: "markdown/billion-laughs.md")))
        try write("markdown/deep-yaml.md", "---\ntitle: " + String(repeating: "[", count: 10_000) + "\n---\n" + article(marker(in: "markdown/deep-yaml.md")))
        expect("markdown/deep-yaml.md", "front matter ignored", severity: "warning")
        goodArticles += 4
    }

    private mutating func writeFileSystemOddities() throws {
        try write("names/with spaces.txt", article(marker(in: "names/with spaces.txt")))
        try write("names/new\nline.txt", article(marker(in: "names/new\\nline.txt")))
        try write(nameBytes: Array("names/caf".utf8) + [0xE9] + Array(".txt".utf8), bytes: Array(article(marker(in: "names/caf\\xE9.txt")).utf8))
        goodArticles += 3
        guard mkfifo(root + "/names/fifo.txt", 0o644) == 0 else { throw CorpusError("mkfifo failed") }
        expect("names/fifo.txt", "not a regular file")
        try FileManager.default.createSymbolicLink(atPath: root + "/names/dangling.txt", withDestinationPath: root + "/names/missing.txt")
        expect("names/dangling.txt", "cannot access")
        try FileManager.default.createSymbolicLink(atPath: root + "/names/loop.txt", withDestinationPath: root + "/names/loop.txt")
        expect("names/loop.txt", "cannot access")
        try FileManager.default.createDirectory(atPath: root + "/names/dir", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/names/dir/up", withDestinationPath: "..")
        expect("names/dir/up", "already visited", severity: "warning")
    }
}

struct CorpusError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
