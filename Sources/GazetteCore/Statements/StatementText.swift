/// What statement extraction needs to know about one analysed text, computed once: the words'
/// classes and reporting-verb readings, which mention each word belongs to, the punctuation
/// between words, the quotations, and the "units" attributions are sought in (sentences, merged
/// where a quotation runs across an ICU sentence break).
struct StatementText {
    typealias WordClass = StatementLexicon.WordClass

    /// A quotation inside one paragraph: the marks' byte offsets and the quoted text between them.
    struct Quote {
        var open: Int
        var inner: Range<Int>
        /// Offset of the closing mark; nil when the quotation runs to the end of its paragraph.
        var close: Int?
    }

    /// One or more ICU sentences of a paragraph that an attribution can span.
    struct Unit {
        var tokens: Range<Int>
        var bytes: Range<Int>
        var paragraph: Int
        var sentence: Int
        /// The unit is its paragraph's only one (a heading can only be such a line).
        var isWholeParagraph = false
    }

    /// Punctuation between a word and the next one.
    struct Gap: OptionSet {
        let rawValue: UInt16
        static let comma = Gap(rawValue: 1 << 0)
        static let colon = Gap(rawValue: 1 << 1)
        static let semicolon = Gap(rawValue: 1 << 2)
        static let period = Gap(rawValue: 1 << 3)
        static let quoteOpen = Gap(rawValue: 1 << 4)
        static let quoteClose = Gap(rawValue: 1 << 5)
        static let dash = Gap(rawValue: 1 << 6)
        static let parenthesis = Gap(rawValue: 1 << 7)
        /// The word ends in "'s" or "s'" (which the analyzer leaves outside the token).
        static let possessive = Gap(rawValue: 1 << 8)
        static let newline = Gap(rawValue: 1 << 9)

        /// Punctuation a phrase does not run across.
        static let phraseBreak: Gap = [.comma, .colon, .semicolon, .period, .quoteOpen, .quoteClose, .dash, .parenthesis, .newline]
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let tokens: [Token]
    let mentions: [Mention]
    let context: TokenContext
    private(set) var classes: [WordClass] = []
    /// The reporting verb each token is a form of, if any.
    private(set) var verbs = VerbColumn()
    /// Index into `mentions` for each token, or -1.
    private(set) var mentionOf: [Int32] = []
    /// Punctuation after each token (up to the next token or the end of the text).
    private(set) var gapAfter: [Gap] = []
    /// Index into `quotes` of the quotation each token is inside, or -1.
    private(set) var quoteOf: [Int32] = []
    private(set) var quotes: [Quote] = []
    private(set) var units: [Unit] = []
    /// Bytes of a leading wire dateline ("KYIV, Dec 13, 2025 (Gazette Wire) - "), never content.
    private(set) var datelineEnd = 0
    /// True when the text has no reporting verb, quotation or "according to": nothing to extract.
    private(set) var isQuiet = true

    init(bytes: UnsafeBufferPointer<UInt8>, analyzed: AnalyzedText, mentions: [Mention]) {
        self.bytes = bytes
        self.tokens = analyzed.tokens
        self.mentions = mentions
        self.context = TokenContext(bytes: bytes, tokens: analyzed.tokens)
        let count = tokens.count
        classes.reserveCapacity(count)
        verbs.ids.reserveCapacity(count)
        mentionOf = [Int32](repeating: -1, count: count)
        for index in mentions.indices where mentions[index].firstToken < count {
            let first = mentions[index].firstToken
            for token in first..<min(count, first + mentions[index].tokenCount) { mentionOf[token] = Int32(index) }
        }
        // Words inside a name play no grammatical part here: only other words are looked up.
        let table = StatementLexicon.table
        for index in 0..<count {
            var entry: StatementLexicon.Entry?
            if tokens[index].kind == .letter, mentionOf[index] < 0 {
                entry = table.lookup(bytes, tokens[index].start..<tokens[index].end, folded: tokens[index].folded)
            }
            classes.append(entry?.classes ?? [])
            verbs.ids.append(entry?.verb ?? -1)
            if let entry, entry.verb >= 0 || !entry.classes.isDisjoint(with: [.according, .positionNoun]) { isQuiet = false }
        }
        scanQuotes()
        if !quotes.isEmpty { isQuiet = false }
        scanGaps()
        buildUnits(sentenceStarts: analyzed.sentenceStarts)
        findDateline()
    }

