import Foundation
import Testing
@testable import GazetteCore

@Suite("Search over Samples/")
struct SearchEndToEndTests {
    @Test func phraseMatchesInflectionsButNotScriptText() throws {
        let ids = try SampleIndex.ids("\"security guarantees\"")
        #expect(ids.count >= 16)
        // Phrases match stems, so the singular "security guarantee" article is found too.
        #expect(ids.contains("gz-2026-03-27-guarantee-treaty-draft"))
        // The HTML page has the phrase only inside a <script>.
        #expect(!ids.contains { $0.hasSuffix("transformers.html") })
        // "Food security" near "guarantee" elsewhere is not the phrase.
        #expect(!ids.contains("gz-2026-03-10-black-sea-insurance"))
    }

    /// One Searcher over the sharded sample index answers the same wildcard again and again (Xapian
    /// 1.4.22 crashed the second time when wildcards were built with OP_MAX), in every match mode.
    @Test func wildcardsRepeatOnOneSearcher() throws {
        let searcher = try Searcher(indexPath: SampleIndex.path)
        #expect(searcher.index.shards.count > 1)
        var totals: [Int] = []
        for round in 0..<4 {
            var request = SearchRequest(query: "Russ* guarant*")
            request.match = round % 2 == 0 ? .any : .all
            totals.append(try searcher.search(request).total)
        }
        #expect(totals[0] > 0 && totals[0] == totals[2] && totals[1] == totals[3] && totals[1] <= totals[0])
    }

    @Test func actorFilterWithAliasesAndDates() throws {
        let response = try SampleIndex.search("\"security guarantees\"") {
            $0.actors = ["Zelensky"]
            $0.since = "2025-12-01"
        }
        #expect(response.hits.count >= 5)
        for hit in response.hits {
            #expect(hit.date.map { $0 >= "2025-12-01" } ?? false)
        }
        let viaAlias = try SampleIndex.ids("\"security guarantees\"") {
            $0.actors = ["Zelenskyy"]
            $0.since = "2025-12-01"
        }
        #expect(viaAlias == Set(response.hits.map(\.id)))
        // The three "Zelenskyy" articles resolve to the same canonical actor.
        #expect(try SampleIndex.ids("", configure: { $0.actors = ["Volodymyr Zelensky"] }).contains("gw-2025-12-29-zelenskyy-year-end"))
    }

    @Test func unitedStatesAliases() throws {
        let byName = try SampleIndex.ids("", configure: { $0.actors = ["United States"] })
        #expect(!byName.isEmpty)
        for alias in ["U.S.", "US", "Washington", "America"] {
            #expect(try SampleIndex.ids("", configure: { $0.actors = [alias] }) == byName, "\(alias)")
        }
    }

    @Test func repeatedActorsMeanAll() throws {
        let both = try SampleIndex.ids("", configure: { $0.actors = ["Zelensky", "Poland"] })
        let zelensky = try SampleIndex.ids("", configure: { $0.actors = ["Zelensky"] })
        let poland = try SampleIndex.ids("", configure: { $0.actors = ["Poland"] })
        #expect(!both.isEmpty)
        #expect(both == zelensky.intersection(poland))
    }

    @Test func actorNearPhrase() throws {
        let near = try SampleIndex.ids("actor:zelensky NEAR/5 \"security guarantees\"")
        let both = try SampleIndex.ids("actor:zelensky \"security guarantees\"")
        #expect(!near.isEmpty)
        #expect(near.isSubset(of: both))
    }

    @Test func sortNewestAndOldest() throws {
        let newest = try SampleIndex.search("ceasefire", configure: { $0.sort = .newest }).hits.compactMap(\.date)
        #expect(newest.count >= 3)
        #expect(newest == newest.sorted(by: >))
        let oldest = try SampleIndex.search("ceasefire", configure: { $0.sort = .oldest }).hits.compactMap(\.date)
        #expect(oldest == oldest.sorted())
    }

