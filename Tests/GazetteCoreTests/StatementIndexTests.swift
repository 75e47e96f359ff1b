import Foundation
import Testing
@testable import GazetteCore

/// The statement index end to end: Samples/ indexed into real Xapian databases, searched with
/// `StatementSearcher` and through `said-by:` in article search.
@Suite("Statement index")
struct StatementIndexTests {
    static let zelensky = "person:volodymyr-zelensky"

    private func statements(_ query: String = "", configure: (inout StatementRequest) -> Void = { _ in }) throws -> StatementResponse {
        var request = StatementRequest(query: query)
        request.limit = 1000
        configure(&request)
        return try StatementSearcher(indexPath: SampleIndex.path).search(request)
    }

    @Test func phraseAndSpeakerFindZelenskysStatementsAboutSecurityGuarantees() throws {
        let response = try statements("\"security guarantees\"") { $0.speakers = ["Zelensky"] }
        #expect(response.total >= 5)
        #expect(response.total == response.hits.count)
        for hit in response.hits {
            #expect(hit.statement.speaker.id == Self.zelensky)
            #expect(hit.statement.text.lowercased().contains("security guarantees"), "\(hit.statement.text)")
            #expect(!hit.highlighted.highlights.isEmpty)
            #expect(hit.statement.sentence.contains(hit.statement.text))
        }
        #expect(response.hits.contains { $0.statement.date?.hasPrefix("2025-12-14") == true })
        // An alias resolves like actor: does; several --by mean any of them.
        let alias = try statements("\"security guarantees\"") { $0.speakers = ["Zelenskyy"] }
        #expect(Set(alias.hits.map(\.statement.id)) == Set(response.hits.map(\.statement.id)))
        let either = try statements("\"security guarantees\"") { $0.speakers = ["Zelensky", "Whitcombe"] }
        #expect(either.total > response.total)
        #expect(Set(either.hits.compactMap(\.statement.speaker.id)).isSuperset(of: [Self.zelensky]))
    }

    @Test func speakerWordsArePronounsAndDescriptionsAsWritten() throws {
        let all = try statements { $0.speakers = ["Zelensky"] }
        let words = Set(all.hits.map(\.statement.speaker.text))
        #expect(words.contains("He"))
        #expect(words.contains("Zelensky"))
        #expect(all.hits.allSatisfy { $0.statement.speaker.name == "Volodymyr Zelensky" })
    }

    @Test func verbFilterTakesTheLemmaOrAnyForm() throws {
        let lemma = try statements { $0.verbs = ["warn"] }
        let form = try statements { $0.verbs = ["warned"] }
        #expect(lemma.total >= 3)
        #expect(lemma.hits.allSatisfy { $0.statement.verb == "warn" })
        #expect(Set(lemma.hits.map(\.statement.id)) == Set(form.hits.map(\.statement.id)))
        let none = try statements { $0.verbs = ["whisper-shout"] }
        #expect(none.total == 0)
    }

    @Test func dateFiltersAndSortOrders() throws {
        let since = try statements { $0.since = "2026-01-01"; $0.sort = .oldest }
        #expect(since.total > 0)
        let dates = since.hits.compactMap(\.statement.date)
        #expect(dates.count == since.hits.count)
        #expect(dates.allSatisfy { $0 >= "2026-01-01" })
        #expect(dates == dates.sorted())
        let until = try statements { $0.until = "2025-11"; $0.sort = .newest }
        let untilDates = until.hits.compactMap(\.statement.date)
        #expect(!untilDates.isEmpty)
        #expect(untilDates.allSatisfy { $0 < "2025-12" })
        #expect(untilDates == untilDates.sorted(by: >))
        let all = try statements()
        #expect(since.total + until.total < all.total)
        // date: in the query works on statements too.
        let inQuery = try statements("date:2026..") { $0.sort = .oldest }
        #expect(inQuery.total == since.total)
    }

    @Test func timelineCountsEveryMatchingStatementPerMonth() throws {
        let response = try statements("ceasefire") { $0.timeline = true }
        #expect(response.total > 0)
        #expect(response.timeline.reduce(0) { $0 + $1.statements } == response.total)
        var counted: [String: Int] = [:]
        for hit in response.hits { counted[hit.statement.date.map { String($0.prefix(7)) } ?? "undated", default: 0] += 1 }
        #expect(Dictionary(uniqueKeysWithValues: response.timeline.map { ($0.month, $0.statements) }) == counted)
        let months = response.timeline.map(\.month).filter { $0 != "undated" }
        #expect(months == months.sorted())
    }

    @Test func actorTermsInsideStatementTextWork() throws {
        let response = try statements("actor:putin") { $0.speakers = ["Zelensky"] }
        #expect(response.total > 0)
        #expect(response.hits.allSatisfy { $0.statement.speaker.id == Self.zelensky })
    }

    @Test func saidByFindsArticlesWithAMatchingStatementByTheActor() throws {
        let statementArticles = Set(try statements("\"security guarantees\"") { $0.speakers = ["Zelensky"] }.hits.map(\.statement.article))
        let saidBy = try SampleIndex.ids("said-by:zelensky \"security guarantees\"")
        #expect(!saidBy.isEmpty)
        #expect(saidBy == statementArticles)
        // Articles merely mentioning him with the phrase are more.
        let mentioning = try SampleIndex.ids("actor:zelensky \"security guarantees\"")
        #expect(saidBy.isSubset(of: mentioning))
        #expect(mentioning.count > saidBy.count)
        // Alone: every article where he made any statement.
        let anyStatement = Set(try statements { $0.speakers = ["Zelensky"] }.hits.map(\.statement.article))
        #expect(try SampleIndex.ids("said-by:zelensky") == anyStatement)
        #expect(try SampleIndex.ids("said-by:nobody-of-that-name").isEmpty)
        #expect(throws: QuerySyntaxError.self) { try SampleIndex.search("ceasefire OR said-by:zelensky") }
        #expect(throws: QuerySyntaxError.self) { try SampleIndex.search("NOT said-by:zelensky ceasefire") }
    }