    /// Reporting verbs by token, stored as indices into `StatementLexicon.verbList`.
    struct VerbColumn {
        var ids: [Int16] = []
        private let list = StatementLexicon.verbList

        subscript(index: Int) -> StatementLexicon.Verb? {
            let id = ids[index]
            return id < 0 ? nil : list[Int(id)]
        }
    }

    // MARK: Questions about words

    func folded(_ index: Int) -> String { tokens[index].folded }
    func isQuoted(_ index: Int) -> Bool { quoteOf[index] >= 0 }
    func mention(at index: Int) -> Mention? { mentionOf[index] >= 0 ? mentions[Int(mentionOf[index])] : nil }
    func isCapitalized(_ index: Int) -> Bool { context.isCapitalized(index) || tokens[index].isAcronym }
    func isPossessive(_ index: Int) -> Bool { gapAfter[index].contains(.possessive) }

    /// A word's lexicon classes even inside a name ("ministry" in "China's Commerce Ministry"),
    /// for the roles a name carries.
    func lexicalClasses(_ index: Int) -> WordClass {
        mentionOf[index] < 0 ? classes[index] : (StatementLexicon.table.lookup(tokens[index].folded)?.classes ?? [])
    }
    func text(_ range: Range<Int>) -> String { context.text(range.lowerBound, range.upperBound) }

    /// Punctuation between token `index - 1` and token `index` (none before the first token).
    func gapBefore(_ index: Int) -> Gap { index > 0 ? gapAfter[index - 1] : [] }

    /// Byte offset of the first comma, colon or semicolon after token `index`, if one follows it directly.
    func punctuationOffset(after index: Int) -> Int? {
        var offset = tokens[index].end
        let limit = index + 1 < tokens.count ? tokens[index + 1].start : bytes.count
        while offset < limit {
            let byte = bytes[offset]
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: ":") { return offset }
            offset += 1
        }
        return nil
    }

    // MARK: Quotations

