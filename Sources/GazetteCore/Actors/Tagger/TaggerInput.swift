/// Per-token facts the tagger's features are built from, computed once per text: hashed word,
/// shape and affixes, casing, neighbouring punctuation, gazetteer flags, and how the same word is
/// written elsewhere in the same block of text.
struct TokenAttributes {
    var word: UInt64 = 0
    var shape: UInt64 = 0
    var shortShape: UInt64 = 0
    var prefixes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var suffixes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var casing: CasingFlags = []
    var lexicon: LexiconFlags = []
    /// The nearest punctuation byte before and after the word (0 when only white space separates it).
    var before: UInt8 = 0
    var after: UInt8 = 0
}

struct CasingFlags: OptionSet, Sendable {
    let rawValue: UInt16
    static let initialCapital = CasingFlags(rawValue: 1 << 0)
    static let allCapitals = CasingFlags(rawValue: 1 << 1)
    static let hasDigit = CasingFlags(rawValue: 1 << 2)
    static let acronym = CasingFlags(rawValue: 1 << 3)
    static let sentenceStart = CasingFlags(rawValue: 1 << 4)
    /// First word of a paragraph or standalone line.
    static let sequenceStart = CasingFlags(rawValue: 1 << 5)
    /// The sentence is a line in capitals (a headline, a sports table row).
    static let capitalsLine = CasingFlags(rawValue: 1 << 6)
    /// The sentence looks like a title-case heading or a byline.
    static let headingLine = CasingFlags(rawValue: 1 << 7)
    /// Elsewhere in the block the word starts with a lower-case letter.
    static let seenLowercase = CasingFlags(rawValue: 1 << 8)
    /// Elsewhere in the block the word is capitalised inside a sentence of running text.
    static let seenCapitalized = CasingFlags(rawValue: 1 << 9)
    static let singleLetter = CasingFlags(rawValue: 1 << 10)
    static let bitCount = 11
}

/// A text prepared for tagging: its tokens grouped by line, with their attributes.
///
/// The tagger reads a paragraph or a standalone line (see `TaggerSequences`) as one sequence
/// rather than ICU's sentences: ICU ends a sentence after "P." in "P. Simmons" or after "Corp."
/// in "Corp. Chairman", which would cut names in two. Sentence starts remain a feature, except
/// after initials and short abbreviations.
struct TaggerInput {
    let context: TokenContext
    /// Token ranges of the lines, the sequences the tagger decodes.
    private(set) var sentences: [Range<Int>] = []
    private(set) var attributes: [TokenAttributes]
    private(set) var lexicon: [LexiconFlags]

    init(context: TokenContext, gazetteer: Gazetteer) {
        self.context = context
        let tokens = context.tokens
        attributes = [TokenAttributes](repeating: TokenAttributes(), count: tokens.count)
        lexicon = [LexiconFlags](repeating: [], count: tokens.count)
        sentences = TaggerSequences.ranges(context)
        for sentence in sentences {
            gazetteer.lexiconFlags(context, sentence, into: &lexicon)
            describe(sentence)
        }
        markBlockCasing()
    }

    private mutating func describe(_ sentence: Range<Int>) {
        let bytes = context.bytes
        let tokens = context.tokens
        for index in sentence {
            let token = tokens[index]
            let shape = WordShape(bytes, start: token.start, end: token.end)
            var attributes = TokenAttributes()
            attributes.word = FeatureHash.bytes(token.folded.utf8)
            attributes.shape = shape.shape
            attributes.shortShape = shape.shortShape
            var casing: CasingFlags = []
            if shape.initialCapital { casing.insert(.initialCapital) }
            if shape.allCapitals && shape.hasLetter { casing.insert(.allCapitals) }
            if shape.hasDigit { casing.insert(.hasDigit) }
            if token.isAcronym { casing.insert(.acronym) }
            if index == sentence.lowerBound || context.endsSentence(before: index) {
                casing.insert(.sentenceStart)
            }
            if token.end - token.start == 1 { casing.insert(.singleLetter) }
            attributes.casing = casing
            attributes.lexicon = lexicon[index]
            Self.affixes(token.folded, into: &attributes)
            let previousEnd = index > 0 ? tokens[index - 1].end : 0
            let nextStart = index + 1 < tokens.count ? tokens[index + 1].start : bytes.count
            // Inside a paragraph line breaks are layout; at its edges they are what they are.
            attributes.before = Self.punctuation(bytes, previousEnd..<token.start, last: true, lineBreaks: index == sentence.lowerBound)
            attributes.after = Self.punctuation(bytes, token.end..<nextStart, last: false, lineBreaks: index == sentence.upperBound - 1)
            if index == sentence.lowerBound { attributes.casing.insert(.sequenceStart) }
            self.attributes[index] = attributes
        }
        if context.isCapitalsLine(sentence) {
            for index in sentence { attributes[index].casing.insert(.capitalsLine) }
        } else if context.isHeading(sentence) {
            for index in sentence { attributes[index].casing.insert(.headingLine) }
        }
    }

