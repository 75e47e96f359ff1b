import Ink

/// Reads a `.md` article: YAML front matter for metadata, then Markdown rendered by Ink and
/// reduced to paragraphs by the same HTML text extraction the HTML reader uses.
struct MarkdownReader {
    func read(_ text: String, origin: SourceLocation) -> ReadItem {
        var problems: [IngestProblem] = []
        let (frontMatter, markdown) = FrontMatter.fieldsAndBody(of: text, origin: origin, problems: &problems)
        var fields = frontMatter
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
        return ArticleAssembler.item(fields, origin: origin, problems: problems)
    }
}
