import Foundation

/// What each document stores as its data (JSON): everything needed to show a hit and re-build
/// snippets without going back to the input files.
public struct StoredArticle: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    /// Kept outside the JSON header of the stored data (see `documentData()`).
    public var body: String
    /// ISO 8601 UTC, absent for undated articles.
    public var date: String?
    public var source: String?
    public var url: String?
    public var authors: [String]
    public var language: String
    public var path: String
    public var line: Int?
    public var record: Int?
    public var format: String
    /// Actors in order of mention count.
    public var actors: [StoredActor]

    public init(
        id: String, title: String, body: String, date: String?, source: String?, url: String?, authors: [String],
        language: String, path: String, line: Int?, record: Int?, format: String, actors: [StoredActor]
    ) {
        self.id = id
        self.title = title
        self.body = body
        self.date = date
        self.source = source
        self.url = url
        self.authors = authors
        self.language = language
        self.path = path
        self.line = line
        self.record = record
        self.format = format
        self.actors = actors
    }

    enum CodingKeys: String, CodingKey {
        case id, title, body, date, source, url, authors, language, path, line, record, format, actors
    }

    /// The stored header has no body (it follows the JSON); `gazette show --format json` has one.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        title = try container.decode(String.self, forKey: .title)
        body = try container.decodeIfPresent(String.self, forKey: .body) ?? ""
        date = try container.decodeIfPresent(String.self, forKey: .date)
        source = try container.decodeIfPresent(String.self, forKey: .source)
        url = try container.decodeIfPresent(String.self, forKey: .url)
        authors = try container.decode([String].self, forKey: .authors)
        language = try container.decode(String.self, forKey: .language)
        path = try container.decode(String.self, forKey: .path)
        line = try container.decodeIfPresent(Int.self, forKey: .line)
        record = try container.decodeIfPresent(Int.self, forKey: .record)
        format = try container.decode(String.self, forKey: .format)
        actors = try container.decode([StoredActor].self, forKey: .actors)
    }

    public struct StoredActor: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var type: ActorType
        public var mentions: Int
    }
}

extension StoredArticle {
    /// Document data: the article without its body as JSON, a NUL byte, then the body as UTF-8.
    /// Listing hits decodes the small JSON part only; the body is read when a snippet needs it.
    /// The JSON is written directly: JSONEncoder's generic path costs more per document than all
    /// of Gazette's analysis of a short article.
    func documentData() -> [UInt8] {
        var bytes = headerJSON()
        bytes.append(0)
        bytes.append(contentsOf: body.utf8)
        return bytes
    }

    /// Reads document data written by `documentData()`; with `includingBody: false` the body is
    /// left empty and not decoded.
    static func decode(_ data: [UInt8], includingBody: Bool = true) throws -> StoredArticle {
        let split = data.firstIndex(of: 0) ?? data.endIndex
        var article = try JSONDecoder().decode(StoredArticle.self, from: Data(data[..<split]))
        if includingBody, split < data.endIndex {
            article.body = String(decoding: data[(split + 1)...], as: UTF8.self)
        }
        return article
    }

    private func headerJSON() -> [UInt8] {
        var out = JSONWriter()
        out.beginObject()
        out.field("id", id)
        out.field("title", title)
        out.field("date", date)
        out.field("source", source)
        out.field("url", url)
        out.key("authors")
        out.beginArray()
        for author in authors { out.string(author) }
        out.endArray()
        out.field("language", language)
        out.field("path", path)
        out.field("line", line)
        out.field("record", record)
        out.field("format", format)
        out.key("actors")
        out.beginArray()
        for actor in actors {
            out.beginObject()
            out.field("id", actor.id)
            out.field("name", actor.name)
            out.field("type", actor.type.rawValue)
            out.field("mentions", actor.mentions)
            out.endObject()
        }
        out.endArray()
        out.endObject()
        return out.bytes
    }
}

/// A minimal JSON writer for Gazette's own records (RFC 8259 string escaping).
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    private var needsComma = false

    init() { bytes.reserveCapacity(4096) }

    mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        needsComma = false
    }

    /// Absent optionals are left out, as JSONEncoder does.
    mutating func field(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    mutating func field(_ name: StaticString, _ value: Int?) {
        guard let value else { return }
        key(name)
        bytes.append(contentsOf: String(value).utf8)
        needsComma = true
    }

    mutating func field(_ name: StaticString, _ value: Bool) {
        key(name)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
        needsComma = true
    }

    /// A byte range as a two-number array.
    mutating func field(_ name: StaticString, _ range: Range<Int>) {
        key(name)
        bytes.append(contentsOf: "[\(range.lowerBound),\(range.upperBound)]".utf8)
        needsComma = true
    }

    mutating func string(_ value: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }
}