    @Test func anIndexWithoutStatementsSaysHowToGetThem() throws {
        let directory = TemporaryDirectory()
        directory.write("corpus/a.txt", "Harbour talks\n\nThe mayor said talks would resume.\n")
        let index = directory.path + "/index"
        _ = try Indexer(options: Indexer.Options(indexPath: index)).run(paths: [directory.path + "/corpus"])
        try FileManager.default.removeItem(atPath: index + "/" + Schema.statementsFolder)
        do {
            _ = try StatementSearcher(indexPath: index)
            Issue.record("opened an index without a statement index")
        } catch let error as GazetteError {
            #expect(error.code == .databaseNotFound)
            #expect(error.message.contains("--rebuild"))
        }
    }
}

/// Re-indexing, removing files and rebuilding keep the statement index in step with the articles.
@Suite("Statement index sync")
struct StatementSyncTests {
    private func article(_ title: String, date: String, _ body: String) -> String {
        "---\ntitle: \(title)\ndate: \(date)\n---\n\n\(body)\n"
    }

    private func all(_ index: String) throws -> [StoredStatement] {
        var request = StatementRequest()
        request.limit = 1000
        return try StatementSearcher(indexPath: index).search(request).hits.map(\.statement)
    }

    @Test(arguments: [1, 2])
    func changedRemovedAndRebuiltArticlesKeepTheirStatementsInStep(jobs: Int) throws {
        let directory = TemporaryDirectory()
        let corpus = directory.path + "/corpus"
        directory.write("corpus/one.md", article("Harbour talks", date: "2025-12-01",
            "Volodymyr Zelensky said the harbour deal was close. \"We need the quay open by spring,\" he said."))
        directory.write("corpus/two.md", article("Grid repairs", date: "2025-12-02",
            "Vladimir Putin said the strikes would continue. The Kremlin warned that Western aid would prolong the war."))
        var options = Indexer.Options(indexPath: directory.path + "/index")
        options.jobs = jobs
        _ = try Indexer(options: options).run(paths: [corpus])
        let first = try all(options.indexPath)
        #expect(first.contains { $0.article.hasSuffix("one.md") && $0.text.contains("harbour deal") })
        #expect(first.contains { $0.article.hasSuffix("two.md") && $0.verb == "warn" })
        #expect(first.contains { $0.speaker.text == "he" && $0.speaker.id == "person:volodymyr-zelensky" && $0.direct })

        // Changing an article replaces its statements.
        directory.write("corpus/one.md", article("Harbour talks", date: "2025-12-01",
            "Volodymyr Zelensky said the ferry terminal needed new cranes."))
        let changed = try Indexer(options: options).run(paths: [corpus])
        #expect(changed.replaced == 1)
        let second = try all(options.indexPath)
        #expect(!second.contains { $0.text.contains("harbour deal") || $0.text.contains("quay") })
        #expect(second.contains { $0.text.contains("ferry terminal") })
        #expect(second.filter { $0.article.hasSuffix("two.md") }.count == first.filter { $0.article.hasSuffix("two.md") }.count)

        // Removing a file removes its statements.
        try FileManager.default.removeItem(atPath: corpus + "/two.md")
        let removed = try Indexer(options: options).run(paths: [corpus])
        #expect(removed.removed == 1)
        let third = try all(options.indexPath)
        #expect(!third.isEmpty)
        #expect(third.allSatisfy { $0.article.hasSuffix("one.md") })

        // An unchanged run and a rebuild leave exactly one copy of each statement.
        _ = try Indexer(options: options).run(paths: [corpus])
        #expect(try all(options.indexPath).map(\.id).sorted() == third.map(\.id).sorted())
        options.rebuild = true
        _ = try Indexer(options: options).run(paths: [corpus])
        #expect(try all(options.indexPath).map(\.id).sorted() == third.map(\.id).sorted())
    }

    @Test func compactionKeepsStatementsSearchable() throws {
        let directory = TemporaryDirectory()
        directory.write("corpus/one.md", article("Harbour talks", date: "2025-12-01",
            "Volodymyr Zelensky said the harbour deal was close."))
        var options = Indexer.Options(indexPath: directory.path + "/index")
        options.jobs = 2
        _ = try Indexer(options: options).run(paths: [directory.path + "/corpus"])
        let before = try all(options.indexPath).map(\.id)
        #expect(before.count == 1)
        _ = try IndexCompactor.compact(indexPath: options.indexPath, merge: true)
        #expect(try all(options.indexPath).map(\.id) == before)
        // Writing after compaction still finds (and replaces) the statements.
        directory.write("corpus/one.md", article("Harbour talks", date: "2025-12-01",
            "Volodymyr Zelensky said the ferry terminal needed new cranes."))
        options.rebuild = false
        _ = try Indexer(options: options).run(paths: [directory.path + "/corpus"])
        let after = try all(options.indexPath)
        #expect(after.count == 1)
        #expect(after[0].text.contains("ferry terminal"))
    }
}
