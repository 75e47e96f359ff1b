import Foundation
import Testing
@testable import GazetteCore

@Suite("Indexing")
struct IndexingTests {
    let corpus = TemporaryDirectory()
    let index = TemporaryDirectory()

    func run(_ paths: [String]? = nil, configure: (inout Indexer.Options) -> Void = { _ in }) throws -> IndexReport {
        var options = Indexer.Options(indexPath: index.path)
        configure(&options)
        return try Indexer(options: options).run(paths: paths ?? [corpus.path])
    }

    func ids(_ query: String) throws -> Set<String> {
        var request = SearchRequest(query: query)
        request.limit = 1000
        return Set(try Searcher(indexPath: index.path).search(request).hits.map(\.id))
    }

    @Test func phrasesAndNearStopAtSentenceBoundaries() throws {
        corpus.write("a.jsonl", #"{"id": "a", "title": "T", "body": "Officials met in Kyiv. Security guarantees were discussed."}"# + "\n")
        _ = try run()
        #expect(try ids("kyiv security") == ["a"])
        #expect(try ids("\"kyiv security\"").isEmpty)
        #expect(try ids("kyiv NEAR/3 security").isEmpty)
        #expect(try ids("\"security guarantees\"") == ["a"])
        #expect(try ids("security NEAR/3 discussed") == ["a"])
    }

    @Test func reindexingSkipsUnchangedReplacesChangedRemovesVanished() throws {
        corpus.write("one.txt", "First Headline\n\nAlpha body text about grain.")
        corpus.write("two.txt", "Second Headline\n\nBeta body text about grain.")
        corpus.write("feed.jsonl", #"{"id": "r1", "title": "R1", "body": "gamma"}"# + "\n" + #"{"id": "r2", "title": "R2", "body": "delta"}"# + "\n")
        let first = try run()
        #expect(first.indexed == 4)
        #expect(first.documentsInIndex == 4)

        let again = try run()
        #expect(again.unchanged == 4)
        #expect(again.indexed == 0 && again.replaced == 0)

        corpus.write("one.txt", "First Headline\n\nAlpha body text about sunflower oil.")
        try FileManager.default.removeItem(atPath: corpus.path + "/two.txt")
        corpus.write("feed.jsonl", #"{"id": "r1", "title": "R1", "body": "gamma"}"# + "\n")
        let third = try run()
        #expect(third.replaced == 1)
        #expect(third.unchanged == 1)
        #expect(third.removed == 2)
        #expect(third.documentsInIndex == 2)
        #expect(try ids("sunflower").count == 1)
        #expect(try ids("beta").isEmpty)
        #expect(try ids("delta").isEmpty)
    }

    @Test func rebuildStartsFromScratch() throws {
        corpus.write("a.txt", "Headline A\n\nText one.")
        _ = try run()
        let other = TemporaryDirectory()
        other.write("b.txt", "Headline B\n\nText two.")
        let rebuilt = try run([other.path]) { $0.rebuild = true }
        #expect(rebuilt.documentsInIndex == 1)
    }

    @Test func badItemsAreReportedAndTheRestIsIndexed() throws {
        corpus.write("good.txt", "Good Headline\n\nThis article is fine.")
        corpus.write("binary.txt", bytes: [UInt8](repeating: 0x02, count: 500))
        corpus.write("empty.md", "")
        corpus.write("mixed.jsonl", #"{"id": "ok", "body": "fine"}"# + "\n{broken\n")
        let report = try run()
        #expect(report.documentsInIndex == 2)
        let reasons = report.failures.map(\.description)
        #expect(reasons.contains { $0.contains("binary.txt") && $0.contains("binary file") })
        #expect(reasons.contains { $0.contains("empty.md") && $0.contains("empty file") })
        #expect(reasons.contains { $0.contains("mixed.jsonl:2") && $0.contains("invalid JSON") })
    }

    @Test func aFileThatBecomesUnreadableKeepsItsDocuments() throws {
        corpus.write("feed.jsonl", #"{"id": "k1", "body": "kept"}"# + "\n")
        _ = try run()
        corpus.write("feed.jsonl", #"{"id": "k1", "body": "kept"}"# + "\n{not json}\n")
        let report = try run()
        #expect(report.removed == 0)
        #expect(try ids("kept") == ["k1"])
    }

    @Test func duplicateIdsKeepTheLaterRecord() throws {
        corpus.write("dupes.jsonl", #"{"id": "x", "body": "older"}"# + "\n" + #"{"id": "x", "body": "newer"}"# + "\n")
        let report = try run()
        #expect(report.warnings.contains { $0.reason.contains("duplicate id") })
        #expect(report.documentsInIndex == 1)
        #expect(try ids("newer") == ["x"])
    }

    @Test func secondWriterWaitsThenFailsNamingTheIndex() throws {
        corpus.write("a.txt", "Headline\n\nBody.")
        _ = try run()
        let firstShard = try #require(try IndexLayout.existing(at: index.path)).shards[0]
        let holder = try XapianDatabase.openForWriting(firstShard, options: [.createOrOpen])
        defer { _ = holder }
        let started = Date()
        #expect {
            _ = try run { $0.lockWaitSeconds = 0.5 }
        } throws: { error in
            guard let error = error as? GazetteError else { return false }
            return error.code == .databaseLocked && error.message.contains(index.path)
        }
        #expect(Date().timeIntervalSince(started) >= 0.5)
    }

    @Test func documentsStoreWhatShowNeeds() throws {
        corpus.write("story.md", "---\nid: s1\ntitle: Talks\ndate: 2025-12-14\nsource: Wire\n---\nZelensky met U.S. envoys in Geneva.\n")
        _ = try run()
        let database = try IndexReader.open(index.path)
        let stored = try #require(try ArticleLookup.find("s1", in: database))
        #expect(stored.title == "Talks")
        #expect(stored.date == "2025-12-14T00:00:00Z")
        #expect(stored.actors.contains { $0.id == "place:united-states" })
        #expect(try ArticleLookup.find(corpus.path + "/story.md", in: database)?.id == "s1")
    }
}

@Suite("Stored articles")
struct StoredArticleTests {
    @Test func documentDataRoundTrips() throws {
        let article = StoredArticle(
            id: "a\"1\\", title: "Quote \" and\nnewline\t\u{01}", body: "Body — “curly” ünïcode 北京 \u{1F600}", date: nil,
            source: "Wire", url: "https://example.org/a?b=c", authors: ["A. Writer", "B"], language: "en", path: "/x/y.jsonl",
            line: 3, record: nil, format: "jsonl",
            actors: [.init(id: "person:x", name: "X", type: .person, mentions: 2)])
        #expect(try StoredArticle.decode(article.documentData()) == article)
        var withoutBody = article
        withoutBody.body = ""
        #expect(try StoredArticle.decode(article.documentData(), includingBody: false) == withoutBody)
    }
}
