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
}