    @Test func dateFieldAndRanges() throws {
        for hit in try SampleIndex.search("date:2025-12").hits {
            #expect(hit.date?.hasPrefix("2025-12") == true)
        }
        let january = try SampleIndex.search("date:2026-01-01..2026-01-31 energy").hits
        #expect(!january.isEmpty)
        for hit in january { #expect(hit.date?.hasPrefix("2026-01") == true) }
        let until = try SampleIndex.search("sanctions", configure: { $0.until = "2025-11" }).hits
        for hit in until { #expect(hit.date.map { $0 < "2025-12" } ?? false) }
    }

    @Test func foldingAccentsCaseAndAcronyms() throws {
        #expect(try SampleIndex.ids("cafe") == SampleIndex.ids("café"))
        #expect(!(try SampleIndex.ids("café")).isEmpty)
        #expect(try SampleIndex.ids("KYIV") == SampleIndex.ids("kyiv"))
        #expect(try SampleIndex.ids("zurich") == SampleIndex.ids("Zürich"))
        // "U.S." is its own term, distinct from the word "us".
        let acronym = try SampleIndex.ids("U.S.")
        let word = try SampleIndex.ids("us")
        #expect(!acronym.isEmpty && !word.isEmpty && acronym != word)
    }

    @Test func booleanOperators() throws {
        let ceasefire = try SampleIndex.ids("ceasefire")
        let crimea = try SampleIndex.ids("crimea")
        #expect(try SampleIndex.ids("ceasefire NOT crimea") == ceasefire.subtracting(crimea))
        #expect(try SampleIndex.ids("ceasefire -crimea") == ceasefire.subtracting(crimea))
        #expect(try SampleIndex.ids("ceasefire OR crimea") == ceasefire.union(crimea))
        #expect(try SampleIndex.ids("ceasefire AND crimea") == ceasefire.intersection(crimea))
        #expect(try SampleIndex.ids("ceasefire crimea", configure: { $0.match = .any }) == ceasefire.union(crimea))
    }

    @Test func allWordsFallsBackToAnyWithANotice() throws {
        let response = try SampleIndex.search("ceasefire photonic")
        #expect(response.matchedAny)
        #expect(response.notices.first?.contains("match any") == true)
        #expect(!response.hits.isEmpty)
    }

    @Test func titleFieldAndWildcard() throws {
        let title = try SampleIndex.search("title:\"security guarantees\"").hits
        #expect(!title.isEmpty)
        for hit in title { #expect(hit.title.lowercased().contains("security guarantee")) }
        #expect(try SampleIndex.ids("guarant*").isSuperset(of: SampleIndex.ids("\"security guarantees\"")))
    }

    @Test func cjkAndCyrillic() throws {
        let japanese = try SampleIndex.search("ウクライナ").hits
        #expect(japanese.map(\.id).contains("gz-2026-01-15-japan-energy-ja"))
        #expect(japanese.first?.snippet.highlights.isEmpty == false)
        #expect(try SampleIndex.ids("\"гарантії безпеки\"").contains("gz-2026-01-06-marchuk-uk"))
        #expect(try SampleIndex.ids("lang:uk").count == 1)
    }

    @Test func snippetsHighlightTheMatchedWords() throws {
        let hit = try #require(try SampleIndex.search("\"security guarantees\"").hits.first)
        let marked = hit.snippet.marked()
        #expect(marked.lowercased().contains("[security guarantees]") || marked.lowercased().contains("[security guarantee]"))
        let possessive = try #require(try SampleIndex.search("russia").hits.first)
        #expect(possessive.snippet.marked().contains("[Russia]"))
    }

    @Test func facetsCountActorsOverAllMatches() throws {
        let response = try SampleIndex.search("\"security guarantees\"", configure: { $0.facets = true; $0.limit = 1 })
        let ukraine = try #require(response.facets.first { $0.actor.id == "place:ukraine" })
        #expect(ukraine.documents > 1)
        #expect(ukraine.documents <= response.total)
    }

    @Test func unknownActorIsANoticeNotAnError() throws {
        let response = try SampleIndex.search("", configure: { $0.actors = ["Nobody Atall"] })
        #expect(response.hits.isEmpty)
        #expect(response.notices.contains { $0.contains("Nobody Atall") })
    }

    @Test func undatedArticlesAreIndexed() throws {
        let stats = try IndexStatistics.compute(indexPath: SampleIndex.path)
        #expect(stats.undated >= 2)
        #expect(stats.firstDate?.hasPrefix("2025-11") == true)
        #expect(stats.languages.contains("ja"))
    }
}
