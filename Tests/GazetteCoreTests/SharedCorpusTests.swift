import Foundation
import Testing
@testable import GazetteCore

/// End-to-end checks on the real articles in ../shared (skipped with a message when absent).
@Suite("Shared corpora")
struct SharedCorpusTests {
    @Test(.enabled(if: Repository.shared != nil, "../shared is absent: seed and Reuters tests skipped"))
    func seedArticles() throws {
        let shared = try #require(Repository.shared)
        let index = TemporaryDirectory()
        var options = Indexer.Options(indexPath: index.path)
        options.format = .txt
        let report = try Indexer(options: options).run(paths: [shared + "/seeds"])
        #expect(report.failures.isEmpty)
        #expect(report.documentsInIndex == 2)

        let searcher = try Searcher(indexPath: index.path)
        var request = SearchRequest(query: "\"security guarantees\"")
        request.actors = ["Zelensky"]
        let response = try searcher.search(request)
        #expect(response.total == 2)
        #expect(response.hits.allSatisfy { $0.date == nil })
        #expect(response.hits.allSatisfy { $0.snippet.marked().lowercased().contains("[security guarantees]") })

        let database = try IndexReader.open(index.path)
        for file in try FileManager.default.contentsOfDirectory(atPath: shared + "/seeds") {
            let stored = try #require(try ArticleLookup.find(shared + "/seeds/" + file, in: database))
            #expect(!stored.body.contains("Leave a Reply"))
            let ids = Set(stored.actors.map(\.id))
            #expect(ids.isSuperset(of: ["person:volodymyr-zelensky", "place:ukraine", "place:russia", "place:united-states"]))
            // Section headings yield no invented actors.
            #expect(!stored.actors.contains { ["Talks With", "What Comes Next", "Engagement"].contains($0.name) })
        }
        let nato = try searcher.search(SearchRequest(query: "org:NATO"))
        #expect(nato.total == 1)
    }

    @Test(.enabled(if: Repository.shared != nil, "../shared is absent: Reuters test skipped"))
    func reutersIndexesWithNothingFailed() throws {
        let shared = try #require(Repository.shared)
        let index = TemporaryDirectory()
        let report = try Indexer(options: Indexer.Options(indexPath: index.path))
            .run(paths: [shared + "/data/reuters21578/reuters21578.jsonl"])
        #expect(report.failures.isEmpty)
        #expect(report.documentsInIndex == 19_779)
        let searcher = try Searcher(indexPath: index.path)
        // The same phrase counts as Tantivy and SQLite FTS5 (stemmed phrases), per ../shared/bench.
        #expect(try searcher.search(SearchRequest(query: "\"interest rates\"")).total == 630)
        #expect(try searcher.search(SearchRequest(query: "\"exchange rate\"")).total == 344)
        var dated = SearchRequest(query: "\"interest rates\"")
        dated.since = "1987-03-01"
        dated.until = "1987-03-31"
        #expect(try searcher.search(dated).total == 304)
        var reagan = SearchRequest(query: "")
        reagan.actors = ["Reagan"]
        #expect(try searcher.search(reagan).total > 100)
    }
}
