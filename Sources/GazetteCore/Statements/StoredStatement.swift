import Foundation

/// What each document of the statement index stores as its data (JSON): everything needed to
/// show a statement without opening the article.
public struct StoredStatement: Codable, Sendable, Equatable {
    /// "<article id>#s<n>", n counting the article's statements from 1 in reading order.
    public var id: String
    public var article: String
    public var title: String
    /// ISO 8601 UTC (the article's date), absent for undated articles.
    public var date: String?
    public var speaker: Speaker
    /// The reporting verb's lemma ("say", "warn", "according to").
    public var verb: String
    /// The reported content.
    public var text: String
    public var direct: Bool
    /// The sentence (or sentences) holding the statement.
    public var sentence: String
    public var language: String
    /// UTF-8 byte ranges in the article body, as [start, end].
    public var spans: Spans

    public struct Speaker: Codable, Sendable, Equatable {
        /// The resolved actor; nil when the words name nobody Gazette knows ("analysts").
        public var id: String?
        public var name: String?
        /// The words used in the article ("He", "U.S. envoys").
        public var text: String
    }

    public struct Spans: Codable, Sendable, Equatable {
        public var content: [Int]
        public var sentence: [Int]
        public var speaker: [Int]
    }

    static func decode(_ data: [UInt8]) throws -> StoredStatement {
        try JSONDecoder().decode(StoredStatement.self, from: Data(data))
    }

    /// Written directly, like `StoredArticle`'s header (JSONEncoder costs too much per document).
    func documentData() -> [UInt8] {
        var out = JSONWriter()
        out.beginObject()
        out.field("id", id)
        out.field("article", article)
        out.field("title", title)
        out.field("date", date)
        out.key("speaker")
        out.beginObject()
        out.field("id", speaker.id)
        out.field("name", speaker.name)
        out.field("text", speaker.text)
        out.endObject()
        out.field("verb", verb)
        out.field("text", text)
        out.field("direct", direct)
        out.field("sentence", sentence)
        out.field("language", language)
        out.key("spans")
        out.beginObject()
        out.field("content", spans.content[0]..<spans.content[1])
        out.field("sentence", spans.sentence[0]..<spans.sentence[1])
        out.field("speaker", spans.speaker[0]..<spans.speaker[1])
        out.endObject()
        out.endObject()
        return out.bytes
    }
}
