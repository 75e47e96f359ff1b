/// Which record keys feed which article field. The standard lists cover the common news dataset
/// layouts; users name others with `--field title=headline_text`.
public struct FieldMapping: Sendable {
    public enum Field: String, CaseIterable, Sendable {
        case id, title, body, date, url, source, authors, language, dateline
    }

    public var id = ["id", "_id", "uuid", "guid", "article_id", "doc_id", "docid"]
    public var title = ["title", "headline", "heading", "name"]
    public var body = ["body", "text", "content", "maintext", "article", "story", "description", "summary", "abstract"]
    public var date = [
        "date", "published", "published_at", "date_publish", "pubdate", "publish_date", "publication_date",
        "datepublished", "date_published", "created_at", "created", "timestamp", "datetime", "time",
    ]
    public var url = ["url", "link", "canonical_url", "source_url", "permalink"]
    public var source = ["source", "publication", "publisher", "site_name", "outlet", "source_name", "feed"]
    public var authors = ["authors", "author", "byline", "creator", "creators", "writers", "writer"]
    public var language = ["language", "lang", "locale", "language_code"]
    public var dateline = ["dateline"]

    public static let standard = FieldMapping()

    /// Every key any field reads (lower case): the only keys of a record worth decoding.
    var allKeys: Set<String> { Set(id + title + body + date + url + source + authors + language + dateline) }

    public init() {}

    /// Makes `key` the first choice for `field`.
    public mutating func prefer(_ key: String, for field: Field) {
        let key = key.lowercased()
        switch field {
        case .id: id.insert(key, at: 0)
        case .title: title.insert(key, at: 0)
        case .body: body.insert(key, at: 0)
        case .date: date.insert(key, at: 0)
        case .url: url.insert(key, at: 0)
        case .source: source.insert(key, at: 0)
        case .authors: authors.insert(key, at: 0)
        case .language: language.insert(key, at: 0)
        case .dateline: dateline.insert(key, at: 0)
        }
    }

    /// Parses "title=headline_text".
    public static func parseOverride(_ text: String) -> (Field, String)? {
        let parts = text.split(separator: "=", maxSplits: 1).map { String($0).trimmingWhitespace() }
        guard parts.count == 2, let field = Field(rawValue: parts[0].lowercased()), !parts[1].isEmpty else { return nil }
        return (field, parts[1])
    }
}