    private mutating func scanQuotes() {
        quoteOf = [Int32](repeating: -1, count: tokens.count)
        var offset = 0
        var open: (mark: Int, inner: Int)?
        func finish(at end: Int, close: Int?) {
            if let current = open, end > current.inner {
                quotes.append(Quote(open: current.mark, inner: current.inner..<end, close: close))
            }
            open = nil
        }
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == 0x0A {
                finish(at: offset, close: nil)
                offset += 1
                continue
            }
            if byte == UInt8(ascii: "\"") {
                if open == nil { open = (offset, offset + 1) } else { finish(at: offset, close: offset) }
                offset += 1
                continue
            }
            if byte == 0xE2, offset + 2 < bytes.count, bytes[offset + 1] == 0x80 {
                let third = bytes[offset + 2]
                if third == 0x9C { // “
                    if open != nil { finish(at: offset, close: nil) }
                    open = (offset, offset + 3)
                } else if third == 0x9D { // ”
                    if open == nil { open = (offset, offset + 3) } else { finish(at: offset, close: offset) }
                }
                offset += 3
                continue
            }
            if byte == 0xC2, offset + 1 < bytes.count, bytes[offset + 1] == 0xAB || bytes[offset + 1] == 0xBB { // « »
                if bytes[offset + 1] == 0xAB { open = (offset, offset + 2) } else { finish(at: offset, close: offset) }
                offset += 2
                continue
            }
            offset += 1
        }
        finish(at: bytes.count, close: nil)
        // Assign tokens to quotations (both lists are in text order).
        var quote = 0
        for index in tokens.indices {
            let start = tokens[index].start
            while quote < quotes.count, quotes[quote].inner.upperBound <= start { quote += 1 }
            if quote < quotes.count, quotes[quote].inner.contains(start) { quoteOf[index] = Int32(quote) }
        }
    }

    // MARK: Punctuation between words

    private mutating func scanGaps() {
        gapAfter = [Gap](repeating: [], count: tokens.count)
        let opens = quotes.map(\.open)
        let closes = quotes.compactMap(\.close)
        var openCursor = 0
        var closeCursor = 0
        for index in tokens.indices {
            let start = tokens[index].end
            let end = index + 1 < tokens.count ? tokens[index + 1].start : bytes.count
            var gap: Gap = []
            var offset = start
            // "Russia's" / "Russia’s" / "exporters'": the analyzer cut the possessive off the word.
            if offset < end, bytes[offset] == UInt8(ascii: "'") || (bytes[offset] == 0xE2 && offset + 2 < end && bytes[offset + 1] == 0x80 && bytes[offset + 2] == 0x99) {
                let width = bytes[offset] == UInt8(ascii: "'") ? 1 : 3
                let next = offset + width
                if next < end, bytes[next] | 0x20 == UInt8(ascii: "s"), next + 1 >= end || !isWordByte(bytes[next + 1]) {
                    gap.insert(.possessive)
                    offset = next + 1
                } else if tokens[index].end > tokens[index].start, bytes[tokens[index].end - 1] | 0x20 == UInt8(ascii: "s"),
                    next >= end || bytes[next] == 0x20
                {
                    gap.insert(.possessive)
                    offset = next
                }
            }
            while offset < end {
                let byte = bytes[offset]
                switch byte {
                case UInt8(ascii: ","): gap.insert(.comma)
                case UInt8(ascii: ":"): gap.insert(.colon)
                case UInt8(ascii: ";"): gap.insert(.semicolon)
                case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"): gap.insert(.period)
                case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"): gap.insert(.parenthesis)
                case 0x0A: gap.insert(.newline)
                case UInt8(ascii: "-"):
                    // A spaced hyphen is a dash; "co-founder" keeps its hyphen inside the phrase.
                    if offset > start, bytes[offset - 1] == 0x20 { gap.insert(.dash) }
                case 0xE2 where offset + 2 < end && bytes[offset + 1] == 0x80 && (bytes[offset + 2] == 0x93 || bytes[offset + 2] == 0x94):
                    gap.insert(.dash)
                default: break
                }
                offset += 1
            }
            // Quotation marks in the gap, told apart as opening or closing by the quotation list.
            while openCursor < opens.count, opens[openCursor] < start { openCursor += 1 }
            if openCursor < opens.count, opens[openCursor] < end { gap.insert(.quoteOpen) }
            while closeCursor < closes.count, closes[closeCursor] < start { closeCursor += 1 }
            if closeCursor < closes.count, closes[closeCursor] < end { gap.insert(.quoteClose) }
            gapAfter[index] = gap
        }
    }

    private func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || (byte >= 0x30 && byte <= 0x39)
    }

    // MARK: Units

    private mutating func buildUnits(sentenceStarts: [Int]) {
        guard !tokens.isEmpty else { return }
        // Paragraphs are lines; scanGaps already noted which gaps hold a line break.
        var paragraph = 0
        var paragraphOf = [Int](repeating: 0, count: tokens.count)
        for index in tokens.indices {
            if index > 0, gapAfter[index - 1].contains(.newline) { paragraph += 1 }
            paragraphOf[index] = paragraph
        }
        var start = 0
        while start < tokens.count {
            var end = start + 1
            while end < tokens.count, paragraphOf[end] == paragraphOf[start] {
                if tokens[end].sentence != tokens[end - 1].sentence {
                    // A new ICU sentence starts a new unit unless a quotation runs across the break or the
                    // new sentence is a dash attribution of the quotation before it ("…" — Name).
                    let sameQuote = quoteOf[end] >= 0 && quoteOf[end] == quoteOf[end - 1]
                    let dashAttribution = gapAfter[end - 1].contains(.quoteClose) && gapAfter[end - 1].contains(.dash)
                    // ICU ends a sentence at "U.S." before a capital: "The U.S. Treasury said" is one.
                    // ICU ends a sentence after "U.S." or "J.P." before any capital: "The U.S. Treasury said",
                    // "J.P. Morgan probably would" are one sentence; "…in the U.S. The company said" is two.
                    let acronymBreak = tokens[end - 1].isAcronym && gapAfter[end - 1].isDisjoint(with: Gap.phraseBreak)
                        && isCapitalized(end) && classes[end].isDisjoint(with: [.determiner, .pronoun, .preposition, .clauseWord, .adverb, .introWord])
                    if !sameQuote && !dashAttribution && !acronymBreak { break }
                }
                end += 1
            }
            let first = tokens[start].start
            var unitStart = first
            if quoteOf[start] >= 0 { unitStart = min(unitStart, quotes[Int(quoteOf[start])].open) }
            var unitEnd = tokens[end - 1].end
            let limit = end < tokens.count ? tokens[end].start : bytes.count
            // Closing punctuation and quotation marks belong to the unit; the space after them does not.
            while unitEnd < limit, bytes[unitEnd] != 0x0A, bytes[unitEnd] != 0x20 { unitEnd += 1 }
            let wholeParagraph = (start == 0 || paragraphOf[start - 1] != paragraphOf[start])
                && (end == tokens.count || paragraphOf[end] != paragraphOf[start])
            units.append(Unit(
                tokens: start..<end, bytes: unitStart..<unitEnd, paragraph: paragraphOf[start], sentence: tokens[start].sentence,
                isWholeParagraph: wholeParagraph))
            start = end
        }
    }

    /// A whole paragraph that reads like a heading ("Talks With U.S. Envoys"): short, capitalised
    /// words, no closing punctuation. Headings hold no statements.
    func isHeading(_ unit: Unit) -> Bool {
        let range = unit.tokens
        guard unit.isWholeParagraph else { return false }
        guard range.count <= 20 else { return false }
        var letters = 0
        var capitals = 0
        for index in range where tokens[index].kind == .letter {
            letters += 1
            if isCapitalized(index) || TokenContext.minorWords.contains(tokens[index].folded) { capitals += 1 }
        }
        guard letters > 0, letters <= 14, capitals * 10 >= letters * 8 else { return false }
        return !gapAfter[range.upperBound - 1].contains(.period) && !gapAfter[range.upperBound - 1].contains(.quoteClose)
    }

    /// A wire dateline at the start of the text: a place in capitals (or a capitalised place with a
    /// comma), optionally ", region", ", date" and "(Agency)", then a dash: "KYIV, Dec 13, 2025
    /// (Gazette Wire) - ", "PORTLAND, Ore., Feb 26 - ", "HELSINKI — ". Read at byte level, as it is
    /// looked for in every indexed article.
    private mutating func findDateline() {
        let limit = min(bytes.count, 120)
        guard limit > 0, bytes[0] >= UInt8(ascii: "A"), bytes[0] <= UInt8(ascii: "Z") else { return }
        var index = 0
        var segment = 0
        var segmentHasLower = false
        var firstSegmentCaps = true
        var wordStart = true
        var parentheses = 0
        var sawAgency = false
        while index < limit {
            let byte = bytes[index]
            if byte == 0x0A { return }
            if byte == 0x20 {
                // The dash that ends the dateline: " - ", " -- ", " — ", " – ".
                let next = index + 1
                if next < limit, bytes[next] == UInt8(ascii: "-") || (bytes[next] == 0xE2 && next + 2 < limit && bytes[next + 1] == 0x80
                    && (bytes[next + 2] == 0x93 || bytes[next + 2] == 0x94))
                {
                    guard index > 0, firstSegmentCaps || segment > 0 else { return }
                    // "US - China talks" opens prose with a hyphen; "HELSINKI — " is a dateline.
                    let hyphen = bytes[next] == UInt8(ascii: "-") && (next + 1 >= limit || bytes[next + 1] != UInt8(ascii: "-"))
                    if hyphen && segment == 0 && !sawAgency { return }
                    var end = next + (bytes[next] == UInt8(ascii: "-") ? 1 : 3)
                    while end < bytes.count, bytes[end] == UInt8(ascii: "-") { end += 1 }
                    guard end < bytes.count, bytes[end] == 0x20 else { return }
                    while end < bytes.count, bytes[end] == 0x20 { end += 1 }
                    datelineEnd = end
                    return
                }
                wordStart = true
                index += 1
                continue
            }
            if byte == UInt8(ascii: ",") {
                if segment == 0 { firstSegmentCaps = !segmentHasLower }
                segment += 1
                segmentHasLower = false
            } else if byte == UInt8(ascii: "(") {
                parentheses += 1
                sawAgency = true
            } else if byte == UInt8(ascii: ")") {
                parentheses -= 1
            } else if byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") {
                // Words of the place, region and date are capitalised ("Feb", "Ore."); agencies may be anything.
                if wordStart && parentheses == 0 { return }
                segmentHasLower = true
            }
            if segment == 0 { firstSegmentCaps = firstSegmentCaps && !segmentHasLower }
            wordStart = false
            index += 1
        }
    }
}
