/// The metadata and text of one record as found in the input, before validation.
struct RecordFields {
    enum DateValue {
        case text(String)
        case epoch(Double)
    }

    var id: String?
    var title: String?
    var body: String?
    var date: DateValue?
    var url: String?
    var source: String?
    var authors: [String] = []
    var language: String?
    /// A wire dateline ("SALVADOR, Feb 26 -") kept apart by the input; it is put back in front of
    /// the body because it is article text (and often the best place signal).
    var dateline: String?
}

/// Validates record fields and builds the article, reporting what had to be repaired or dropped.
enum ArticleAssembler {
    /// Returns nil (with an error problem) when the record has no text at all.
    static func assemble(_ fields: RecordFields, origin: SourceLocation, problems: inout [IngestProblem]) -> Article? {
        let title = clean(fields.title) ?? ""
        var body = clean(fields.body) ?? ""
        if let dateline = clean(fields.dateline), !body.hasPrefix(dateline) {
            body = body.isEmpty ? dateline : dateline + " " + body
        }
        if title.isEmpty && body.isEmpty {
            problems.append(IngestProblem(origin, "no title and no body text"))
            return nil
        }
        if body.isEmpty {
            problems.append(IngestProblem(origin, "no body text; indexed by its title only", severity: .warning))
        }
        var article = Article(
            id: clean(fields.id), title: title, body: body, source: clean(fields.source), url: clean(fields.url),
            authors: fields.authors.compactMap(clean), language: languageCode(fields.language, origin: origin, problems: &problems),
            origin: origin)
        article.date = parseDate(fields.date, origin: origin, problems: &problems)
        if article.date == nil, fields.date == nil, let dateline = DatelineParser.parse(leadOf: body), let parsed = dateline.date {
            article.date = parsed.date
        }
        return article
    }

    /// The reader's result for a record: the article with its warnings, or the first error.
    static func item(_ fields: RecordFields, origin: SourceLocation, problems: [IngestProblem]) -> ReadItem {
        var problems = problems
        guard let article = assemble(fields, origin: origin, problems: &problems) else {
            return .problem(problems.first { $0.severity == .error } ?? IngestProblem(origin, "no article text"))
        }
        return .article(article, warnings: problems)
    }

    static func parseDate(_ value: RecordFields.DateValue?, origin: SourceLocation, problems: inout [IngestProblem]) -> ArticleDate? {
        guard let value else { return nil }
        let result: Result<ParsedDate, DateParseError>
        let shown: String
        switch value {
        case .text(let text):
            guard !text.trimmingWhitespace().isEmpty else { return nil }
            result = DateParser.parse(text)
            shown = "\"\(text.prefix(60))\""
        case .epoch(let seconds):
            result = DateParser.fromEpoch(seconds)
            shown = "\(seconds)"
        }
        switch result {
        case .success(let parsed):
            return parsed.date
        case .failure(let error):
            problems.append(IngestProblem(origin, "date \(shown) ignored: \(error.reason); indexed as undated", severity: .warning))
            return nil
        }
    }

    /// The input's language as a code ("en-US", "English" -> "en"). Anything that does not
    /// reduce to 2 to 8 letters is not a language code (and would make an index term of any
    /// length): it is reported and the article is analysed as the default language.
    static func languageCode(_ value: String?, origin: SourceLocation, problems: inout [IngestProblem]) -> String? {
        guard let value = clean(value) else { return nil }
        let code = Language.normalize(value)
        let isLetter = { (byte: UInt8) in byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
        guard (2...8).contains(code.utf8.count), code.utf8.allSatisfy(isLetter) else {
            problems.append(IngestProblem(
                origin, "language \"\(value.prefix(40))\" is not a language code; ignored", severity: .warning))
            return nil
        }
        return code
    }

    /// Trims whitespace; empty values become nil.
    static func clean(_ value: String?) -> String? {
        guard let value else { return nil }
        let trimmed = value.trimmingWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }
}
