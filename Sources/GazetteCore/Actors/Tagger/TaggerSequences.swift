/// Where the tagger's sequences begin. A sequence is a paragraph of running text, or a line that
/// stands alone (a heading, a dateline, a table row, a sentence on its own line).
///
/// In hard-wrapped text (wire copy breaks lines at about 65 characters, even inside "New York
/// Stock / Exchange") a sequence continues across a single line break when the line before is
/// long, does not end a sentence, and neither line is in capitals; an indented or blank line
/// starts a new paragraph. A block of text counts as hard-wrapped when at least half of its long
/// lines end without closing punctuation; elsewhere every line is a sequence of its own.
enum TaggerSequences {
    /// Shortest line taken as part of wrapped running text.
    static let wrappedLineBytes = 40

    static func ranges(_ context: TokenContext) -> [Range<Int>] {
        let tokens = context.tokens
        guard !tokens.isEmpty else { return [] }
        let wrapped = wrappedBlocks(context.bytes)
        var block = 0
        var result: [Range<Int>] = []
        var start = 0
        for index in 1..<tokens.count {
            while block + 1 < wrapped.count, wrapped[block + 1].start <= tokens[index].start { block += 1 }
            if breaks(context, before: index, wrapped: wrapped[block].wrapped) {
                result.append(start..<index)
                start = index
            }
        }
        result.append(start..<tokens.count)
        return result
    }

    /// Blocks (separated by two or more blank lines) by start offset, and whether each is hard-wrapped.
    static func wrappedBlocks(_ bytes: UnsafeBufferPointer<UInt8>) -> [(start: Int, wrapped: Bool)] {
        var blocks: [(start: Int, wrapped: Bool)] = []
        var blockStart = 0
        var longLines = 0
        var openLines = 0
        var emptyRun = 0
        var lineStart = 0
        func finishBlock(next: Int) {
            blocks.append((blockStart, openLines >= 2 && openLines * 2 >= longLines))
            blockStart = next
            longLines = 0
            openLines = 0
        }
        var offset = 0
        while offset <= bytes.count {
            guard offset == bytes.count || bytes[offset] == 0x0A else {
                offset += 1
                continue
            }
            var first = lineStart
            while first < offset, bytes[first] == 0x20 || bytes[first] == 0x09 { first += 1 }
            var last = offset
            while last > first, bytes[last - 1] == 0x20 || bytes[last - 1] == 0x09 || bytes[last - 1] == 0x0D { last -= 1 }
            if last == first {
                emptyRun += 1
                if emptyRun == 2 { finishBlock(next: offset + 1) }
            } else {
                if emptyRun >= 2 { blockStart = lineStart }
                emptyRun = 0
                if last - first >= wrappedLineBytes {
                    longLines += 1
                    if !closesSentence(bytes[last - 1]) { openLines += 1 }
                }
            }
            lineStart = offset + 1
            offset += 1
        }
        finishBlock(next: bytes.count)
        return blocks
    }

    private static func closesSentence(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ";"): true
        default: false
        }
    }

    static func breaks(_ context: TokenContext, before index: Int, wrapped: Bool) -> Bool {
        let bytes = context.bytes
        let gap = context.tokens[index - 1].end..<context.tokens[index].start
        var newline = -1
        for offset in gap where bytes[offset] == 0x0A {
            if newline >= 0 { return true } // a blank line
            newline = offset
        }
        guard newline >= 0 else { return false }
        if !wrapped { return true }
        // The next line is indented: a new paragraph.
        if newline + 1 < bytes.count, bytes[newline + 1] == 0x20 || bytes[newline + 1] == 0x09 { return true }
        // The line before: long enough, not ending a sentence, not in capitals.
        var lineStart = newline
        while lineStart > 0, bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
        var lineEnd = newline
        while lineEnd > lineStart, bytes[lineEnd - 1] == 0x20 || bytes[lineEnd - 1] == 0x0D || bytes[lineEnd - 1] == 0x09 { lineEnd -= 1 }
        if lineEnd - lineStart < wrappedLineBytes { return true }
        // A line ending in an initial or abbreviation ("Dennis A." / "Levine") goes on.
        if closesSentence(bytes[lineEnd - 1]), !(bytes[lineEnd - 1] == UInt8(ascii: ".") && context.isAbbreviation(index - 1)) {
            return true
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
