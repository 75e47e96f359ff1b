/// Recovers paragraphs from plain text: unwraps hard-wrapped lines (old wire copy, e-mail) and
/// drops trailing web boilerplate, so phrases are not cut by line wraps and "Leave a Reply" is not
/// indexed as article text.
public enum TextLayout {
    /// Paragraphs of `text` (lines separated by "\n"), trimmed and non-empty.
    public static func paragraphs(of text: String) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Substring($0) }
        let wrapped = isHardWrapped(lines)
        var paragraphs: [String] = []
        var current = ""
        func flush() {
            let trimmed = current.trimmingWhitespace()
            if !trimmed.isEmpty { paragraphs.append(collapseSpaces(trimmed)) }
            current = ""
        }
        let width = typicalWidth(lines)
        var previous: Substring?
        for line in lines {
            let trimmed = line.trimmingWhitespace()
            if trimmed.isEmpty {
                flush()
                previous = nil
                continue
            }
            guard wrapped, let before = previous else {
                flush()
                current = trimmed
                previous = line
                continue
            }
            let indented = line.first == " " || line.first == "\t"
            let beforeEnds = before.trimmingWhitespace().last
            let shortFinishedLine = before.count < width * 6 / 10 && (beforeEnds.map(isTerminal) ?? false)
            if indented || shortFinishedLine {
                flush()
                current = trimmed
            } else if current.hasSuffix("-"), let first = trimmed.first, first.isLowercase,
                current.dropLast().last?.isLetter == true
            {
                current += trimmed // a word hyphenated across the wrap: "well-" + "known"
            } else {
                current += " " + trimmed
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
        let folded = paragraph.lowercased().trimmingWhitespace()
        if trailingPhrases.contains(folded) { return true }
        if trailingPrefixes.contains(where: { folded.hasPrefix($0) }) && folded.count < 160 { return true }
        return false
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

    /// A text is hard-wrapped when its lines cluster below a fixed width and lines are continued
    /// mid-sentence (the next line starts in lower case, or a long line stops without punctuation).
    static func isHardWrapped(_ lines: [Substring]) -> Bool {
        let nonBlank = lines.filter { !$0.allSatisfy(\.isWhitespace) }
        guard nonBlank.count >= 4 else { return false }
        let width = typicalWidth(lines)
        guard width >= 30, width <= 110 else { return false }
        var pairs = 0
        var continued = 0
        for index in 0..<(lines.count - 1) {
            let line = lines[index].trimmingWhitespace()
            let next = lines[index + 1]
            guard !line.isEmpty, !next.allSatisfy(\.isWhitespace) else { continue }
            pairs += 1
            let nextFirst = next.trimmingWhitespace().first
            let cutMidSentence = line.count >= width * 6 / 10 && !(line.last.map(isTerminal) ?? true)
            if nextFirst?.isLowercase == true || cutMidSentence { continued += 1 }
        }
        return pairs > 0 && continued * 10 >= pairs * 3
    }

    /// The 90th percentile of non-blank line lengths, in characters.
    static func typicalWidth(_ lines: [Substring]) -> Int {
        let lengths = lines.map { $0.trimmingWhitespace().count }.filter { $0 > 0 }.sorted()
        guard !lengths.isEmpty else { return 0 }
        return lengths[min(lengths.count - 1, lengths.count * 9 / 10)]
    }

    static func isTerminal(_ character: Character) -> Bool {
        ".!?:;\"”’)".contains(character)
    }

    static func collapseSpaces(_ text: String) -> String {
        var previousSpace = false
        var needed = false
        for byte in text.utf8 {
            let space = byte == 0x20 || byte == 0x09
            if byte == 0x09 || (space && previousSpace) {
                needed = true
                break
            }
            previousSpace = space
        }
        guard needed else { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var lastWasSpace = false
        for character in text {
            let isSpace = character == " " || character == "\t"
            if isSpace && lastWasSpace { continue }
            output.append(isSpace ? " " : character)
            lastWasSpace = isSpace
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
