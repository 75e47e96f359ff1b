import Foundation
import Testing
@testable import GazetteCore

/// A small purpose-built index for the ranking choices (stop words, ties, feedback).
private enum RankingCorpus {
    static let records = [
        #"{"id": "corridor", "title": "Grain corridor reopens", "body": "The grain corridor reopened on Monday after talks in Istanbul.", "date": "2025-12-01"}"#,
        #"{"id": "port", "title": "Port shelled", "body": "Shelling hit the port of Odesa; grain exports paused for a day.", "date": "2025-12-02"}"#,
        #"{"id": "wire-old", "title": "Talks resume", "body": "Negotiators resumed talks in Geneva.", "date": "2025-11-01"}"#,
        #"{"id": "wire-new", "title": "Talks resume", "body": "Negotiators resumed talks in Geneva.", "date": "2025-11-05"}"#,
        #"{"id": "band", "title": "Concert review", "body": "The Who played to a full stadium.", "date": "2025-10-10"}"#,
        #"{"id": "us", "title": "US sanctions widen", "body": "The US widened sanctions on Tuesday.", "date": "2025-12-03"}"#,
        #"{"id": "eu", "title": "Sanctions debate", "body": "Sanctions were debated in Brussels.", "date": "2025-12-04"}"#,
    ]

    /// Built once (like `SampleIndex`); tests only read it.
    static let path: String = {
        let corpus = TemporaryDirectory()
        corpus.write("news.jsonl", records.joined(separator: "\n") + "\n")
        let path = NSTemporaryDirectory() + "gazette-ranking-" + UUID().uuidString
        let report = try! Indexer(options: Indexer.Options(indexPath: path)).run(paths: [corpus.path])
        precondition(report.failures.isEmpty, "the ranking corpus must index cleanly: \(report.failures)")
        return path
    }()

    static func search(_ query: String, configure: (inout SearchRequest) -> Void = { _ in }) throws -> SearchResponse {
        var request = SearchRequest(query: query)
        request.limit = 100
        configure(&request)
        return try Searcher(indexPath: path).search(request)
    }

    static func ids(_ query: String, configure: (inout SearchRequest) -> Void = { _ in }) throws -> Set<String> {
        Set(try search(query, configure: configure).hits.map(\.id))
    }

    static func compiler(mode: MatchMode = .all, dropStopWords: Bool = true) throws -> QueryCompiler {
        let database = try IndexReader.open(path)
        let analyzer = try Analyzer()
        return QueryCompiler(
            analyzer: analyzer, languages: ["en"], catalog: ActorCatalog(index: database, analyzer: analyzer), mode: mode,
            dropStopWords: dropStopWords)
    }

    /// The terms of the compiled Xapian query (its description, split into words).
    static func terms(_ query: String, mode: MatchMode = .all, dropStopWords: Bool = true) throws -> Set<String> {
        var compiler = try compiler(mode: mode, dropStopWords: dropStopWords)
        guard let node = try QueryParser.parse(query), let compiled = try compiler.compile(node) else { return [] }
        let words = compiled.debugDescription.split { !($0.isLetter || $0.isNumber) }.map(String.init)
        return Set(words)
    }
}

@Suite("Ranking: query construction and order")
struct RankingTests {
    @Test(arguments: [
        ("what is the grain corridor", MatchMode.all),
        ("what is the grain corridor", MatchMode.any),
        ("what OR is OR the OR grain OR corridor", MatchMode.all),
    ])
    func freeTextDropsStopWords(query: String, mode: MatchMode) throws {
        let terms = try RankingCorpus.terms(query, mode: mode)
        #expect(terms.isSuperset(of: ["grain", "corridor"]))
        #expect(terms.isDisjoint(with: ["what", "is", "the"]))
        let kept = try RankingCorpus.terms(query, mode: mode, dropStopWords: false)
        #expect(kept.isSuperset(of: ["what", "is", "the", "grain", "corridor"]))
    }

    @Test func aQuestionFindsWhatItsWordsFind() throws {
        #expect(try RankingCorpus.ids("what is the grain corridor") == ["corridor"])
        // Without stop-word handling no article has "what", so the all-words search falls back to any word.
        let classic = try RankingCorpus.search("what is the grain corridor") { $0.ranking = .classic }
        #expect(classic.matchedAny)
        #expect(!(try RankingCorpus.search("what is the grain corridor").matchedAny))
    }

    @Test func phrasesKeepStopWords() throws {
        #expect(try RankingCorpus.terms("\"the grain corridor\"").contains("the"))
        #expect(try RankingCorpus.ids("\"the grain corridor\"") == ["corridor"])
        // "the port of odesa" as a phrase needs "of" in place: it is there.
        #expect(try RankingCorpus.ids("\"port of odesa\"") == ["port"])
        #expect(try RankingCorpus.ids("\"port odesa\"").isEmpty)
    }

    @Test func onlyStopWordsAreSearchedAsWritten() throws {
        #expect(try RankingCorpus.terms("the who").isSuperset(of: ["the", "who"]))
        #expect(try RankingCorpus.ids("the who") == ["band"])
        #expect(try RankingCorpus.ids("what OR who").contains("band"))
    }

    @Test func stopWordsBesideExcludedWordsStay() throws {
        #expect(try RankingCorpus.terms("the -grain").contains("the"))
        #expect(try RankingCorpus.ids("the -grain") == ["band", "us"])
        #expect(try RankingCorpus.terms("+the grain").contains("the"))
    }

