import Foundation
import Testing
@testable import GazetteCore

@Suite("Entity tagger")
struct EntityTaggerTests {
    @Test func bilouTagsRoundTrip() {
        let spans: [(range: Range<Int>, entity: EntityClass)] = [(0..<2, .person), (3..<4, .place), (4..<7, .org)]
        let tags = EntityTag.encode(spans, count: 8)
        #expect(tags.map { $0.part } == [.begin, .last, nil, .unit, .begin, .inside, .last, nil])
        let decoded = EntityTag.decode(tags)
        #expect(decoded.map(\.range) == spans.map(\.range))
        #expect(decoded.map(\.entity) == spans.map(\.entity))
    }

    @Test func transitionsFollowBILOU() {
        let beginPerson = EntityTag(.begin, .person)
        #expect(beginPerson.allows(EntityTag(.last, .person)))
        #expect(!beginPerson.allows(EntityTag(.last, .org)))
        #expect(!beginPerson.allows(.outside))
        #expect(!EntityTag.outside.allows(EntityTag(.inside, .place)))
        #expect(EntityTag(.unit, .place).allows(EntityTag(.begin, .org)))
    }

    /// Emissions that prefer an ill-formed sequence (Inside after Outside) still decode to a
    /// well-formed one.
    @Test func viterbiNeverReturnsBrokenEntities() {
        let k = EntityTag.count
        var emissions = [Float](repeating: 0, count: 3 * k)
        emissions[0 * k + EntityTag.outside.raw] = 5
        emissions[1 * k + EntityTag(.inside, .person).raw] = 9
        emissions[1 * k + EntityTag(.unit, .person).raw] = 4
        emissions[2 * k + EntityTag.outside.raw] = 5
        var scratch: [Float] = []
        var back: [Int32] = []
        var tags: [Int] = []
        let transitions = [Float](repeating: 0, count: k * k)
        emissions.withUnsafeBufferPointer { emissions in
            transitions.withUnsafeBufferPointer { transitions in
                ViterbiDecoder().decode(emissions: emissions, count: 3, transitions: transitions, scratch: &scratch, backPointers: &back, tags: &tags)
            }
        }
        #expect(tags == [EntityTag.outside.raw, EntityTag(.unit, .person).raw, EntityTag.outside.raw])
    }

    /// Features of the token "Kovalenko" in a sentence.
    func features(_ text: String, token: Int) throws -> [UInt64] {
        var text = text
        let analyzer = try Analyzer()
        return text.withUTF8 { bytes in
            let analyzed = analyzer.analyze(bytes: bytes)
            let input = TaggerInput(context: TokenContext(bytes: bytes, tokens: analyzed.tokens), gazetteer: .builtIn)
            let sentence = input.sentences.first { $0.contains(token) }!
            var out: [UInt64] = []
            FeatureTemplates.append(input, sentence, token, into: &out)
            return out
        }
    }

    @Test func featuresSeeTwoWordsEachSide() throws {
        let base = try features("Yesterday the analyst Kovalenko said prices would rise sharply", token: 3)
        #expect(base == (try features("Yesterday the analyst Kovalenko said prices would rise sharply", token: 3)))
        // A change two words away is seen; three words away is not.
        #expect(base != (try features("Yesterday the analyst Kovalenko said stocks would rise sharply", token: 3)))
        #expect(base == (try features("Yesterday the analyst Kovalenko said prices could rise sharply", token: 3)))
        // Capitalisation is seen even though the folded word is the same.
        #expect(base != (try features("Yesterday the analyst kovalenko said prices would rise sharply", token: 3)))
    }

    @Test func lexiconFlagsFromTheGazetteer() throws {
        var text = "President Volodymyr Zelensky visited the United States"
        let analyzer = try Analyzer()
        let flags = text.withUTF8 { bytes in
            let analyzed = analyzer.analyze(bytes: bytes)
            return TaggerInput(context: TokenContext(bytes: bytes, tokens: analyzed.tokens), gazetteer: .builtIn).lexicon
        }
        #expect(flags[0].contains(.personTitle))
        #expect(flags[1].contains(.afterPersonTitle))
        #expect(flags[1].contains(.alias(.person, .begin)))
        #expect(flags[2].contains(.alias(.person, .last)))
        #expect(flags[5].contains(.alias(.place, .begin)))
        #expect(flags[6].contains(.alias(.place, .last)))
    }

