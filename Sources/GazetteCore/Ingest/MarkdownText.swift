/// Reduces Markdown to the text a reader sees: one paragraph per block (paragraph, heading, list
/// item, table row, code line), with inline markup removed (emphasis markers, link targets, HTML
/// tags, escapes, entities), plus the first top-level heading.
///
/// Written for hostile input: one pass over lines, then one pass per block over its bytes, no
/// recursion and no backtracking. (A general Markdown renderer we used before took exponential
/// time on twenty unclosed "[" and overflowed the stack on deeply nested lists.) It reads the
/// common Markdown of news archives, not every corner of CommonMark; what it does not recognise
/// stays as text, which is what indexing needs.
enum MarkdownText {
    struct Content: Equatable {
        var paragraphs: [String] = []
        var firstHeading: String?
    }

    static func extract(_ markdown: Substring) -> Content {
        var reader = BlockReader()
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            reader.read(Array(line.utf8))
        }
        reader.flush()
        return reader.content
    }

    // MARK: Blocks

    private struct BlockReader {
        var content = Content()
        /// Lines of the paragraph being read.
        var lines: [[UInt8]] = []
        var quoteDepth = 0
        /// Inside a fenced code block: its fence character and length.
        var fence: (character: UInt8, length: Int)?
        /// Inside a <script>, <style> or comment block: the text that ends it.
        var droppedUntil: [UInt8]?

        mutating func read(_ line: [UInt8]) {
            if let fence {
                let (indent, body) = leadingSpaces(line)
                if indent < 4, body.count >= fence.length, body.prefix(fence.length).allSatisfy({ $0 == fence.character }),
                    body.dropFirst(fence.length).allSatisfy(isSpace)
                {
                    self.fence = nil
                } else {
                    add(line, inline: false) // each code line is a paragraph, as in <pre>
                }
                return
            }
            if let end = droppedUntil {
                if contains(line[...], lowercased: end) { droppedUntil = nil }
                return
            }
            var (depth, body) = withoutQuoteMarkers(line)
            if depth != quoteDepth {
                flush()
                quoteDepth = depth
            }
            let (indent, rest) = leadingSpaces(Array(body))
            body = rest[...]
            if body.allSatisfy(isSpace) {
                flush()
                return
            }
            if indent < 4, let fence = fenceOpening(body) {
                flush()
                self.fence = fence
                return
            }
            if let end = droppedBlockEnd(body) {
                flush()
                if !contains(body.dropFirst(2), lowercased: end) { droppedUntil = end }
                return
            }
            if let (level, text) = atxHeading(body) {
                flush()
                heading(text, level: level)
                return
            }
            if isRule(body, of: UInt8(ascii: "=")) && !lines.isEmpty {
                let text = Array(lines.joined(separator: [0x20]))
                lines = []
                heading(text[...], level: 1)
                return
            }
            if isThematicBreak(body) {
                flush() // also a setext level-2 underline: the paragraph ends either way
                return
            }
            if isReferenceDefinition(body) || isTableDelimiter(body) { return }
            if let item = listItemText(body) {
                flush()
                lines = [Array(item)]
                return
            }
            if body.first == UInt8(ascii: "|") {
                flush()
                add(body.map { $0 == UInt8(ascii: "|") ? 0x20 : $0 }, inline: true)
                return
            }
            lines.append(Array(body))
        }

        mutating func flush() {
            guard !lines.isEmpty else { return }
            add(Array(lines.joined(separator: [0x20])), inline: true)
            lines = []
        }

        private mutating func heading(_ text: some Collection<UInt8>, level: Int) {
            let paragraph = MarkdownText.paragraph(Array(text), inline: true)
            guard !paragraph.isEmpty else { return }
            content.paragraphs.append(paragraph)
            if level == 1, content.firstHeading == nil { content.firstHeading = paragraph }
        }

        private mutating func add(_ bytes: [UInt8], inline: Bool) {
            let paragraph = MarkdownText.paragraph(bytes, inline: inline)
            if !paragraph.isEmpty { content.paragraphs.append(paragraph) }
        }
    }

    // MARK: Line shapes

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    private static func leadingSpaces(_ line: [UInt8]) -> (Int, ArraySlice<UInt8>) {
        var index = 0
        var columns = 0
        while index < line.count, isSpace(line[index]) {
            columns += line[index] == 0x09 ? 4 : 1
            index += 1
        }
        return (columns, line[index...])
    }

    /// Strips "> > " quote markers; returns how many there were.
    private static func withoutQuoteMarkers(_ line: [UInt8]) -> (Int, ArraySlice<UInt8>) {
        var body = line[...]
        var depth = 0
        while true {
            let trimmed = body.drop(while: isSpace)
            guard trimmed.first == UInt8(ascii: ">"), body.count - trimmed.count < 4 else { return (depth, body) }
            depth += 1
            body = trimmed.dropFirst()
            if let first = body.first, isSpace(first) { body = body.dropFirst() }
        }
    }

    private static func fenceOpening(_ body: ArraySlice<UInt8>) -> (character: UInt8, length: Int)? {
        guard let first = body.first, first == UInt8(ascii: "`") || first == UInt8(ascii: "~") else { return nil }
        let length = body.prefix(while: { $0 == first }).count
        return length >= 3 ? (first, length) : nil
    }

    /// `<script`, `<style` and `<!--` blocks are not text; returns what ends them.
    private static func droppedBlockEnd(_ body: ArraySlice<UInt8>) -> [UInt8]? {
        if startsWith(body, lowercased: Array("<script".utf8)) { return Array("</script>".utf8) }
        if startsWith(body, lowercased: Array("<style".utf8)) { return Array("</style>".utf8) }
        if startsWith(body, lowercased: Array("<!--".utf8)) { return Array("-->".utf8) }
        return nil
    }

    private static func atxHeading(_ body: ArraySlice<UInt8>) -> (Int, ArraySlice<UInt8>)? {
        let level = body.prefix(while: { $0 == UInt8(ascii: "#") }).count
        guard (1...6).contains(level) else { return nil }
        var text = body.dropFirst(level)
        guard text.isEmpty || isSpace(text.first!) else { return nil }
        text = text.drop(while: isSpace)
        // A closing run of "#" is decoration when a space precedes it.
        while let last = text.last, isSpace(last) { text = text.dropLast() }
        let closing = text.reversed().prefix(while: { $0 == UInt8(ascii: "#") }).count
        if closing > 0 {
            let before = text.dropLast(closing)
            if before.isEmpty || isSpace(before.last!) { text = before }
        }
        return (level, text)
    }

    private static func isRule(_ body: ArraySlice<UInt8>, of character: UInt8) -> Bool {
        var count = 0
        for byte in body {
            if byte == character { count += 1 } else if !isSpace(byte) { return false }
        }
        return count >= (character == UInt8(ascii: "=") ? 1 : 3)
    }

    private static func isThematicBreak(_ body: ArraySlice<UInt8>) -> Bool {
        isRule(body, of: UInt8(ascii: "-")) || isRule(body, of: UInt8(ascii: "*")) || isRule(body, of: UInt8(ascii: "_"))
    }

    /// `[label]: https://...` lines define link targets; they are not text.
    private static func isReferenceDefinition(_ body: ArraySlice<UInt8>) -> Bool {
        guard body.first == UInt8(ascii: "["), let close = body.firstIndex(of: UInt8(ascii: "]")), close > body.startIndex + 1 else {
            return false
        }
        let after = body[(close + 1)...]
        guard after.first == UInt8(ascii: ":") else { return false }
        return after.dropFirst().contains { !isSpace($0) }
    }

    /// `|---|:--:|` rows under a table header.
    private static func isTableDelimiter(_ body: ArraySlice<UInt8>) -> Bool {
        body.contains(UInt8(ascii: "|")) && body.contains(UInt8(ascii: "-"))
            && body.allSatisfy { $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ":") || isSpace($0) }
    }

    /// The text of a list item line ("- text", "* text", "+ text", "1. text", "2) text").
    private static func listItemText(_ body: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        guard let first = body.first else { return nil }
        var markerEnd: Int
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "*") || first == UInt8(ascii: "+") {
            markerEnd = body.startIndex + 1
        } else {
            let digits = body.prefix(while: { $0 >= 0x30 && $0 <= 0x39 }).count
            guard (1...9).contains(digits) else { return nil }
            markerEnd = body.startIndex + digits
            guard markerEnd < body.endIndex, body[markerEnd] == UInt8(ascii: ".") || body[markerEnd] == UInt8(ascii: ")") else { return nil }
            markerEnd += 1
        }
        guard markerEnd == body.endIndex || isSpace(body[markerEnd]) else { return nil }
        return body[markerEnd...].drop(while: isSpace)
    }

    private static func startsWith(_ body: ArraySlice<UInt8>, lowercased prefix: [UInt8]) -> Bool {
        guard body.count >= prefix.count else { return false }
        return zip(body, prefix).allSatisfy { lower($0) == $1 }
    }

    /// Whether `text` contains `needle` (ASCII, lower case), ignoring case.
    private static func contains(_ text: ArraySlice<UInt8>, lowercased needle: [UInt8]) -> Bool {
        guard text.count >= needle.count, let first = needle.first else { return false }
        var index = text.startIndex
        while index + needle.count <= text.endIndex {
            if lower(text[index]) == first, zip(text[index...], needle).allSatisfy({ lower($0) == $1 }) { return true }
            index += 1
        }
        return false
    }

    private static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    // MARK: Inline markup

    /// A block's visible text, whitespace collapsed.
    static func paragraph(_ bytes: [UInt8], inline: Bool) -> String {
        let text = inline ? InlineReducer(bytes).reduce() : bytes
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        var pendingSpace = false
        for byte in text {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                pendingSpace = !output.isEmpty
                continue
            }
            if pendingSpace {
                output.append(0x20)
                pendingSpace = false
            }
            output.append(byte)
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// Removes inline Markdown from one block's bytes in a single left-to-right pass. Brackets,
/// parentheses and code spans are matched beforehand with stacks, so no position is read more
/// than a bounded number of times, and the bookkeeping is one 4-byte slot per input byte.
private struct InlineReducer {
    let bytes: [UInt8]
    /// For each position: the index of its partner ("[" <-> "]", "(" <-> ")", the first backtick
    /// of a code span's opening run -> the first of its closing run), `escaped` for a byte made
    /// literal by a backslash or inside a code span, or `none`.
    var partner: [Int32]
    static let none: Int32 = -1
    static let escaped: Int32 = -2

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        partner = [Int32](repeating: Self.none, count: bytes.count)
        findCodeSpansAndEscapes()
        matchPairs()
    }

    private static let backtick = UInt8(ascii: "`")
    private static let backslash = UInt8(ascii: "\\")

    private func isEscapable(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte)
    }

    private func runLength(at index: Int) -> Int {
        var end = index
        while end < bytes.count, bytes[end] == bytes[index] { end += 1 }
        return end - index
    }

    /// A run of n backticks opens a code span closed by the next run of exactly n backticks.
    private mutating func findCodeSpansAndEscapes() {
        var runs: [(start: Int, length: Int)] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == Self.backslash, index + 1 < bytes.count, isEscapable(bytes[index + 1]) {
                partner[index + 1] = Self.escaped
                index += 2
                continue
            }
            if bytes[index] == Self.backtick {
                let length = runLength(at: index)
                runs.append((index, length))
                index += length
                continue
            }
            index += 1
        }
        guard runs.count > 1 else { return }
        // The next run of the same length after each run, found in one backward pass.
        var nextSameLength = [Int](repeating: -1, count: runs.count)
        var lastSeen: [Int: Int] = [:]
        for k in stride(from: runs.count - 1, through: 0, by: -1) {
            nextSameLength[k] = lastSeen[runs[k].length] ?? -1
            lastSeen[runs[k].length] = k
        }
        var k = 0
        while k < runs.count {
            let closing = nextSameLength[k]
            guard closing >= 0 else {
                k += 1
                continue
            }
            let open = runs[k]
            let close = runs[closing]
            for position in (open.start + 1)..<(close.start + close.length) { partner[position] = Self.escaped }
            partner[open.start] = Int32(close.start)
            k = closing + 1
        }
    }

    private func isCodeSpanStart(_ index: Int) -> Bool { bytes[index] == Self.backtick && partner[index] >= 0 }

    /// Matches [ ] and ( ) outside code spans and escapes.
    private mutating func matchPairs() {
        var brackets: [Int] = []
        var parens: [Int] = []
        for index in bytes.indices where partner[index] == Self.none {
            switch bytes[index] {
            case UInt8(ascii: "["): brackets.append(index)
            case UInt8(ascii: "("): parens.append(index)
            case UInt8(ascii: "]"):
                if let open = brackets.popLast() {
                    partner[open] = Int32(index)
                    partner[index] = Int32(open)
                }
            case UInt8(ascii: ")"):
                if let open = parens.popLast() {
                    partner[open] = Int32(index)
                    partner[index] = Int32(open)
                }
            default: break
            }
        }
    }

    func reduce() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if isCodeSpanStart(index) {
                let openLength = runLength(at: index)
                let close = Int(partner[index])
                output.append(0x20)
                output.append(contentsOf: bytes[(index + openLength)..<close])
                output.append(0x20)
                index = close + runLength(at: close)
                continue
            }
            if partner[index] == Self.escaped {
                output.append(byte)
                index += 1
                continue
            }
            switch byte {
            case Self.backslash:
                // An escape: the next byte (marked escaped) is kept as is.
                if index + 1 < bytes.count, partner[index + 1] == Self.escaped {
                    index += 1
                    continue
                }
            case UInt8(ascii: "!") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "[") && linkTarget(after: index + 1) != nil:
                index += 1 // an image's alt text is read like a link's text
                continue
            case UInt8(ascii: "["):
                if linkTarget(after: index) != nil {
                    index += 1
                    continue
                }
            case UInt8(ascii: "]"):
                // The end of a link's text: skip its target.
                if partner[index] >= 0, let target = linkTarget(after: Int(partner[index])) {
                    index = target
                    continue
                }
            case UInt8(ascii: "<"):
                if let end = tagEnd(from: index) {
                    let inner = bytes[(index + 1)..<end]
                    // <https://...> and <name@example.org> are shown; other tags are markup.
                    let isAutolink = !inner.contains(0x20) && (inner.contains(UInt8(ascii: ":")) || inner.contains(UInt8(ascii: "@")))
                    if isAutolink { output.append(contentsOf: inner) } else { output.append(0x20) }
                    index = end + 1
                    continue
                }
            case UInt8(ascii: "&"):
                if let (decoded, length) = HTMLEntities.decode(bytes, at: index) {
                    output.append(contentsOf: decoded)
                    index += length
                    continue
                }
            case UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"):
                let runEnd = index + runLength(at: index)
                if !isEmphasis(byte, from: index, to: runEnd) { output.append(contentsOf: bytes[index..<runEnd]) }
                index = runEnd
                continue
            default:
                break
            }
            output.append(byte)
            index += 1
        }
        return output
    }

    /// For "[" at `open`: when it starts a link ("[text](target)" or "[text][label]"), the index
    /// just past the target.
    private func linkTarget(after open: Int) -> Int? {
        guard bytes[open] == UInt8(ascii: "["), partner[open] >= 0 else { return nil }
        let next = Int(partner[open]) + 1
        guard next < bytes.count, partner[next] >= 0 else { return nil }
        if bytes[next] == UInt8(ascii: "(") || bytes[next] == UInt8(ascii: "[") { return Int(partner[next]) + 1 }
        return nil
    }

    /// For "<" at `open` starting an HTML tag, comment or autolink: the index of its ">". Only a
    /// bounded distance is searched, so a block full of "<" stays linear.
    private func tagEnd(from open: Int) -> Int? {
        guard open + 1 < bytes.count else { return nil }
        let next = bytes[open + 1]
        let isLetter = (next | 0x20) >= UInt8(ascii: "a") && (next | 0x20) <= UInt8(ascii: "z")
        guard isLetter || next == UInt8(ascii: "/") || next == UInt8(ascii: "!") else { return nil }
        let limit = min(bytes.count, open + 1024)
        var index = open + 1
        while index < limit {
            switch bytes[index] {
            case UInt8(ascii: ">"): return index
            case UInt8(ascii: "<"): return nil
            default: index += 1
            }
        }
        return nil
    }

    /// Emphasis runs (*a*, __b__, ~~c~~) touch a word on one side. A lone "*" between spaces is an
    /// asterisk; "_" inside a word (snake_case) and a single "~" (approximately) are text.
    private func isEmphasis(_ marker: UInt8, from start: Int, to end: Int) -> Bool {
        if marker == UInt8(ascii: "~") && end - start < 2 { return false }
        let before = start > 0 ? bytes[start - 1] : 0x20
        let after = end < bytes.count ? bytes[end] : 0x20
        let spaceBefore = before == 0x20 || before == 0x09
        let spaceAfter = after == 0x20 || after == 0x09
        if spaceBefore && spaceAfter { return false }
        if marker == UInt8(ascii: "_") && isWordByte(before) && isWordByte(after) { return false }
        return true
    }

    private func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")) || (byte >= 0x30 && byte <= 0x39)
    }
}
