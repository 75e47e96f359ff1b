import Testing
@testable import GazetteCore

@Suite("Actor extraction")
struct ActorExtractorTests {
    let analyzer = try! Analyzer()
    let extractor = ActorExtractor()

    func mentions(_ text: String) -> [Mention] {
        extractor.extract(text: text, analyzed: analyzer.analyze(text))
    }

    func actors(_ text: String) -> Set<String> {
        Set(mentions(text).compactMap(\.actor?.id))
    }

    @Test("canonical actors from aliases", arguments: [
        ("Talks between Russia and Ukraine resumed.", ["place:russia", "place:ukraine"]),
        ("The U.S. and the E.U. agreed.", ["place:united-states", "org:european-union"]),
        ("Officials in Washington and Moscow reacted.", ["place:united-states", "place:russia"]),
        ("The US said it would help.", ["place:united-states"]),
        ("Zelenskyy spoke to NATO allies.", ["person:volodymyr-zelensky", "org:nato"]),
        ("The International Monetary Fund approved a loan.", ["org:imf"]),
    ])
    func aliases(text: String, expected: [String]) {
        #expect(actors(text) == Set(expected))
    }

    @Test func lowercaseWordsAreNotPlaces() {
        #expect(actors("They ate turkey and asked us to help.").isEmpty)
    }

    @Test func titledAndGivenNamePeople() {
        let found = mentions("Foreign Minister Olena Marchuk met envoy Daniel Whitcombe in Geneva.")
        let people = found.filter { $0.kind == .person }
        #expect(people.map(\.text) == ["Olena Marchuk", "Daniel Whitcombe"])
        #expect(people.map { $0.actor?.id } == ["person:olena-marchuk", "person:daniel-whitcombe"])
        #expect(found.contains { $0.kind == .place && $0.actor?.id == "place:geneva" })
    }

    @Test func surnamesLinkToTheFullNameInTheArticle() {
        let found = mentions("Envoy Daniel Whitcombe arrived on Monday. Whitcombe said talks would resume.")
        let whitcombe = found.filter { $0.actor?.id == "person:daniel-whitcombe" }
        #expect(whitcombe.count == 2)
        #expect(whitcombe.last?.text == "Whitcombe")
    }

    @Test func bareSurnameOfAWellKnownPerson() {
        #expect(actors("Putin rejected the proposal.").contains("person:vladimir-putin"))
    }

    @Test func organisationsByTheirLastWord() {
        let found = mentions("Standard Oil Co and the Ministry of Energy signed a deal.")
        let orgs = found.filter { $0.kind == .org }.map(\.text)
        #expect(orgs.contains("Standard Oil Co"))
        #expect(orgs.contains("Ministry of Energy"))
    }

    @Test func headingsOnlyTakeGazetteerNames() {
        let found = mentions("Talks With U.S. Envoys\nWhat Comes Next")
        #expect(found.compactMap(\.actor?.id) == ["place:united-states"])
    }

    @Test func demonymsResolveButAreNotTypedAsPlaces() {
        let found = mentions("Ukrainian officials insist on guarantees.")
        let demonym = try! #require(found.first)
        #expect(demonym.kind == .other)
        #expect(demonym.actor?.id == "place:ukraine")
    }

    @Test func byteOffsetsCoverTheMention() {
        let text = "In Kraków, Zelensky met Poland’s leaders."
        let bytes = Array(text.utf8)
        for mention in mentions(text) {
            #expect(String(decoding: bytes[mention.start..<mention.end], as: UTF8.self) == mention.text)
        }
        #expect(actors(text).isSuperset(of: ["place:krakow", "person:volodymyr-zelensky", "place:poland"]))
    }

    @Test("tricky names, typed as a CoNLL annotator would", arguments: [
        ("NATO said it would respond.", "NATO", Mention.Kind.org, "org:nato"),
        ("Zelensky said talks would resume.", "Zelensky", .person, "person:volodymyr-zelensky"),
        ("Standard Oil Co raised prices.", "Standard Oil Co", .org, "org:standard-oil-co"),
        ("The Bank of Japan left rates unchanged.", "Bank of Japan", .org, "org:bank-of-japan"),
        // County cricket sides are organisations, the ground's town a place.
        ("Leicestershire beat Somerset by an innings at Leicester.", "Somerset", .org, "org:somerset"),
        ("Leicestershire beat Somerset by an innings at Leicester.", "Leicester", .place, "place:leicester"),
        ("The US said it would help.", "US", .place, "place:united-states"),
    ])
    func trickyNames(text: String, surface: String, kind: Mention.Kind, actor: String) throws {
        let mention = try #require(mentions(text).first { $0.text == surface })
        #expect(mention.kind == kind)
        #expect(mention.actor?.id == actor)
    }

    @Test func demonymsAreNeverPlaces() {
        let found = mentions("Ukrainian officials met French diplomats in Paris.")
        #expect(found.filter { $0.kind == .place }.map(\.text) == ["Paris"])
        #expect(found.first { $0.text == "French" }?.kind == .other)
    }

    /// Hard-wrapped wire copy: a name broken over two lines is one mention.
    @Test func namesContinueAcrossWrappedLines() {
        let text = """
                The senator held long discussions on Tuesday with Treasury Secretary James
            Baker about the budget and the spending plans that the committee will
            consider when it meets again next month in the capital to vote on them
            """
        let person = mentions(text).first { $0.kind == .person }
        #expect(person?.text == "James\nBaker")
    }

    @Test func stockSymbolsAreNotPlaces() {
        let found = mentions("Consumers Power Co said it will pay Union Carbide <UK> for the plant.")
        #expect(!found.contains { $0.text == "UK" })
    }

    /// Languages without a tagger model fall back to the gazetteer and rules.
    @Test func otherLanguagesUseTheRules() {
        let text = "Talks between Russia and Ukraine resumed."
        let analyzed = analyzer.analyze(text)
        let ids = Set(extractor.extract(text: text, analyzed: analyzed, language: "xx").compactMap(\.actor?.id))
        #expect(ids == ["place:russia", "place:ukraine"])
        #expect(ActorExtractor(usesTagger: false).extract(text: text, analyzed: analyzed).count == 2)
    }

    @Test func chunkedExtractionMatchesWholeTextOffsets() {
        let article = "Zelensky met NATO leaders in Brussels on Monday.\n\n\n"
        let text = String(repeating: article, count: 40)
        var extraction = ChunkedExtraction()
        extraction.chunkBytes = 200
        extraction.searchBytes = 100
        var found: [Mention] = []
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            extraction.forEachMention(in: UnsafeBufferPointer(buffer), analyzer: analyzer) { found.append($0) }
        }
        #expect(found.count == 40 * 3)
        let whole = analyzer.analyze(text).tokens
        for mention in found {
            #expect(String(decoding: bytes[mention.start..<mention.end], as: UTF8.self) == mention.text)
            #expect(whole[mention.firstToken].start == mention.start)
            #expect(whole[mention.firstToken + mention.tokenCount - 1].end == mention.end)
        }
    }
}