    @Test func conllAndGMBFilesAreRead() throws {
        let directory = TemporaryDirectory()
        let conll = directory.write("tiny.conll", """
            -DOCSTART- -X- O O

            Maria NNP I-NP I-PER
            Kovalenko NNP I-NP I-PER
            visited VBD I-VP O
            Lviv NNP I-NP I-LOC
            . . O O

            """)
        let documents = try TrainingCorpus.read(path: conll, format: .conll)
        #expect(documents.count == 1)
        #expect(documents[0].text == "Maria Kovalenko visited Lviv .")
        #expect(documents[0].entities == [.init(start: 0, end: 15, entity: .person), .init(start: 24, end: 28, entity: .place)])

        let gmb = directory.write("tiny.gmb", "# sentence_id = 1\nPolish\tJJ\tB-gpe\nfarmers\tNNS\tO\nmet\tVBD\tO\non\tIN\tO\nMonday\tNNP\tB-tim\n\n")
        let gmbDocuments = try TrainingCorpus.read(path: gmb, format: .gmb)
        #expect(gmbDocuments.first?.entities == [.init(start: 0, end: 6, entity: .misc)])

        let broken = directory.write("broken.conll", "Maria\n")
        #expect(throws: GazetteError.self) { try TrainingCorpus.read(path: broken, format: .conll) }
    }

    /// A few invented sentences: enough for a model to learn that capitalised words after
    /// "minister" are people and words after "in" are places.
    static let trainingDocuments: [AnnotatedDocument] = {
        let people = ["Kovalenko", "Brennan", "Okafor", "Lindqvist", "Moreau", "Tanaka"]
        let places = ["Lviv", "Tampere", "Cork", "Ghent", "Split", "Porto"]
        var documents: [AnnotatedDocument] = []
        for (index, person) in people.enumerated() {
            let place = places[(index + 1) % places.count]
            let text = "The minister \(person) arrived in \(place) on Monday ."
            let personStart = 13
            let placeStart = personStart + person.utf8.count + 12
            documents.append(AnnotatedDocument(text: text, entities: [
                .init(start: personStart, end: personStart + person.utf8.count, entity: .person),
                .init(start: placeStart, end: placeStart + place.utf8.count, entity: .place),
            ]))
        }
        return documents
    }()

    @Test func trainedModelSurvivesTheFileFormat() throws {
        var options = TaggerTrainer.Options()
        options.epochs = 5
        options.hashBits = 16
        options.minimumWeight = 0
        let trainer = try TaggerTrainer(options: options)
        trainer.add(Self.trainingDocuments)
        trainer.train()
        let bytes = trainer.modelFile()
        let model = try TaggerModel(data: bytes, source: "test")
        let score = try TaggerEvaluation.run(EntityTagger(model: model, language: "en"), on: Self.trainingDocuments)
        #expect(score.gold == 12)
        #expect(score.f1 > 0.9)
        // Same weights after a second trip through the format.
        let again = try TaggerModel(data: bytes, source: "test")
        #expect(again.transitions == model.transitions)

        var truncated = bytes
        truncated.removeLast(3)
        #expect(throws: GazetteError.self) { try TaggerModel(data: truncated, source: "test") }
        var wrongMagic = bytes
        wrongMagic[0] = 0
        #expect(throws: GazetteError.self) { try TaggerModel(data: wrongMagic, source: "test") }
    }

    @Test func shippedEnglishModelLoads() throws {
        let tagger = try #require(EntityTagger.builtIn(language: "en"))
        #expect(tagger.model.tagCount == EntityTag.count)
        #expect(EntityTagger.builtIn(language: "xx") == nil)
    }
}
