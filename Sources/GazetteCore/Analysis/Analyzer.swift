/// Turns text into index terms. The same analyzer serves documents and queries, so a query word
/// always produces the terms its occurrences were indexed under.
///
/// Pipeline: ICU word and sentence breaks -> possessive and acronym handling -> NFKC + case fold +
/// accent removal -> Snowball stem (for letter words of a stemmed language).
/// Not thread-safe (it owns ICU iterators and stemmer caches): use one per thread.
public final class Analyzer {
    private let segmenter: Segmenter
    private var stemmers: [String: Stemmer?] = [:]
    private var foldBuffer: [UInt8] = []

    public init() throws(GazetteError) {
        segmenter = try Segmenter(locale: "")
        foldBuffer.reserveCapacity(256)
    }

    /// The stemmer for a language, or nil when Xapian has none (then words are not stemmed).
    public func stemmer(for language: String) -> Stemmer? {
        if let cached = stemmers[language] { return cached }
        let stemmer = Stemmer(language: language)
        stemmers[language] = stemmer
        return stemmer
    }

    /// Analyses `text`; positions start at `firstPosition` (>= 1).
    public func analyze(_ text: String, language: String = Language.defaultCode, firstPosition: UInt32 = 1) -> AnalyzedText {
        var text = text
        return text.withUTF8 { analyze(bytes: $0, language: language, firstPosition: firstPosition) }
    }

    public func analyze(bytes: UnsafeBufferPointer<UInt8>, language: String = Language.defaultCode, firstPosition: UInt32 = 1)
        -> AnalyzedText
    {
        let stemmer = stemmer(for: language)
        var result = AnalyzedText(tokens: [], sentenceStarts: [], nextPosition: firstPosition, droppedLongWords: 0)
        guard bytes.count > 0 else { return result }
        do {
            try segmenter.segment(bytes) { spans, sentences in
                result.sentenceStarts = sentences.map(Int.init)
                result.tokens.reserveCapacity(spans.count)
                var position = firstPosition
                var sentence = -1
                var sentenceIndex = -1
                var nextSentence = 0
                var previousEnd = -1
                for span in spans {
                    var start = Int(span.start)
                    var end = Int(span.end)
                    // A word that begins inside an acronym we already extended (the dot) is skipped.
                    if start < previousEnd { continue }
                    while nextSentence < sentences.count, Int(sentences[nextSentence]) <= start {
                        nextSentence += 1
                    }
                    let sentenceOfWord = nextSentence - 1
                    if sentenceOfWord != sentence {
                        if sentence >= 0, let previous = result.tokens.last,
                            WordRules.continuesSentence(after: previous, bytes, nextWordAt: start)
                        {
                            // ICU saw "U.S. Treasury" as two sentences; it is one.
                        } else {
                            if sentence >= 0 { position += Schema.sentenceGap }
                            sentenceIndex += 1
                        }
                        sentence = sentenceOfWord
                    }
                    guard let word = normalizeWord(bytes, start: &start, end: &end, kind: span.kind) else {
                        result.droppedLongWords += 1
                        continue
                    }
                    previousEnd = end
                    let term = word.isAcronym || span.kind != .letter ? word.folded : stem(word.folded, stemmer)
                    result.tokens.append(Token(
                        start: start, end: end, term: term, folded: word.folded, position: position,
                        sentence: max(sentenceIndex, 0), kind: span.kind, isAcronym: word.isAcronym))
                    position += 1
                }
                result.nextPosition = position + Schema.sentenceGap
            }
        } catch {
            // ICU only fails on allocation or texts over 2 GiB; index nothing rather than crash.
            return result
        }
        return result
    }

    /// The terms a query word is searched under in `language`: the same steps as for documents.
    public func queryTokens(_ text: String, language: String = Language.defaultCode) -> [Token] {
        analyze(text, language: language).tokens
    }

    private func stem(_ folded: String, _ stemmer: Stemmer?) -> String {
        guard let stemmer else { return folded }
        // Words with digits ("b2b", "covid19") are left whole, as Snowball would mangle them.
        if folded.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) { return folded }
        return stemmer.stem(folded)
    }

    private struct NormalizedWord {
        var folded: String
        var isAcronym: Bool
    }

    /// Applies the word rules to bytes[start..<end] (adjusting the range) and folds it.
    /// Returns nil for a word too long to be an index term.
    private func normalizeWord(_ bytes: UnsafeBufferPointer<UInt8>, start: inout Int, end: inout Int, kind: TokenKind)
        -> NormalizedWord?
    {
        var isAcronym = false
        if kind == .letter {
            end = WordRules.endWithoutPossessive(bytes, start: start, end: end)
            if WordRules.isDottedAcronym(bytes, start: start, end: end) {
                isAcronym = true
                if end < bytes.count, bytes[end] == UInt8(ascii: ".") { end += 1 }
            }
        }
        let length = end - start
        if length > WordRules.maximumWordBytes { return nil }
        foldBuffer.removeAll(keepingCapacity: true)
        var ascii = true
        for index in start..<end where bytes[index] >= 0x80 {
            ascii = false
            break
        }
        if ascii {
            for index in start..<end {
                let byte = bytes[index]
                if kind == .number, byte == UInt8(ascii: ",") { continue } // 155,221 -> 155221
                foldBuffer.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            }
        } else {
            let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
            guard let folded = UnicodeFolding.fold(slice) else { return nil }
            WordRules.appendNormalizingApostrophes(folded, to: &foldBuffer, dropCommas: kind == .number)
        }
        if isAcronym, foldBuffer.last != UInt8(ascii: ".") { foldBuffer.append(UInt8(ascii: ".")) }
        // Prefixed terms (title "S", actor "XA") need room beside the word.
        if foldBuffer.isEmpty || foldBuffer.count > WordRules.maximumWordBytes { return nil }
        return NormalizedWord(folded: String(decoding: foldBuffer, as: UTF8.self), isAcronym: isAcronym)
    }
}

