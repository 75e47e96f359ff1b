import Foundation

/// What a news page holds once its furniture is removed: metadata and the main text's paragraphs.
struct HTMLContent {
    var documentTitle: String?
    var firstHeading: String?
    /// <meta> content by lower-cased property, name or itemprop (the first occurrence wins).
    var metas: [String: String] = [:]
    var language: String?
    var canonicalURL: String?
    /// The first <time datetime="..."> inside the main text.
    var timeElement: String?
    /// Fields found in JSON-LD blocks (schema.org NewsArticle): headline, datePublished, author.
    var linkedData: [String: String] = [:]
    var paragraphs: [String] = []
}

/// Extracts metadata and visible main text from a parsed HTML page: scripts, styles, navigation,
/// headers, footers, asides, forms and share/related/comment widgets are dropped.
enum HTMLText {
    static func extract(_ document: HTMLDocument) -> HTMLContent {
        var content = HTMLContent()
        guard let root = document.root else { return content }
        content.language = root.attribute("lang").flatMap(ArticleAssembler.clean)
        collectMetadata(root, into: &content)
        let main = mainElement(root) ?? root
        var collector = ParagraphCollector()
        for child in main.children { collector.walk(child, content: &content) }
        collector.finishParagraph()
        content.paragraphs = collector.paragraphs
        return content
    }

    private static let dropped: Set<String> = [
        "script", "style", "noscript", "template", "svg", "iframe", "nav", "aside", "form", "button", "select",
        "textarea", "footer", "header", "menu", "dialog", "object", "embed", "canvas", "video", "audio", "head",
    ]

    private static let blocks: Set<String> = [
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
        "blockquote", "pre", "br", "tr", "table", "dd", "dt", "dl", "figcaption", "figure", "hr", "address", "body",
    ]

    /// class/id words that mark page furniture inside the main text.
    private static let furnitureWords = [
        "share", "social", "related", "newsletter", "comment", "advert", "cookie", "promo", "subscribe",
        "breadcrumb", "breadcrumbs", "sidebar", "recommended", "paywall", "signup", "sponsored", "popular", "trending",
    ]

