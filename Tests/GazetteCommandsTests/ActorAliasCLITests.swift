import Foundation
import Testing

/// The actor alias file, `gazette remap`, `gazette actors --with/--timeline`, run through the real
/// binary on real indexes of Samples/; counts are checked against counts made by hand from
/// `gazette search` and `gazette show` output.
@Suite("Actor aliases and relations (CLI)")
struct ActorAliasCLITests {
    // MARK: Helpers

    static func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try CLI.run(arguments + ["--format", "json"])
        try #require(result.status == 0, "gazette \(arguments.joined(separator: " ")): \(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    /// Listing as id -> (name, documents).
    static func listing(_ index: String, _ extra: [String] = []) throws -> [String: (name: String, documents: Int)] {
        let object = try json(["actors", "--index", index, "--limit", "100000"] + extra)
        var result: [String: (String, Int)] = [:]
        for actor in object["actors"] as? [[String: Any]] ?? [] {
            result[actor["id"] as! String] = (actor["name"] as! String, actor["documents"] as! Int)
        }
        return result
    }

    /// Ids of every article a search finds (and its total).
    static func hits(_ index: String, _ query: String, _ extra: [String] = []) throws -> (ids: [String], total: Int, hits: [[String: Any]]) {
        let object = try json(["search", query, "--index", index, "--limit", "10000"] + extra)
        let hits = object["hits"] as? [[String: Any]] ?? []
        return (hits.map { $0["id"] as! String }, object["total"] as! Int, hits)
    }

    /// Stored article (through `gazette show`, which applies the alias file).
    static func show(_ index: String, _ id: String, _ extra: [String] = []) throws -> [String: Any] {
        try json(["show", id, "--index", index] + extra)
    }

    static func actorIDs(_ article: [String: Any]) -> Set<String> {
        Set((article["actors"] as? [[String: Any]] ?? []).map { $0["id"] as! String })
    }

    /// A private copy of the shared Samples index, for commands that write.
    static func copyOfIndex(_ directory: ScratchDirectory) throws -> String {
        let copy = directory.path + "/Index"
        try FileManager.default.copyItem(atPath: Fixture.index, toPath: copy)
        return copy
    }

    static let merge = """
        # Ukraine and Russia as one actor, under a new id
        [[merge]]
        into = "place:ukraine-russia"
        actors = ["place:ukraine", "place:russia"]
        name = "Ukraine and Russia"

        [[alias]]
        actor = "person:volodymyr-zelensky"
        names = ["Selenskyj"]

        [[rename]]
        actor = "org:european-union"
        name = "EU (renamed)"

        [[drop]]
        actors = ["place:geneva"]
        """

    // MARK: Query-time alias file

    @Test func mergesCountEachArticleOnceEverywhere() throws {
        let directory = ScratchDirectory()
        let aliases = directory.write("actors.toml", Self.merge)
        let index = Fixture.index
        // By hand: the articles mentioning either country, without the alias file.
        let ukraine = Set(try Self.hits(index, "", ["--actor", "place:ukraine"]).ids)
        let russia = Set(try Self.hits(index, "", ["--actor", "place:russia"]).ids)
        let both = ukraine.union(russia)
        #expect(!ukraine.intersection(russia).isEmpty, "the samples mention both in some articles")
        #expect(both.count < ukraine.count + russia.count)

        let listed = try Self.listing(index, ["--aliases", aliases])
        #expect(listed["place:ukraine-russia"]?.documents == both.count)
        #expect(listed["place:ukraine-russia"]?.name == "Ukraine and Russia")
        #expect(listed["place:ukraine"] == nil && listed["place:russia"] == nil)

        let facets = try Self.json(["search", "", "--actor", "Zelensky", "--facets", "--index", index, "--aliases", aliases, "--limit", "1000"])
        let zelensky = Set((facets["hits"] as! [[String: Any]]).map { $0["id"] as! String })
        let facetList = facets["facets"] as! [[String: Any]]
        let facet = facetList.first { ($0["id"] as? String) == "place:ukraine-russia" }
        let facetCount = facet?["documents"] as? Int
        #expect(facetCount == zelensky.intersection(both).count)

        // Filters: the merged actor, its old ids and its old names all find the same articles.
        for filter in ["place:ukraine-russia", "place:russia", "Ukraine", "Ukraine and Russia"] {
            #expect(Set(try Self.hits(index, "", ["--actor", filter, "--aliases", aliases]).ids) == both, "\(filter)")
        }
        #expect(Set(try Self.hits(index, "place:ukraine-russia", ["--aliases", aliases]).ids) == both)
        #expect(Set(try Self.hits(index, "actor:russia", ["--aliases", aliases]).ids) == both)

        // Hit actor lists and `show` carry the merged actor once, not the old ids.
        let hit = try #require(try Self.hits(index, "", ["--actor", "place:ukraine-russia", "--aliases", aliases]).hits.first)
        let hitActors = (hit["actors"] as! [[String: Any]]).map { $0["id"] as! String }
        #expect(!hitActors.contains("place:ukraine") && !hitActors.contains("place:russia"))
        let shown = Self.actorIDs(try Self.show(index, hit["id"] as! String, ["--aliases", aliases]))
        #expect(shown.contains("place:ukraine-russia"))
        #expect(shown.isDisjoint(with: ["place:ukraine", "place:russia"]))
    }