    @Test func wordsInCapitalsAreNotStopWords() throws {
        #expect(try RankingCorpus.terms("US sanctions").contains("us"))
        #expect(try RankingCorpus.ids("US sanctions") == ["us"])
        #expect(try RankingCorpus.ids("us sanctions") == ["us", "eu"])
    }

    @Test func nearAndFieldsAreUnchanged() throws {
        #expect(try RankingCorpus.terms("the NEAR/3 grain").contains("the"))
        #expect(try RankingCorpus.terms("author:the").contains("Athe"))
    }

    @Test func tiesNewestPutsTheNewestOfEqualWeightsFirst() throws {
        let hits = try RankingCorpus.search("negotiators resumed talks geneva") { $0.ranking.newestFirstOnTies = true }.hits
        #expect(hits.map(\.id) == ["wire-new", "wire-old"])
        #expect(hits[0].score == hits[1].score)
    }

    @Test func feedbackReranksTheSameMatches() throws {
        for query in ["grain", "talks OR sanctions OR grain", "\"security guarantees\""] {
            let plain = try SampleIndex.search(query)
            let expanded = try SampleIndex.search(query) { $0.ranking.feedback = .always }
            #expect(Set(expanded.hits.map(\.id)) == Set(plain.hits.map(\.id)), "\(query)")
            #expect(expanded.total == plain.total, "\(query)")
        }
        // Sorting by date ignores feedback.
        let newest = try SampleIndex.search("ceasefire") { $0.sort = .newest }
        let newestExpanded = try SampleIndex.search("ceasefire") {
            $0.sort = .newest
            $0.ranking.feedback = .always
        }
        #expect(newest.hits.map(\.id) == newestExpanded.hits.map(\.id))
    }

    @Test(arguments: [
        ("grain", 1), ("what is the grain corridor", 2), ("what OR is OR the OR grain OR corridor", 2),
        ("\"the grain corridor\" odesa", 2), ("grain -odesa NOT port", 1), ("the who", 2), ("grain* actor:geneva date:2025", 0),
        ("negotiators resumed talks in geneva after shelling", 5), ("+the grain", 2),
    ])
    func searchedWordsDecideFeedback(query: String, words: Int) throws {
        let node = try #require(try QueryParser.parse(query))
        #expect(try RankingCorpus.compiler().searchedWords(node) == words)
    }

    @Test func feedbackForLongQueriesOnly() {
        let standard = Ranking.standard
        #expect(standard.expansion(forQueryOf: 4) == nil)
        #expect(standard.expansion(forQueryOf: 5) == Ranking.standardExpansion)
        var always = standard
        always.feedback = .always
        #expect(always.expansion(forQueryOf: 1) == Ranking.standardExpansion)
        #expect(always.expansion(forQueryOf: 0) == nil)
        #expect(Ranking.classic.expansion(forQueryOf: 30) == nil)
    }

    @Test func weightingChangesOrderNotMatches() throws {
        for query in ["\"security guarantees\"", "ceasefire energy", "grain OR odesa"] {
            let standard = try SampleIndex.search(query)
            let bm25 = try SampleIndex.search(query) { $0.ranking.weighting = .bm25(k1: 1.2, b: 0.75) }
            #expect(Set(standard.hits.map(\.id)) == Set(bm25.hits.map(\.id)), "\(query)")
            #expect(standard.total == bm25.total, "\(query)")
        }
    }
}

@Suite("Ranking settings (--ranking)")
struct RankingSpecTests {
    @Test func standardIsTheDefault() throws {
        #expect(SearchRequest().ranking == .standard)
        #expect(try Ranking(spec: "") == .standard)
        #expect(try Ranking(spec: "classic,standard") == .standard)
    }

    @Test(arguments: [
        ("classic", Ranking.classic),
        ("classic,stopwords:drop", Ranking(weighting: .bm25(k1: 1, b: 0.5), dropsStopWords: true, newestFirstOnTies: false, feedback: .off)),
        ("bm25:1.2:0.75", Ranking(weighting: .bm25(k1: 1.2, b: 0.75), dropsStopWords: true, newestFirstOnTies: false, feedback: .longQueries(minimumWords: 5))),
        ("ineb2:1, stopwords:keep", Ranking(weighting: .ineB2(c: 1), dropsStopWords: false, newestFirstOnTies: false, feedback: .longQueries(minimumWords: 5))),
        ("ties:newest,expand", Ranking(weighting: .ineB2(c: 0.5), dropsStopWords: true, newestFirstOnTies: true, feedback: .always)),
        ("expand:5:20:0.25", Ranking(
            weighting: .ineB2(c: 0.5), dropsStopWords: true, newestFirstOnTies: false, feedback: .always,
            expansion: .init(documents: 5, terms: 20, weight: 0.25))),
        ("expand,expand:long", Ranking.standard),
        ("expand:off", Ranking(weighting: .ineB2(c: 0.5), dropsStopWords: true, newestFirstOnTies: false, feedback: .off)),
    ])
    func parses(spec: String, expected: Ranking) throws {
        #expect(try Ranking(spec: spec) == expected)
    }

    @Test(arguments: ["bm25:1.2", "bm25:0:0.5", "bm25:1:1.5", "ineb2:-1", "ineb2:x", "stopwords", "stopwords:maybe", "ties:oldest",
                      "expand:1.5:10:0.5", "expand:10:10", "tfidf"])
    func rejects(spec: String) {
        #expect(throws: RankingSpecError.self) { try Ranking(spec: spec) }
    }
}
