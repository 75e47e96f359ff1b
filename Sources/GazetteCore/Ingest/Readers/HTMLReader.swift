import Foundation

/// Reads a saved news page: title and dates from its metadata, text from its main content.
struct HTMLReader {
    func read(_ bytes: [UInt8], origin: SourceLocation) -> ReadItem {
        let document: HTMLDocument
        do {
            document = try HTMLDocument(bytes: bytes)
        } catch {
            return .problem(IngestProblem(origin, "cannot parse HTML: \(error.message)"))
        }
        let content = HTMLText.extract(document)
        let problems: [IngestProblem] = []
        var fields = RecordFields()
        fields.title = content.metas["og:title"] ?? content.metas["twitter:title"] ?? content.linkedData["headline"]
            ?? content.firstHeading ?? content.documentTitle.map { Self.withoutSiteSuffix($0, site: content.metas["og:site_name"]) }
        let dateKeys = [
            "article:published_time", "og:article:published_time", "published_time", "datepublished", "date", "pubdate",
            "publishdate", "publish-date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created", "sailthru.date",
            "parsely-pub-date", "article.published",
        ]
        let dateText = dateKeys.lazy.compactMap { content.metas[$0] }.first ?? content.linkedData["datePublished"]
            ?? content.linkedData["dateCreated"] ?? content.timeElement
        fields.date = dateText.map { .text($0) }
        fields.source = content.metas["og:site_name"] ?? content.metas["application-name"]
        fields.url = content.canonicalURL ?? content.metas["og:url"]
        if let author = content.metas["author"] ?? content.metas["article:author"] ?? content.linkedData["author"] {
            fields.authors = [author]
        }
        fields.language = content.metas["og:locale"] ?? content.language
        var paragraphs = TextLayout.trimmingBoilerplate(content.paragraphs)
        if let title = fields.title, paragraphs.first == title { paragraphs.removeFirst() }
        fields.body = paragraphs.joined(separator: "\n")
        return ArticleAssembler.item(fields, origin: origin, problems: problems)
    }

    /// "Talks resume | The Daily Wire" -> "Talks resume".
    static func withoutSiteSuffix(_ title: String, site: String?) -> String {
        for separator in [" | ", " - ", " — ", " – "] {
            guard let range = title.range(of: separator, options: .backwards) else { continue }
            let suffix = title[range.upperBound...]
            if let site, suffix.lowercased() == site.lowercased() { return String(title[..<range.lowerBound]) }
            if site == nil, suffix.count <= 40, title[..<range.lowerBound].count > suffix.count { return String(title[..<range.lowerBound]) }
        }
        return title
    }
}
