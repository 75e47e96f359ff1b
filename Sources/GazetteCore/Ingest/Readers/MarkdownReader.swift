import Ink

/// Reads a `.md` article: YAML front matter for metadata, then Markdown rendered by Ink and
/// reduced to paragraphs by the same HTML text extraction the HTML reader uses.
struct MarkdownReader {
    func read(_ text: String, origin: SourceLocation) -> ReadItem {
        var problems: [IngestProblem] = []
        var fields = RecordFields()
        var markdown = Substring(text)
        do {
            if let block = try FrontMatter.split(text) {
                fields = FrontMatter.fields(block.values)
                markdown = block.rest
            }
        } catch {
            problems.append(IngestProblem(origin, "front matter ignored: \(error)", severity: .warning))
        }
        let html = MarkdownParser().html(from: String(markdown))
        var paragraphs: [String] = []
        var heading: String?
        if let document = try? HTMLDocument(bytes: Array(("<html><body>" + html + "</body></html>").utf8)) {
            let content = HTMLText.extract(document)
            paragraphs = content.paragraphs
            heading = content.firstHeading
        } else {
            paragraphs = TextLayout.paragraphs(of: String(markdown))
        }
        paragraphs = TextLayout.trimmingBoilerplate(paragraphs)
        if fields.title == nil, let heading, paragraphs.first == heading {
            fields.title = heading
            paragraphs.removeFirst()
        }
        fields.body = paragraphs.joined(separator: "\n")
        if fields.title == nil, let first = paragraphs.first {
            fields.title = PlainTextReader.firstSentence(of: first)
        }
        guard let article = ArticleAssembler.assemble(fields, origin: origin, problems: &problems) else {
            return .problem(problems.first { $0.severity == .error } ?? IngestProblem(origin, "no article text"))
        }
        return .article(article, warnings: problems)
    }
}