    @Test func aliasesRenamesAndDropsTakeEffectWithoutReindexing() throws {
        let directory = ScratchDirectory()
        let aliases = directory.write("actors.toml", Self.merge)
        let index = Fixture.index
        // A new name finds Zelensky only with the file.
        let without = try CLI.run(["search", "", "--actor", "Selenskyj", "--index", index, "--format", "json"])
        #expect(without.stderr.contains("no actor named \"Selenskyj\""))
        let zelensky = Set(try Self.hits(index, "", ["--actor", "Zelensky"]).ids)
        #expect(!zelensky.isEmpty)
        #expect(Set(try Self.hits(index, "", ["--actor", "Selenskyj", "--aliases", aliases]).ids) == zelensky)
        #expect(Set(try Self.hits(index, "actor:selenskyj", ["--aliases", aliases]).ids) == zelensky)

        let before = try Self.listing(index)
        let after = try Self.listing(index, ["--aliases", aliases])
        // Rename: same id, same count, new name.
        #expect(after["org:european-union"]?.name == "EU (renamed)")
        #expect(after["org:european-union"]?.documents == before["org:european-union"]?.documents)
        // Drop: gone from the listing, facets, hits and filters.
        #expect(before["place:geneva"] != nil)
        #expect(after["place:geneva"] == nil)
        let geneva = try Self.hits(index, "actor:geneva", ["--aliases", aliases])
        #expect(geneva.total == 0)
        let facets = try Self.json(["search", "talks", "--facets", "--index", index, "--aliases", aliases, "--limit", "1000"])
        #expect(!(facets["facets"] as! [[String: Any]]).contains { $0["id"] as? String == "place:geneva" })
        for hit in facets["hits"] as! [[String: Any]] {
            #expect(!(hit["actors"] as! [[String: Any]]).contains { $0["id"] as? String == "place:geneva" })
        }
        // Untouched actors keep their counts.
        #expect(after["person:volodymyr-zelensky"]?.documents == before["person:volodymyr-zelensky"]?.documents)
    }

    @Test func theIndexFoldersActorsTomlAppliesByDefault() throws {
        let directory = ScratchDirectory()
        let index = try Self.copyOfIndex(directory)
        directory.write("Index/actors.toml", Self.merge)
        let listed = try Self.listing(index)
        #expect(listed["place:ukraine-russia"] != nil)
        #expect(listed["place:geneva"] == nil)
    }

    // MARK: Remap