/// Byte-level word rules that ICU's default word breaking does not apply.
enum WordRules {
    /// Longest folded word indexed; leaves room for a field prefix within Xapian's 245-byte limit.
    static let maximumWordBytes = 200

    /// "Russia's" / "Russia’s" -> "Russia" (ICU keeps the possessive inside the word).
    static func endWithoutPossessive(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Int {
        let length = end - start
        if length > 2, bytes[end - 2] == UInt8(ascii: "'"), bytes[end - 1] | 0x20 == UInt8(ascii: "s") {
            return end - 2
        }
        // U+2019 RIGHT SINGLE QUOTATION MARK is E2 80 99 in UTF-8.
        if length > 4, bytes[end - 4] == 0xE2, bytes[end - 3] == 0x80, bytes[end - 2] == 0x99,
            bytes[end - 1] | 0x20 == UInt8(ascii: "s")
        {
            return end - 4
        }
        return end
    }

    /// Single letters separated by dots, as ICU reports "U.S." ("U.S"): U.S, U.K, E.U, a.m.
    static func isDottedAcronym(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Bool {
        let length = end - start
        guard length >= 3, length <= 15 else { return false }
        for offset in 0..<length {
            let byte = bytes[start + offset]
            if offset % 2 == 0 {
                guard (byte | 0x20) >= UInt8(ascii: "a"), (byte | 0x20) <= UInt8(ascii: "z") else { return false }
            } else if byte != UInt8(ascii: ".") {
                return false
            }
        }
        return true
    }

    /// Whether ICU's sentence break between `previous` and the word at `nextWordAt` is a false
    /// one: after a dotted acronym ("U.S."), an initial ("James A."), or a common abbreviation
    /// ("Mr.", "Corp."), on the same line, unless the next word clearly opens a sentence.
    static func continuesSentence(after previous: Token, _ bytes: UnsafeBufferPointer<UInt8>, nextWordAt next: Int) -> Bool {
        guard previous.end <= next, !bytes[previous.end..<next].contains(0x0A) else { return false }
        let endsWithDot = previous.isAcronym || (previous.end < bytes.count && bytes[previous.end] == UInt8(ascii: "."))
        guard endsWithDot else { return false }
        let isInitial = previous.kind == .letter && previous.end - previous.start == 1
        guard previous.isAcronym || isInitial || abbreviations.contains(previous.folded) else { return false }
        var end = next
        while end < bytes.count, end - next < 12, (bytes[end] | 0x20) >= UInt8(ascii: "a"), (bytes[end] | 0x20) <= UInt8(ascii: "z") {
            end += 1
        }
        let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[next..<end]), as: UTF8.self).lowercased()
        return !sentenceOpeners.contains(word)
    }

    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "st", "jr", "sr", "sen", "rep", "gov", "gen", "lt", "col", "capt", "sgt", "maj", "adm",
        "prof", "rev", "hon", "co", "corp", "inc", "ltd", "bros", "no", "vs", "etc", "jan", "feb", "mar", "apr", "jun",
        "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "ave", "blvd", "dept", "univ", "approx", "est",
    ]

    static let sentenceOpeners: Set<String> = [
        "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "but", "and", "in", "on", "at", "this", "that",
        "these", "those", "there", "his", "her", "its", "their", "our", "if", "when", "while", "however", "meanwhile",
    ]

    /// Copies folded bytes, turning U+2019 into an ASCII apostrophe ("don’t" matches "don't").
    static func appendNormalizingApostrophes(_ folded: [UInt8], to buffer: inout [UInt8], dropCommas: Bool) {
        var index = 0
        while index < folded.count {
            if index + 2 < folded.count, folded[index] == 0xE2, folded[index + 1] == 0x80, folded[index + 2] == 0x99 {
                buffer.append(UInt8(ascii: "'"))
                index += 3
                continue
            }
            if !(dropCommas && folded[index] == UInt8(ascii: ",")) { buffer.append(folded[index]) }
            index += 1
        }
    }
}
