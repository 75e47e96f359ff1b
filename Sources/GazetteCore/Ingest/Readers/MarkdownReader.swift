/// Reads a `.md` article: YAML front matter for metadata, then the Markdown reduced to its
/// paragraphs (see `MarkdownText`).
struct MarkdownReader {
    func read(_ text: String, origin: SourceLocation) -> ReadItem {
        var problems: [IngestProblem] = []
        let (frontMatter, markdown) = FrontMatter.fieldsAndBody(of: text, origin: origin, problems: &problems)
        var fields = frontMatter
        let content = MarkdownText.extract(markdown)
        var paragraphs = TextLayout.trimmingBoilerplate(content.paragraphs)
        if fields.title == nil, let heading = content.firstHeading, paragraphs.first == heading {
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