    @Test func remapGivesTheSameAnswersAsQueryTimeResolution() throws {
        let directory = ScratchDirectory()
        let aliases = directory.write("actors.toml", Self.merge)
        let index = try Self.copyOfIndex(directory)
        let views: [[String]] = [
            ["actors", "--limit", "1000"],
            ["actors", "ceasefire", "--limit", "1000"],
            ["actors", "--with", "Selenskyj", "--limit", "1000"],
            ["actors", "--timeline", "place:ukraine-russia"],
            ["search", "", "--actor", "place:russia", "--facets", "--limit", "1000"],
            ["search", "actor:selenskyj NEAR/5 security", "--limit", "1000"],
        ]
        func answers(_ extra: [String]) throws -> [String] {
            try views.map { view in
                let result = try CLI.run(view + ["--index", index, "--format", "json"] + extra)
                try #require(result.status == 0, "\(view): \(result.stderr)")
                // Scores may shift when terms move; compare everything else.
                return result.stdout.replacingOccurrences(of: #""score":[0-9.e+-]+,?"#, with: "", options: .regularExpression)
            }
        }
        let queryTime = try answers(["--aliases", aliases])
        let remap = try CLI.run(["remap", "--index", index, "--aliases", aliases, "--format", "json"])
        #expect(remap.status == 0, "\(remap.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(remap.stdout.utf8)) as? [String: Any])
        #expect((report["documents"] as? Int ?? 0) > 0)
        #expect(report["actors_removed"] as? Int == 3)
        // With the same file (skipped at query time now) and with no file at all: same answers.
        #expect(try answers(["--aliases", aliases]) == queryTime)
        #expect(try answers([]) == queryTime)
        // The old terms are gone from the index itself.
        let delve = try Self.hits(index, "", ["--actor", "place:geneva"])
        #expect(delve.total == 0)
    }

    @Test func indexingMoreArticlesAfterARemapKeepsTheFileApplied() throws {
        let directory = ScratchDirectory()
        let index = try Self.copyOfIndex(directory)
        directory.write("Index/actors.toml", Self.merge)
        #expect(try CLI.run(["remap", "--index", index]).status == 0)
        // A new article mentioning Geneva and Russia, indexed with the same (default) file.
        let article = directory.write("more/new.md", "# Envoys meet in Geneva\n\nRussia and Ukraine sent envoys to Geneva on Monday for talks.\n")
        let indexed = try CLI.run(["index", article, "--index", index])
        #expect(indexed.status == 0, "\(indexed.stderr)")
        let found = try Self.hits(index, "envoys Geneva Monday")
        let id = try #require(found.ids.first)
        let actors = Self.actorIDs(try Self.show(index, id))
        #expect(!actors.contains("place:geneva"))
        #expect(actors.isDisjoint(with: ["place:russia", "place:ukraine"]))
        // Indexed again with no alias file: queries apply the file again instead of trusting the record.
        try FileManager.default.removeItem(atPath: index + "/actors.toml")
        let other = directory.write("more/other.md", "# Talks in Geneva\n\nDiplomats from Russia met in Geneva again.\n")
        #expect(try CLI.run(["index", other, "--index", index]).status == 0)
        let aliases = directory.write("actors.toml", Self.merge)
        let listed = try Self.listing(index, ["--aliases", aliases])
        #expect(listed["place:geneva"] == nil)
        #expect(listed["place:russia"] == nil)
    }

    // MARK: --with and --timeline against counts made by hand

    @Test(arguments: [("Zelensky", ""), ("NATO", ""), ("Zelensky", "ceasefire")])
    func cooccurrenceCountsMatchCountsFromShow(actor: String, query: String) throws {
        let index = Fixture.index
        let report = try Self.json(["actors", "--with", actor, query, "--index", index, "--limit", "100000"])
        let subject = (report["actor"] as! [String: Any])["id"] as! String
        let documents = try Self.hits(index, query, ["--actor", subject]).ids
        #expect(report["documents"] as? Int == documents.count)
        var expected: [String: Int] = [:]
        for id in documents {
            for other in Self.actorIDs(try Self.show(index, id)) where other != subject { expected[other, default: 0] += 1 }
        }
        let listed = report["actors"] as! [[String: Any]]
        var counted: [String: Int] = [:]
        for entry in listed { counted[entry["id"] as! String] = entry["documents"] as? Int }
        #expect(counted == expected)
        let counts = listed.map { $0["documents"] as! Int }
        #expect(counts == counts.sorted(by: >))
        // --type and --limit.
        let people = try Self.json(["actors", "--with", actor, query, "--index", index, "--type", "person", "--limit", "2"])
        let top = people["actors"] as! [[String: Any]]
        #expect(top.count == min(2, expected.keys.filter { $0.hasPrefix("person:") }.count))
        #expect(top.allSatisfy { $0["type"] as? String == "person" })
    }

    @Test(arguments: [("Ukraine", ""), ("Zelensky", "talks")])
    func timelineCountsMatchArticleDates(actor: String, query: String) throws {
        let index = Fixture.index
        let report = try Self.json(["actors", "--timeline", actor, query, "--index", index])
        let subject = (report["actor"] as! [String: Any])["id"] as! String
        let found = try Self.hits(index, query, ["--actor", subject])
        var expected: [String: Int] = [:]
        var undated = 0
        for hit in found.hits {
            if let date = hit["date"] as? String { expected[String(date.prefix(7)), default: 0] += 1 } else { undated += 1 }
        }
        let months = report["months"] as! [[String: Any]]
        #expect(report["documents"] as? Int == found.total)
        #expect(report["undated"] as? Int == undated)
        let names = months.map { $0["month"] as! String }
        #expect(names.first == expected.keys.min() && names.last == expected.keys.max())
        // Every month in between, zeros included.
        for (earlier, later) in zip(names, names.dropFirst()) {
            let (y1, m1) = (Int(earlier.prefix(4))!, Int(earlier.suffix(2))!)
            #expect(later == String(format: "%04d-%02d", m1 == 12 ? y1 + 1 : y1, m1 == 12 ? 1 : m1 + 1))
        }
        for month in months {
            #expect(month["documents"] as? Int == expected[month["month"] as! String] ?? 0)
        }
    }

    @Test func timelineIncludesEmptyMonths() throws {
        // Zelensky with a word from few articles spreads over months with gaps.
        let index = Fixture.index
        var sawZero = false
        for word in ["grain", "energy", "sanctions", "prisoners", "drone"] {
            let report = try Self.json(["actors", "--timeline", "Ukraine", word, "--index", index])
            if (report["months"] as! [[String: Any]]).contains(where: { $0["documents"] as? Int == 0 }) { sawZero = true }
        }
        #expect(sawZero, "some query should leave a month without articles")
    }

    // MARK: Errors and text output

    @Test func badAliasFilesExit65WithFileAndLine() throws {
        let directory = ScratchDirectory()
        let bad = directory.write("bad.toml", "[[merge]]\ninto = \"place:a\"\nactors = [\"United States\"]\n")
        for command in [["actors"], ["search", "ceasefire"], ["show", "x"], ["remap"], ["actors", "--with", "NATO"]] {
            let result = try CLI.run(command + ["--index", Fixture.index, "--aliases", bad])
            #expect(result.status == 65, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("\(bad):3:"), "\(command): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
        let index = try CLI.run(["index", Fixture.repositoryRoot + "/Samples/README.md", "--index", directory.path + "/new", "--aliases", bad])
        #expect(index.status == 65)
        let missing = try CLI.run(["actors", "--index", Fixture.index, "--aliases", directory.path + "/none.toml"])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("none.toml: no such file"))
    }

    @Test func unknownOrAmbiguousActorsAreClearErrors() throws {
        let unknown = try CLI.run(["actors", "--with", "Nobody Anywhere", "--index", Fixture.index])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("no actor named \"Nobody Anywhere\""))
        let both = try CLI.run(["actors", "--with", "NATO", "--timeline", "NATO", "--index", Fixture.index])
        #expect(both.status == 64)
    }

    @Test func textOutputShowsCountsAndBars() throws {
        let with = try CLI.run(["actors", "--with", "Zelensky", "--limit", "3", "--index", Fixture.index])
        #expect(with.status == 0)
        let lines = with.stdout.split(separator: "\n")
        #expect(lines.first?.contains("Volodymyr Zelensky (person:volodymyr-zelensky):") == true)
        #expect(lines.count == 4)
        let timeline = try CLI.run(["actors", "--timeline", "Ukraine", "--index", Fixture.index])
        #expect(timeline.status == 0)
        #expect(timeline.stdout.contains("#"))
        #expect(timeline.stdout.range(of: #"\n  \d{4}-\d{2}  +\d+"#, options: .regularExpression) != nil)
    }
}

/// A temporary directory removed when the value is released.
final class ScratchDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "gazette-aliases-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let file = path + "/" + name
        try! FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: file, contents: Data(text.utf8))
        return file
    }
}
