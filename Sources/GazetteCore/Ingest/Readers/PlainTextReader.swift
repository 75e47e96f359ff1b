/// Reads a `.txt` article: optional front matter, then an optional headline line, then the body.
/// The date comes only from front matter or a wire dateline, never from the file's mtime.
struct PlainTextReader {
    func read(_ text: String, origin: SourceLocation) -> ReadItem {
        var problems: [IngestProblem] = []
        let (frontMatter, rest) = FrontMatter.fieldsAndBody(of: text, origin: origin, problems: &problems)
        var fields = frontMatter
        var paragraphs = TextLayout.trimmingBoilerplate(TextLayout.paragraphs(of: String(rest)))
        if fields.title == nil, let headline = Self.headline(of: rest, paragraphs: paragraphs) {
            fields.title = headline
            paragraphs.removeFirst()
        }
        fields.body = paragraphs.joined(separator: "\n")
        if fields.title == nil, let first = paragraphs.first {
            fields.title = Self.firstSentence(of: first)
        }
        return ArticleAssembler.item(fields, origin: origin, problems: problems)
    }

    /// The first line is a headline when it is short, does not end like a sentence, and is
    /// followed by more text (a blank line usually separates them).
    static func headline(of text: Substring, paragraphs: [String]) -> String? {
        guard paragraphs.count >= 2, let first = paragraphs.first else { return nil }
        let firstLine = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: true).first?.trimmingWhitespace()
        guard firstLine == first, first.count <= 200, let last = first.last else { return nil }
        if ".,;:".contains(last) { return nil }
        if DatelineParser.parse(leadOf: first) != nil { return nil }
        return first
    }

    /// A title for a text without a headline: its first sentence without a leading dateline,
    /// cut at a word boundary when very long.
    static func firstSentence(of paragraph: String) -> String {
        var text = paragraph
        if let dateline = DatelineParser.parse(leadOf: paragraph) {
            text = String(decoding: paragraph.utf8.dropFirst(dateline.length), as: UTF8.self)
        }
        let sentence = SentenceSplitter.first(of: text)
        return shorten(sentence, to: 200)
    }

    static func shorten(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        let cut = text.prefix(limit)
        let atWord = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return atWord.trimmingWhitespace() + "…"
    }
}

/// First sentence of a paragraph by ICU's sentence rules. Only titles of headline-less texts need
/// it, so a segmenter is opened per call rather than cached per thread.
enum SentenceSplitter {
    static func first(of text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String in
            guard let segmenter = try? Segmenter() else { return String(decoding: bytes, as: UTF8.self) }
            let end = (try? segmenter.segment(bytes) { _, starts in starts.count > 1 ? Int(starts[1]) : bytes.count }) ?? bytes.count
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self).trimmingWhitespace()
        }
    }
}
