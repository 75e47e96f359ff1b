/// Reads articles from one input file in its format, reporting bad items and keeping good ones.
public struct ArticleSource: Sendable {
    public var mapping: FieldMapping
    /// Largest single-article file (txt, md, html) read; bigger ones are reported and skipped.
    public var maximumFileBytes = 64 << 20
    /// Largest article text passed on to analysis.
    public var maximumArticleBytes = 16 << 20

    public init(mapping: FieldMapping = .standard) { self.mapping = mapping }

    /// Calls `emit` for each article or problem in the file, in order. Errors thrown by `emit`
    /// stop reading and propagate; I/O errors are reported as a problem for the file.
    public func read(_ file: InputFile, emit: (ReadItem) throws -> Void) throws {
        let location = SourceLocation(path: file.path.description)
        do {
            let stream = try InputStream(path: file.path)
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
                let bytes = try stream.readAll(limit: maximumFileBytes)
                switch TextDecoding.decode(bytes) {
                case .failure(let refusal):
                    try emit(.problem(IngestProblem(location, refusal.reason)))
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
        guard case .article(let article, _) = item else { return item }
        let size = article.body.utf8.count + article.title.utf8.count
        guard size > maximumArticleBytes else { return item }
        return .problem(IngestProblem(article.origin, "article text of \(size >> 20) MiB exceeds the \(maximumArticleBytes >> 20) MiB limit"))
    }
}