    /// Prefix and suffix hashes of 1-4 characters (bytes for ASCII words, scalars otherwise).
    private static func affixes(_ folded: String, into attributes: inout TokenAttributes) {
        var folded = folded
        let ascii = folded.withUTF8 { utf8 -> Bool in
            guard !utf8.contains(where: { $0 >= 0x80 }) else { return false }
            let count = utf8.count
            var prefix = FeatureHash.fnvOffset
            var suffix = FeatureHash.fnvOffset
            var p: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            var s: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            for length in 1...4 where length <= count {
                prefix = FeatureHash.add(prefix, utf8[length - 1])
                suffix = FeatureHash.add(suffix, utf8[count - length])
                switch length {
                case 1: p.0 = prefix; s.0 = suffix
                case 2: p.1 = prefix; s.1 = suffix
                case 3: p.2 = prefix; s.2 = suffix
                default: p.3 = prefix; s.3 = suffix
                }
            }
            attributes.prefixes = p
            attributes.suffixes = s
            return true
        }
        if ascii { return }
        // Work on scalars so an affix never splits a character.
        let scalars = Array(folded.unicodeScalars)
        func hash(_ slice: ArraySlice<Unicode.Scalar>) -> UInt64 {
            FeatureHash.bytes(slice.flatMap { Array(String($0).utf8) })
        }
        var prefixes = [UInt64](repeating: 0, count: 4)
        var suffixes = [UInt64](repeating: 0, count: 4)
        for length in 1...4 where length <= scalars.count {
            prefixes[length - 1] = hash(scalars.prefix(length))
            suffixes[length - 1] = hash(scalars.suffix(length))
        }
        attributes.prefixes = (prefixes[0], prefixes[1], prefixes[2], prefixes[3])
        attributes.suffixes = (suffixes[0], suffixes[1], suffixes[2], suffixes[3])
    }

    /// The punctuation byte nearest the word in a gap between words (0 for none); with
    /// `lineBreaks` a line break counts as one and stops the search.
    private static func punctuation(_ bytes: UnsafeBufferPointer<UInt8>, _ gap: Range<Int>, last: Bool, lineBreaks: Bool) -> UInt8 {
        guard !gap.isEmpty else { return 0 }
        let order: [Int] = last ? gap.reversed() : Array(gap)
        for offset in order {
            let byte = bytes[offset]
            if byte == 0x0A && lineBreaks { return byte }
            if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A { continue }
            return byte >= 0x80 ? 0x80 : byte
        }
        return 0
    }

    /// Marks words that are also written in lower case, or capitalised inside running text,
    /// elsewhere in the same block (blocks are separated by two or more blank lines, so texts
    /// joined for batch processing do not inform each other).
    private mutating func markBlockCasing() {
        let tokens = context.tokens
        var blockStart = 0
        var seen: [UInt64: CasingFlags] = [:]
        func finish(_ block: Range<Int>) {
            for index in block where tokens[index].kind == .letter {
                let casing = attributes[index].casing
                var mark: CasingFlags = []
                if !casing.contains(.initialCapital) && !casing.contains(.allCapitals) {
                    mark = .seenLowercase
                } else if casing.contains(.initialCapital), !casing.contains(.allCapitals), !casing.contains(.sentenceStart),
                    !casing.contains(.capitalsLine), !casing.contains(.headingLine)
                {
                    mark = .seenCapitalized
                }
                if !mark.isEmpty { seen[attributes[index].word, default: []].formUnion(mark) }
            }
            for index in block where tokens[index].kind == .letter {
                if let marks = seen[attributes[index].word] { attributes[index].casing.formUnion(marks) }
            }
            seen.removeAll(keepingCapacity: true)
        }
        for index in tokens.indices.dropFirst() where context.isBlockBreak(before: index) {
            finish(blockStart..<index)
            blockStart = index
        }
        finish(blockStart..<tokens.count)
    }
}

extension TokenContext {
    /// A sentence ends between tokens `index - 1` and `index`: a full stop, question or exclamation
    /// mark between them (ICU's own sentence breaks also fall at every line break) that does not
    /// close an abbreviation.
    func endsSentence(before index: Int) -> Bool {
        guard tokens[index].sentence != tokens[index - 1].sentence else { return false }
        var stop = false
        for offset in tokens[index - 1].end..<tokens[index].start {
            let byte = bytes[offset]
            if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") {
                stop = true
                break
            }
        }
        // "U.S." keeps its dot inside the token.
        if !stop, tokens[index - 1].isAcronym { stop = bytes[tokens[index - 1].end - 1] == UInt8(ascii: ".") }
        return stop && !isAbbreviation(index - 1)
    }

    /// An initial, acronym or short capitalised abbreviation ("P.", "U.S.", "Mr.", "Corp.") after
    /// which ICU may see a sentence end that is none.
    func isAbbreviation(_ index: Int) -> Bool {
        let token = tokens[index]
        if token.isAcronym { return true }
        guard token.end < bytes.count, bytes[token.end] == UInt8(ascii: "."), isCapitalized(index) else { return false }
        return token.end - token.start <= 4
    }

    /// Two or more blank lines between two tokens separate unrelated blocks of text.
    func isBlockBreak(before index: Int) -> Bool {
        var newlines = 0
        for offset in tokens[index - 1].end..<tokens[index].start where bytes[offset] == 0x0A {
            newlines += 1
            if newlines >= 3 { return true }
        }
        return false
    }

    /// A line mostly in capitals ("SOCCER - JAPAN GET LUCKY WIN", "BRUSSELS 1996-08-22").
    func isCapitalsLine(_ range: Range<Int>) -> Bool {
        var letters = 0
        var capitals = 0
        for index in range where tokens[index].kind == .letter && tokens[index].end - tokens[index].start > 1 {
            letters += 1
            if isAllCaps(index) { capitals += 1 }
        }
        return letters > 0 && capitals * 10 >= letters * 8
    }
}
