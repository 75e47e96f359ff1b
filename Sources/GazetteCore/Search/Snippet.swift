/// A passage of an article with the words that matched the query marked.
public struct Snippet: Sendable, Equatable {
    public var text: String
    /// UTF-8 byte ranges of `text` to highlight, in order, not overlapping.
    public var highlights: [Range<Int>]

    /// The text with each highlight wrapped in `open` and `close` ("[", "]" or terminal bold).
    public func marked(open: String = "[", close: String = "]") -> String {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + highlights.count * (open.utf8.count + close.utf8.count))
        var cursor = 0
        for range in highlights {
            output += bytes[cursor..<range.lowerBound]
            output += open.utf8
            output += bytes[range]
            output += close.utf8
            cursor = range.upperBound
        }
        output += bytes[cursor...]
        return String(decoding: output, as: UTF8.self)
    }

    /// Highlights as Unicode code point offsets [start, end) (what Python and most JSON
    /// consumers index strings by).
    public var codePointHighlights: [[Int]] {
        let bytes = Array(text.utf8)
        // before[i]: how many code points start before byte i.
        var before = [Int](repeating: 0, count: bytes.count + 1)
        var seen = 0
        for index in 0...bytes.count {
            before[index] = seen
            if index < bytes.count, bytes[index] & 0xC0 != 0x80 { seen += 1 }
        }
        return highlights.map { [before[$0.lowerBound], before[$0.upperBound]] }
    }
}

/// Builds snippets from stored text with the index's own analyzer, so highlighting agrees with
/// matching (stems, possessives, CJK words, accents).
struct SnippetBuilder {
    let analyzer: Analyzer
    /// Needed only to highlight actor mentions.
    let extractor: ActorExtractor?
    /// Words in a snippet.
    var windowWords = 32

    func snippet(
        of article: StoredArticle, terms: Set<String>, prefixes: [String], actors: Set<String>
    ) -> Snippet {
        let text = article.body.isEmpty ? article.title : article.body
        var bytes = Array(text.utf8)
        if bytes.isEmpty { return Snippet(text: "", highlights: []) }
        let analyzed = bytes.withUnsafeBufferPointer { analyzer.analyze(bytes: $0, language: article.language) }
        let tokens = analyzed.tokens
        guard !tokens.isEmpty else { return Snippet(text: String(text.prefix(200)), highlights: []) }

        var matched = [Bool](repeating: false, count: tokens.count)
        for (index, token) in tokens.enumerated()
        where terms.contains(token.term) || prefixes.contains(where: { token.folded.hasPrefix($0) }) {
            matched[index] = true
        }
        if !actors.isEmpty, let extractor {
            let mentions = bytes.withUnsafeMutableBufferPointer { buffer in
                extractor.extract(bytes: UnsafeBufferPointer(buffer), analyzed: analyzed, language: article.language)
            }
            for mention in mentions where mention.actor.map({ actors.contains($0.id) }) ?? false {
                for index in mention.firstToken..<(mention.firstToken + mention.tokenCount) { matched[index] = true }
            }
        }

        let (first, last) = bestWindow(tokens, matched)
        let start = first == 0 ? 0 : tokens[first].start
        var end = last == tokens.count - 1 ? bytes.count : tokens[last].end
        // End on the sentence's punctuation when it is right there.
        while end < bytes.count, end < tokens[last].end + 2, [UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?")].contains(bytes[end]) {
            end += 1
        }
        let leading = start > 0 ? "… " : ""
        let trailing = end < bytes.count ? " …" : ""
        var highlights: [Range<Int>] = []
        let offset = leading.utf8.count - start
        for index in first...last where matched[index] {
            let range = (tokens[index].start + offset)..<(tokens[index].end + offset)
            // Words of one phrase separated only by spaces share one highlight.
            if let previous = highlights.last, index > 0, matched[index - 1],
                tokens[index - 1].end + offset <= range.lowerBound,
                bytes[(tokens[index - 1].end)..<tokens[index].start].allSatisfy({ $0 == 0x20 })
            {
                highlights[highlights.count - 1] = previous.lowerBound..<range.upperBound
            } else {
                highlights.append(range)
            }
        }
        let body = String(decoding: bytes[start..<end], as: UTF8.self)
            .map { $0 == "\n" ? " " : $0 }
        return Snippet(text: leading + String(body) + trailing, highlights: highlights)
    }

    /// The window of `windowWords` tokens with the most distinct matched terms (then the most
    /// matches), starting a little before its first match.
    private func bestWindow(_ tokens: [Token], _ matched: [Bool]) -> (Int, Int) {
        let size = min(windowWords, tokens.count)
        guard matched.contains(true) else { return (0, size - 1) }
        var best = (score: (-1, -1), first: 0)
        for first in 0...(tokens.count - size) where matched[first] || first == 0 {
            var distinct = Set<String>()
            var hits = 0
            for index in first..<(first + size) where matched[index] {
                distinct.insert(tokens[index].term)
                hits += 1
            }
            let score = (distinct.count, hits)
            if score > best.score { best = (score, first) }
        }
        let lead = min(6, best.first)
        let first = best.first - lead
        return (first, min(tokens.count - 1, first + size - 1))
    }
}
