/// Reads articles from one input file in its format, reporting bad items and keeping good ones.
public struct ArticleSource: Sendable {
    public var mapping: FieldMapping
    /// Largest single-article HTML file read (markup can outweigh text many times); bigger ones
    /// are reported and skipped, unread when their size on disk already says so.
    public var maximumFileBytes = 64 << 20
    /// Largest article text passed on to analysis (which needs about 20 times its size).
    public var maximumArticleBytes = 16 << 20
    /// Largest .txt/.md file read: room for the article text in UTF-16.
    var maximumTextFileBytes: Int { min(maximumFileBytes, 2 * maximumArticleBytes + (64 << 10)) }

    public init(mapping: FieldMapping = .standard) { self.mapping = mapping }

    /// Calls `emit` for each article or problem in the file, in order. Errors thrown by `emit`
    /// stop reading and propagate; I/O errors are reported as a problem for the file.
    public func read(_ file: InputFile, emit: (ReadItem) throws -> Void) throws {
        let location = SourceLocation(path: file.path.description)
        do {
            let stream = try InputStream(path: file.path)
            if stream.fileSize == 0 {
                try emit(.problem(IngestProblem(location, "empty file")))
                return
            }
            let json = JSONRecordReader(mapping: mapping)
            func checked(_ item: ReadItem) throws { try emit(limitSize(item)) }
            switch file.format {
            case .jsonl:
                try json.readLines(stream, emit: checked)
            case .json:
                try json.readDocument(stream, emit: checked)
            case .html:
                try checked(HTMLReader().read(try stream.readAll(limit: maximumFileBytes), origin: location))
            case .txt, .md:
                let bytes = try stream.readAll(limit: maximumTextFileBytes)
                switch TextDecoding.decode(bytes) {
                case .failure(let refusal):
                    try emit(.problem(IngestProblem(location, refusal.reason)))
                case .success(let decoded) where decoded.text.utf8.count > maximumArticleBytes:
                    // Refused before layout and analysis, which cost many times the text's size.
                    try emit(.problem(IngestProblem(location, tooLong(decoded.text.utf8.count))))
                case .success(let decoded):
                    let repairs = decoded.repairs.map { IngestProblem(location, $0, severity: .warning) }
                    var item = file.format == .txt
                        ? PlainTextReader().read(decoded.text, origin: location)
                        : MarkdownReader().read(decoded.text, origin: location)
                    if case .article(let article, let warnings) = item { item = .article(article, warnings: repairs + warnings) }
                    try checked(item)
                }
            }
        } catch let error as GazetteError {
            try emit(.problem(IngestProblem(location, error.message)))
        }
    }

    private func limitSize(_ item: ReadItem) -> ReadItem {
        guard case .article(let article, var warnings) = item else { return item }
        let size = article.body.utf8.count + article.title.utf8.count
        guard size <= maximumArticleBytes else { return .problem(IngestProblem(article.origin, tooLong(size))) }
        let long = LongWords.find(in: article.body)
        if long.count > 0 {
            let what = long.count == 1 ? "a word of \(long.longest) bytes" : "\(long.count) words of up to \(long.longest) bytes"
            warnings.append(IngestProblem(
                article.origin, "\(what) (over \(WordRules.maximumWordBytes)) will not be searchable", severity: .warning))
        }
        return .article(article, warnings: warnings)
    }

    private func tooLong(_ size: Int) -> String {
        "article text of \(size >> 20) MiB exceeds the \(maximumArticleBytes >> 20) MiB limit"
    }
}