    static func isFurniture(_ node: HTMLDocument.Node) -> Bool {
        if let name = node.name, dropped.contains(name) { return true }
        if node.attribute("hidden") != nil || node.attribute("aria-hidden") == "true" { return true }
        let marks = ((node.attribute("class") ?? "") + " " + (node.attribute("id") ?? "")).lowercased()
        for token in marks.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            let parts = token.split(whereSeparator: { $0 == "-" || $0 == "_" })
            if parts.contains(where: { part in furnitureWords.contains { part == $0 || part == $0 + "s" } }) { return true }
        }
        if let role = node.attribute("role")?.lowercased(), ["navigation", "banner", "contentinfo", "complementary"].contains(role) {
            return true
        }
        return false
    }

    /// The element holding the story: the <article> with the most text, else <main>, else
    /// role="main", else nil (the whole page is used). Only outermost <article>s compete, so a page
    /// of thousands of nested ones is measured once, not once per level.
    private static func mainElement(_ root: HTMLDocument.Node) -> HTMLDocument.Node? {
        var articles: [HTMLDocument.Node] = []
        var main: HTMLDocument.Node?
        var stack = [(node: root, inArticle: false)]
        while let (node, inArticle) = stack.popLast() {
            guard node.isElement, let name = node.name else { continue }
            if name == "script" || name == "style" || name == "nav" || name == "footer" { continue }
            if name == "article" && !inArticle { articles.append(node) }
            if main == nil && (name == "main" || node.attribute("role")?.lowercased() == "main") { main = node }
            let childrenInArticle = inArticle || name == "article"
            stack.append(contentsOf: node.children.reversed().map { ($0, childrenInArticle) })
        }
        if !articles.isEmpty {
            return articles.max { textLength($0) < textLength($1) }
        }
        return main
    }

    /// Bytes of visible text under `node`, furniture excluded.
    private static func textLength(_ node: HTMLDocument.Node) -> Int {
        var total = 0
        var stack = [node]
        while let current = stack.popLast() {
            if let text = current.text {
                total += text.utf8.count
            } else if !isFurniture(current) {
                stack.append(contentsOf: current.children)
            }
        }
        return total
    }

    private static func collectMetadata(_ root: HTMLDocument.Node, into content: inout HTMLContent) {
        var stack = [root]
        while let node = stack.popLast() {
            guard node.isElement, let name = node.name else { continue }
            switch name {
            case "meta":
                let key = (node.attribute("property") ?? node.attribute("name") ?? node.attribute("itemprop"))?.lowercased()
                if let key, let value = node.attribute("content").flatMap(ArticleAssembler.clean), content.metas[key] == nil {
                    content.metas[key] = value
                }
            case "title":
                if content.documentTitle == nil { content.documentTitle = ArticleAssembler.clean(plainText(node)) }
            case "link":
                if node.attribute("rel")?.lowercased() == "canonical" { content.canonicalURL = node.attribute("href") }
            case "h1":
                if content.firstHeading == nil { content.firstHeading = ArticleAssembler.clean(plainText(node)) }
            case "time":
                if content.timeElement == nil { content.timeElement = node.attribute("datetime") }
            case "script":
                if node.attribute("type")?.lowercased() == "application/ld+json" { readLinkedData(plainText(node), into: &content) }
                continue
            default:
                break
            }
            stack.append(contentsOf: node.children.reversed())
        }
    }

    /// schema.org NewsArticle fields from a JSON-LD block; malformed or absurdly nested blocks are
    /// ignored.
    private static func readLinkedData(_ json: String, into content: inout HTMLContent) {
        let wanted: Set<String> = ["headline", "datepublished", "datecreated", "author"]
        let select = { (key: String, _: Int) -> JSONParser.Selection in
            wanted.contains(key) ? .keep : key == "@graph" ? .records : .skip
        }
        guard let value = try? Array(json.utf8).withUnsafeBufferPointer({ (bytes) throws(JSONParser.Failure) -> JSONValue in
            try JSONParser.parse(bytes, maximumValues: 10_000, select: select)
        }) else { return }
        var queue = [value]
        while let item = queue.popLast() {
            switch item {
            case .array(let items): queue.append(contentsOf: items)
            case .object(let object):
                for key in ["headline", "datePublished", "dateCreated"] {
                    if content.linkedData[key] == nil, case .string(let text)? = object[key] { content.linkedData[key] = text }
                }
                if content.linkedData["author"] == nil, let author = object["author"] {
                    if case .string(let name) = author { content.linkedData["author"] = name }
                    if case .object(let person) = author, case .string(let name)? = person["name"] { content.linkedData["author"] = name }
                    if case .array(let people) = author, case .object(let person)? = people.first, case .string(let name)? = person["name"] {
                        content.linkedData["author"] = name
                    }
                }
                if let graph = object["@graph"] { queue.append(graph) }
            default: break
            }
        }
    }

    /// All text under `node`, in document order.
    static func plainText(_ node: HTMLDocument.Node) -> String {
        var result = ""
        var stack = [node]
        while let current = stack.popLast() {
            if let text = current.text {
                result += text
            } else {
                stack.append(contentsOf: current.children.reversed())
            }
        }
        return result
    }

    /// Accumulates visible text into paragraphs at block boundaries.
    private struct ParagraphCollector {
        var paragraphs: [String] = []
        var current = ""
        var preformatted = 0

        /// Entering a node, or leaving an element (closing its paragraph if it is a block).
        private enum Step {
            case enter(HTMLDocument.Node)
            case leave(isBlock: Bool, isPreformatted: Bool)
        }

        mutating func walk(_ node: HTMLDocument.Node, content: inout HTMLContent) {
            var stack = [Step.enter(node)]
            while let step = stack.popLast() {
                switch step {
                case .leave(let isBlock, let isPreformatted):
                    if isPreformatted { preformatted -= 1 }
                    if isBlock { finishParagraph() }
                case .enter(let node):
                    if let text = node.text {
                        append(text)
                        continue
                    }
                    guard node.isElement, let name = node.name else { continue }
                    if HTMLText.isFurniture(node) { continue }
                    let isBlock = HTMLText.blocks.contains(name)
                    if isBlock { finishParagraph() }
                    if name == "pre" { preformatted += 1 }
                    stack.append(.leave(isBlock: isBlock, isPreformatted: name == "pre"))
                    stack.append(contentsOf: node.children.reversed().map(Step.enter))
                }
            }
        }

        mutating func append(_ text: String) {
            if preformatted > 0 {
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                for (index, line) in lines.enumerated() {
                    if index > 0 { finishParagraph() }
                    current += line
                }
                return
            }
            current += text
        }

        mutating func finishParagraph() {
            let words = current.split(whereSeparator: { $0.isWhitespace })
            if !words.isEmpty { paragraphs.append(words.joined(separator: " ")) }
            current = ""
        }
    }
}
