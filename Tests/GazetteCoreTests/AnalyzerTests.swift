import Testing
@testable import GazetteCore

@Suite("Analyzer")
struct AnalyzerTests {
    let analyzer = try! Analyzer()

    func terms(_ text: String, language: String = "en") -> [String] {
        analyzer.analyze(text, language: language).tokens.map(\.term)
    }

    @Test("word rules", arguments: [
        ("Russia's army", ["russia", "armi"]),
        ("Russia’s army", ["russia", "armi"]),
        ("KYIV", ["kyiv"]),
        ("Café", ["cafe"]),
        ("the U.S. and us", ["the", "u.s.", "and", "us"]),
        ("U.K", ["u.k."]),
        ("155,221 bags", ["155221", "bag"]),
        ("rates rose 3.5 pct", ["rate", "rose", "3.5", "pct"]),
        ("2025-12-14", ["2025", "12", "14"]),
        ("don’t", ["don't"]),
        ("ﬁnancial", ["financi"]),
    ])
    func wordRules(text: String, expected: [String]) {
        #expect(terms(text) == expected)
    }

    @Test func possessiveKeepsByteRangeOfBaseWord() {
        let text = "Ukraine’s sovereignty"
        let token = analyzer.analyze(text).tokens[0]
        #expect(String(decoding: Array(text.utf8)[token.start..<token.end], as: UTF8.self) == "Ukraine")
    }

    @Test func acronymIncludesFinalDot() {
        let text = "in the U.S. today"
        let token = analyzer.analyze(text).tokens[2]
        #expect(String(decoding: Array(text.utf8)[token.start..<token.end], as: UTF8.self) == "U.S.")
        #expect(token.isAcronym)
    }

    @Test func sentencesAreSeparatedByAPositionGap() {
        let tokens = analyzer.analyze("Peace talks stalled. Security guarantees matter.\nNew paragraph here").tokens
        #expect(tokens[0].position == 1)
        #expect(tokens[2].position == 3)
        #expect(tokens[3].position == 3 + 1 + Schema.sentenceGap)
        #expect(tokens[3].sentence == 1)
        #expect(tokens[6].sentence == 2)
        #expect(tokens[6].position - tokens[5].position == 1 + Schema.sentenceGap)
    }

    @Test func chineseIsSegmentedByDictionary() {
        #expect(terms("北京大学") == ["北京", "大学"])
    }

    @Test func russianUsesTheRussianStemmer() {
        #expect(terms("Москвы", language: "ru") == ["москв"])
        #expect(terms("Москвы", language: "en") == ["москвы"])
    }

    @Test func cyrillicShortIIsNotFolded() {
        #expect(terms("мой", language: "uk") == ["мой"])
        #expect(terms("ёлка", language: "uk") == ["елка"])
    }

    @Test func overlongWordsAreDroppedNotThrown() {
        let long = String(repeating: "x", count: 5000)
        let result = analyzer.analyze("before \(long) after")
        #expect(result.tokens.map(\.term) == ["befor", "after"])
        #expect(result.droppedLongWords == 1)
    }

    @Test func invalidUTF8NeverCrashes() {
        let bytes: [UInt8] = [0x66, 0x6F, 0x6F, 0x20, 0xFF, 0xFE, 0x20, 0x62, 0x61, 0x72]
        let result = bytes.withUnsafeBufferPointer { analyzer.analyze(bytes: $0) }
        #expect(result.tokens.map(\.term) == ["foo", "bar"])
    }
}

@Suite("Sentence boundaries")
struct SentenceBoundaryTests {
    let analyzer = try! Analyzer()

    @Test("no false breaks after acronyms, initials and abbreviations", arguments: [
        "BALDRIGE SAYS U.S. MAY RETALIATE", "the U.S. Treasury said", "Treasury Secretary James A. Baker said",
        "Mr. Smith left", "Standard Oil Co. Chairman spoke", "H.K. BANKS TO RAISE PRIME RATES",
    ])
    func oneSentence(text: String) {
        let tokens = analyzer.analyze(text).tokens
        #expect(Set(tokens.map(\.sentence)) == [0], "\(text)")
        #expect(tokens.last!.position - tokens.first!.position == UInt32(tokens.count - 1))
    }

    @Test("real breaks stay", arguments: [
        "Talks ended in the U.S. The next round is in May.", "He left the U.S.\nTalks resumed.", "Prices rose. Rates fell.",
    ])
    func twoSentences(text: String) {
        #expect(Set(analyzer.analyze(text).tokens.map(\.sentence)).count == 2, "\(text)")
    }
}
