/// The tagger's feature templates: what it looks at around each token. Changing them changes
/// what a trained model means, so `version` is stored in model files and checked on load.
enum FeatureTemplates {
    static let version: UInt32 = 1

    /// Stand-ins for the words before the start and after the end of a sentence.
    private static let outsideWord: (before: UInt64, after: UInt64) = (0x5EA1_0001, 0x5EA1_0002)

    private enum T: UInt64 {
        case bias = 1
        case word, wordBefore, wordAfter, word2Before, word2After
        case shape, shapeBefore, shapeAfter, short2Before, short2After, shortShape
        case prefix1, prefix2, prefix3, prefix4, suffix1, suffix2, suffix3, suffix4
        case bigramBefore, bigramAfter, shortBigramBefore, shortBigramAfter
        case casing, casingBefore, casingAfter
        case lexicon, lexiconBefore, lexiconAfter, lexicon2Before, lexicon2After, lexiconMask
        case punctBefore, punctAfter, punctAround
        case capitalsLineWord, capitalsLineShape, wordBeforeShape, shapeWordAfter
    }

    /// Appends the feature hashes of token `index` (inside `sentence`) to `out`.
    static func append(_ input: TaggerInput, _ sentence: Range<Int>, _ index: Int, into out: inout [UInt64]) {
        input.attributes.withUnsafeBufferPointer { attributes in
            append(attributes, sentence, index, into: &out)
        }
    }

    static func append(_ a: UnsafeBufferPointer<TokenAttributes>, _ sentence: Range<Int>, _ i: Int, into out: inout [UInt64]) {
        @inline(__always) func add(_ template: T, _ value: UInt64, _ second: UInt64 = 0) {
            out.append(FeatureHash.mix(template.rawValue, value, second))
        }
        let current = a[i]
        let hasBefore = i - 1 >= sentence.lowerBound
        let hasAfter = i + 1 < sentence.upperBound
        let wordBefore = hasBefore ? a[i - 1].word : outsideWord.before
        let wordAfter = hasAfter ? a[i + 1].word : outsideWord.after
        let shortBefore = hasBefore ? a[i - 1].shortShape : outsideWord.before
        let shortAfter = hasAfter ? a[i + 1].shortShape : outsideWord.after

        add(.bias, 0)
        add(.word, current.word)
        add(.wordBefore, wordBefore)
        add(.wordAfter, wordAfter)
        add(.word2Before, i - 2 >= sentence.lowerBound ? a[i - 2].word : outsideWord.before)
        add(.word2After, i + 2 < sentence.upperBound ? a[i + 2].word : outsideWord.after)
        add(.shape, current.shape)
        add(.shortShape, current.shortShape)
        add(.shapeBefore, hasBefore ? a[i - 1].shape : outsideWord.before)
        add(.shapeAfter, hasAfter ? a[i + 1].shape : outsideWord.after)
        add(.short2Before, i - 2 >= sentence.lowerBound ? a[i - 2].shortShape : outsideWord.before)
        add(.short2After, i + 2 < sentence.upperBound ? a[i + 2].shortShape : outsideWord.after)
        let (p1, p2, p3, p4) = current.prefixes
        let (s1, s2, s3, s4) = current.suffixes
        if p1 != 0 { add(.prefix1, p1); add(.suffix1, s1) }
        if p2 != 0 { add(.prefix2, p2); add(.suffix2, s2) }
        if p3 != 0 { add(.prefix3, p3); add(.suffix3, s3) }
        if p4 != 0 { add(.prefix4, p4); add(.suffix4, s4) }
        add(.bigramBefore, wordBefore, current.word)
        add(.bigramAfter, current.word, wordAfter)
        add(.shortBigramBefore, shortBefore, current.shortShape)
        add(.shortBigramAfter, current.shortShape, shortAfter)
        add(.wordBeforeShape, wordBefore, current.shortShape)
        add(.shapeWordAfter, current.shortShape, wordAfter)

        addBits(.casing, UInt32(current.casing.rawValue), CasingFlags.bitCount, into: &out)
        if hasBefore { addBits(.casingBefore, UInt32(a[i - 1].casing.rawValue), CasingFlags.bitCount, into: &out) }
        if hasAfter { addBits(.casingAfter, UInt32(a[i + 1].casing.rawValue), CasingFlags.bitCount, into: &out) }
        addBits(.lexicon, current.lexicon.rawValue, LexiconFlags.bitCount, into: &out)
        add(.lexiconMask, UInt64(current.lexicon.rawValue), UInt64(current.casing.rawValue & 0b11))
        if hasBefore { addBits(.lexiconBefore, a[i - 1].lexicon.rawValue, LexiconFlags.bitCount, into: &out) }
        if hasAfter { addBits(.lexiconAfter, a[i + 1].lexicon.rawValue, LexiconFlags.bitCount, into: &out) }
        if i - 2 >= sentence.lowerBound { addBits(.lexicon2Before, a[i - 2].lexicon.rawValue, LexiconFlags.bitCount, into: &out) }
        if i + 2 < sentence.upperBound { addBits(.lexicon2After, a[i + 2].lexicon.rawValue, LexiconFlags.bitCount, into: &out) }

        add(.punctBefore, UInt64(current.before))
        add(.punctAfter, UInt64(current.after))
        add(.punctAround, UInt64(current.before), UInt64(current.after))
        if current.casing.contains(.capitalsLine) {
            add(.capitalsLineWord, current.word)
            add(.capitalsLineShape, current.shortShape)
        }
    }

    @inline(__always)
    private static func addBits(_ template: T, _ bits: UInt32, _ count: Int, into out: inout [UInt64]) {
        var remaining = bits
        while remaining != 0 {
            let bit = UInt64(remaining.trailingZeroBitCount)
            out.append(FeatureHash.mix(template.rawValue, bit &+ 1))
            remaining &= remaining - 1
        }
    }
}
