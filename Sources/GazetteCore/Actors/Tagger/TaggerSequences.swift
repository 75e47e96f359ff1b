/// Where the tagger's sequences begin. A sequence is a paragraph of running text, or a line that
/// stands alone (a heading, a dateline, a table row). Hard-wrapped text (wire copy breaks lines
/// at about 65 characters, even inside "New York Stock / Exchange") continues across a single
/// line break when the line before is long, does not end a sentence, and neither line is in
/// capitals; an indented or blank line starts a new paragraph.
enum TaggerSequences {
    /// Shortest line taken as part of wrapped running text.
    static let wrappedLineBytes = 40

    static func ranges(_ context: TokenContext) -> [Range<Int>] {
        let tokens = context.tokens
        guard !tokens.isEmpty else { return [] }
        var result: [Range<Int>] = []
        var start = 0
        for index in 1..<tokens.count where breaks(context, before: index) {
            result.append(start..<index)
            start = index
        }
        result.append(start..<tokens.count)
        return result
    }

    static func breaks(_ context: TokenContext, before index: Int) -> Bool {
        let bytes = context.bytes
        let gap = context.tokens[index - 1].end..<context.tokens[index].start
        var newline = -1
        for offset in gap where bytes[offset] == 0x0A {
            if newline >= 0 { return true } // a blank line
            newline = offset
        }
        guard newline >= 0 else { return false }
        // The next line is indented: a new paragraph.
        if newline + 1 < bytes.count, bytes[newline + 1] == 0x20 || bytes[newline + 1] == 0x09 { return true }
        // The line before: long enough, not ending a sentence, not in capitals.
        var lineStart = newline
        while lineStart > 0, bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
        var lineEnd = newline
        while lineEnd > lineStart, bytes[lineEnd - 1] == 0x20 || bytes[lineEnd - 1] == 0x0D || bytes[lineEnd - 1] == 0x09 { lineEnd -= 1 }
        if lineEnd - lineStart < wrappedLineBytes { return true }
        switch bytes[lineEnd - 1] {
        case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ";"): return true
        default: break
        }
        if inCapitals(bytes, lineStart..<lineEnd) { return true }
        var nextEnd = newline + 1
        while nextEnd < bytes.count, bytes[nextEnd] != 0x0A { nextEnd += 1 }
        return inCapitals(bytes, newline + 1..<nextEnd)
    }

    /// Mostly upper-case ASCII letters (a headline).
    private static func inCapitals(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var upper = 0
        var lower = 0
        for offset in range {
            let byte = bytes[offset]
            if byte >= 0x41 && byte <= 0x5A { upper += 1 } else if byte >= 0x61 && byte <= 0x7A { lower += 1 }
        }
        return upper > 0 && upper >= lower * 4
    }
}
