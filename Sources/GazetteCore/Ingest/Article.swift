/// One news article as read from an input file, before analysis.
public struct Article: Sendable, Equatable {
    /// The record's own id; nil means one is derived from the file path (and record number).
    public var id: String?
    public var title: String
    /// Body text: paragraphs separated by "\n", no line breaks inside a paragraph.
    public var body: String
    public var date: ArticleDate?
    public var source: String?
    public var url: String?
    public var authors: [String]
    /// ISO 639-1 code when the input said which language it is in.
    public var language: String?
    /// Where the article came from (file and line or record).
    public var origin: SourceLocation

    public init(
        id: String? = nil, title: String = "", body: String = "", date: ArticleDate? = nil, source: String? = nil,
        url: String? = nil, authors: [String] = [], language: String? = nil, origin: SourceLocation
    ) {
        self.id = id
        self.title = title
        self.body = body
        self.date = date
        self.source = source
        self.url = url
        self.authors = authors
        self.language = language
        self.origin = origin
    }
}

/// A file and, for multi-record files, the line (JSONL) or record index (JSON arrays).
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var path: String
    /// 1-based line number in the file, when known.
    public var line: Int?
    /// 1-based record number in a JSON array or JSONL file.
    public var record: Int?

    public init(path: String, line: Int? = nil, record: Int? = nil) {
        self.path = path
        self.line = line
        self.record = record
    }

    public var description: String {
        if let line { return "\(path):\(line)" }
        if let record { return "\(path)#\(record)" }
        return path
    }
}

/// A point in time in UTC, kept as calendar fields so index keys need no calendar arithmetic.
public struct ArticleDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// "YYYYMMDDHHMMSS": the sortable value-slot key.
    public var sortKey: String {
        pad(year, 4) + pad(month, 2) + pad(day, 2) + pad(hour, 2) + pad(minute, 2) + pad(second, 2)
    }

    public var dayKey: String { pad(year, 4) + pad(month, 2) + pad(day, 2) }
    public var monthKey: String { pad(year, 4) + pad(month, 2) }
    public var yearKey: String { pad(year, 4) }

    /// ISO 8601 in UTC: "2025-12-14T09:30:00Z".
    public var iso8601: String {
        "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))Z"
    }

    /// "2025-12-14".
    public var isoDay: String { "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))" }

    public var description: String { iso8601 }

    public static func < (a: ArticleDate, b: ArticleDate) -> Bool { a.sortKey < b.sortKey }

    /// Parses a sort key written by `sortKey`.
    public init?(sortKey: String) {
        let digits = Array(sortKey.utf8)
        guard digits.count == 14, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(digits[$1] - 0x30) } }
        self.init(
            year: number(0..<4), month: number(4..<6), day: number(6..<8), hour: number(8..<10),
            minute: number(10..<12), second: number(12..<14))
    }
}

private func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}

/// Something wrong with an input item. Errors mean the item was skipped; warnings mean it was
/// indexed with the problem noted (for example an unparseable date: indexed as undated).
public struct IngestProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }
    public var location: SourceLocation
    public var reason: String
    public var severity: Severity

    public init(_ location: SourceLocation, _ reason: String, severity: Severity = .error) {
        self.location = location
        self.reason = reason
        self.severity = severity
    }

    public var description: String { "\(location): \(severity.rawValue): \(reason)" }
}
