/// Recovers paragraphs from plain text: unwraps hard-wrapped lines (old wire copy, e-mail) and
/// drops trailing web boilerplate, so phrases are not cut by line wraps and "Leave a Reply" is not
/// indexed as article text. Works on UTF-8 bytes: it runs on every article of every corpus.
public enum TextLayout {
    /// Paragraphs of `text` (lines separated by "\n"), trimmed and non-empty.
    public static func paragraphs(of text: String) -> [String] {
        var text = text
        return text.withUTF8 { paragraphs(of: $0) }
    }

    static func paragraphs(of bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        let lines = splitLines(bytes)
        let width = typicalWidth(lines, bytes)
        let wrapped = isHardWrapped(lines, bytes, width: width)
        var paragraphs: [String] = []
        var current: [UInt8] = []
        func flush() {
            if !current.isEmpty { paragraphs.append(String(decoding: collapseSpaces(current), as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
        }
        var previous: Line?
        for line in lines {
            if line.isBlank {
                flush()
                previous = nil
                continue
            }
            let trimmed = bytes[line.trimmed]
            guard wrapped, let before = previous else {
                flush()
                current.append(contentsOf: trimmed)
                previous = line
                continue
            }
            let shortFinishedLine = before.characters < width * 6 / 10 && endsLikeSentence(before, bytes)
            if line.isIndented || shortFinishedLine {
                flush()
                current.append(contentsOf: trimmed)
            } else if current.last == UInt8(ascii: "-"), current.count >= 2, isLetter(current[current.count - 2]),
                startsLowercase(line, bytes)
            {
                current.append(contentsOf: trimmed) // a word hyphenated across the wrap: "well-" + "known"
            } else {
                current.append(0x20)
                current.append(contentsOf: trimmed)
            }
            previous = line
        }
        flush()
        return paragraphs
    }

    /// Removes trailing paragraphs that are web furniture rather than article text.
    public static func trimmingBoilerplate(_ paragraphs: [String]) -> [String] {
        var kept = paragraphs
        while let last = kept.last, isBoilerplate(last) { kept.removeLast() }
        return kept
    }

    static func isBoilerplate(_ paragraph: String) -> Bool {
        guard paragraph.utf8.count < 200 else { return false }
        let folded = paragraph.lowercased().trimmingWhitespace()
        if trailingPhrases.contains(folded) { return true }
        return trailingPrefixes.contains { folded.hasPrefix($0) } && folded.count < 160
    }

    private static let trailingPhrases: Set<String> = [
        "leave a reply", "leave a comment", "leave a reply cancel reply", "share", "share this", "share this:",
        "share this article", "share this story", "share on facebook", "share on twitter", "like this:",
        "like this", "related", "related posts", "related articles", "related stories", "read more", "read more:",
        "more stories", "you may also like", "recommended", "subscribe", "subscribe now", "advertisement",
        "comments", "comment", "reuter", "reuters", "print", "email", "tweet", "back to top", "most read",
        "trending", "newsletter", "sign up", "loading...", "loading comments...",
    ]

    private static let trailingPrefixes = [
        "click to share", "click to email", "click to print", "share this:", "follow us on", "sign up for",
        "subscribe to", "tags:", "posted in", "filed under", "copyright ©", "copyright (c)", "© ", "all rights reserved",
        "this article was", "related:", "read more:", "see also:", "you must be logged in", "your email address",
    ]

    /// One line: its byte range without the newline, the range without surrounding white space,
    /// and its length in characters (code points).
    struct Line {
        var range: Range<Int>
        var trimmed: Range<Int>
        var characters: Int
        var isIndented: Bool
        var isBlank: Bool { trimmed.isEmpty }
    }

    static func splitLines(_ bytes: UnsafeBufferPointer<UInt8>) -> [Line] {
        var lines: [Line] = []
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var first = start
            while first < end, isSpace(bytes[first]) { first += 1 }
            var last = end
            while last > first, isSpace(bytes[last - 1]) { last -= 1 }
            var characters = 0
            for index in first..<last where bytes[index] & 0xC0 != 0x80 { characters += 1 }
            let indented = end > start && (bytes[start] == 0x20 || bytes[start] == 0x09)
            lines.append(Line(range: start..<end, trimmed: first..<last, characters: characters, isIndented: indented))
            start = end + 1
        }
        return lines
    }

    /// A text is hard-wrapped when its lines cluster below a fixed width and lines are continued
    /// mid-sentence (the next line starts in lower case, or a long line stops without punctuation).
    static func isHardWrapped(_ lines: [Line], _ bytes: UnsafeBufferPointer<UInt8>, width: Int) -> Bool {
        guard lines.filter({ !$0.isBlank }).count >= 4, width >= 30, width <= 110 else { return false }
        var pairs = 0
        var continued = 0
        for index in 0..<(lines.count - 1) {
            let line = lines[index]
            let next = lines[index + 1]
            guard !line.isBlank, !next.isBlank else { continue }
            pairs += 1
            let cutMidSentence = line.characters >= width * 6 / 10 && !endsLikeSentence(line, bytes)
            if startsLowercase(next, bytes) || cutMidSentence { continued += 1 }
        }
        return pairs > 0 && continued * 10 >= pairs * 3
    }

    /// The 90th percentile of non-blank line lengths, in characters.
    static func typicalWidth(_ lines: [Line], _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let lengths = lines.filter { !$0.isBlank }.map(\.characters).sorted()
        guard !lengths.isEmpty else { return 0 }
        return lengths[min(lengths.count - 1, lengths.count * 9 / 10)]
    }

    /// Ends with sentence punctuation, a closing quote or a closing parenthesis.
    static func endsLikeSentence(_ line: Line, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !line.isBlank else { return false }
        let last = bytes[line.trimmed.upperBound - 1]
        if ".!?:;\")'".utf8.contains(last) { return true }
        // ” and ’ are E2 80 9D and E2 80 99.
        return line.trimmed.count >= 3 && bytes[line.trimmed.upperBound - 3] == 0xE2 && bytes[line.trimmed.upperBound - 2] == 0x80
            && (last == 0x9D || last == 0x99)
    }

    static func startsLowercase(_ line: Line, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !line.isBlank else { return false }
        let first = bytes[line.trimmed.lowerBound]
        if first < 0x80 { return first >= 0x61 && first <= 0x7A }
        let scalar = String(decoding: UnsafeBufferPointer(rebasing: bytes[line.trimmed.lowerBound..<min(line.trimmed.upperBound, line.trimmed.lowerBound + 4)]), as: UTF8.self).unicodeScalars.first
        return scalar?.properties.isLowercase ?? false
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0C || byte == 0x0B }

    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || byte >= 0x80 }

    /// Runs of spaces and tabs become one space.
    static func collapseSpaces(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var lastWasSpace = false
        for byte in bytes {
            let space = byte == 0x20 || byte == 0x09
            if space && lastWasSpace { continue }
            output.append(space ? 0x20 : byte)
            lastWasSpace = space
        }
        return output
    }
}

extension Substring {
    func trimmingWhitespace() -> String {
        var view = self
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return String(view)
    }
}
