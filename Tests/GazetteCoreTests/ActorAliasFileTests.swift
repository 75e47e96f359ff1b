import Testing
@testable import GazetteCore

@Suite("Actor alias file")
struct ActorAliasFileTests {
    @Test func readsEveryKindOfRule() throws {
        let file = try ActorAliasFile.parse("""
            # corrections
            [[merge]]
            into = "place:united-states"
            actors = ["place:usa", "org:us"]
            name = "United States of America"

            [[alias]]
            actor = "person:volodymyr-zelensky"
            names = ["Zelenskyy", "Selenskyj"]

            [[rename]]
            actor = "org:nato"
            name = "North Atlantic Treaty Organization"

            [[drop]]
            actors = ["person:what-comes-next", "org:talks-with"]
            """, path: "actors.toml")
        #expect(file.merges == [.init(into: "place:united-states", actors: ["place:usa", "org:us"], name: "United States of America", line: 2)])
        #expect(file.aliases == [.init(actor: "person:volodymyr-zelensky", names: ["Zelenskyy", "Selenskyj"], line: 7)])
        #expect(file.renames == [.init(actor: "org:nato", name: "North Atlantic Treaty Organization", line: 11)])
        #expect(file.drops == [.init(actors: ["person:what-comes-next", "org:talks-with"], line: 15)])

        let map = try ActorMap(file: file)
        #expect(map.canonical("place:usa") == "place:united-states")
        #expect(map.canonical("org:us") == "place:united-states")
        #expect(map.canonical("place:united-states") == "place:united-states")
        #expect(map.canonical("person:what-comes-next") == nil)
        #expect(map.canonical("org:nato") == "org:nato")
        #expect(map.name(of: "place:united-states") == "United States of America")
        #expect(map.name(of: "org:nato") == "North Atlantic Treaty Organization")
        #expect(map.aliasTargets("selenskyj") == ["person:volodymyr-zelensky"])
        #expect(Set(map.members(of: "place:united-states")) == ["place:united-states", "place:usa", "org:us"])
    }

    @Test func followsMergeChainsToTheirEnd() throws {
        let map = try ActorMap(file: ActorAliasFile.parse("""
            [[merge]]
            into = "place:b"
            actors = ["place:a"]
            [[merge]]
            into = "place:c"
            actors = ["place:b"]
            """, path: "chain.toml"))
        #expect(map.canonical("place:a") == "place:c")
        #expect(Set(map.members(of: "place:c")) == ["place:a", "place:b", "place:c"])
    }

    @Test func mergedActorsCountOnceInArticleActorLists() throws {
        let map = try ActorMap(file: ActorAliasFile.parse("""
            [[merge]]
            into = "place:united-states"
            actors = ["place:usa"]
            [[drop]]
            actors = ["org:talks-with"]
            """, path: "a.toml"))
        let stored: [StoredArticle.StoredActor] = [
            .init(id: "place:usa", name: "USA", type: .place, mentions: 2),
            .init(id: "org:talks-with", name: "Talks With", type: .org, mentions: 9),
            .init(id: "place:united-states", name: "United States", type: .place, mentions: 3),
            .init(id: "person:a-b", name: "A B", type: .person, mentions: 4),
        ]
        let mapped = map.apply(to: stored) { _ in nil }
        #expect(mapped.map(\.id) == ["place:united-states", "person:a-b"])
        #expect(mapped[0].mentions == 5)
        #expect(mapped[0].name == "United States")
    }

    /// Bad files: the line of the offending entry and a reason a user can act on.
    @Test(arguments: [
        ("merge = \"place:a\"\n", 1, "must be a list of tables"),
        ("[[merge]]\ninto = \"place:a\"\nactors = [\"Place:B\"]\n", 3, "is not an actor id"),
        ("[[merge]]\ninto = \"place:a\"\nactors = \"place:b\"\n", 3, "must be a list of strings"),
        ("[[merge]]\ninto = \"place:a\"\nactors = [\"place:a\"]\n", 3, "cannot be merged into itself"),
        ("[[merge]]\ninto = \"place:a\"\n", 1, "missing key \"actors\""),
        ("\n[[alias]]\nactor = \"person:x\"\nnames = []\n", 4, "is empty"),
        ("[[alias]]\nactor = \"person:x\"\nnames = [\"X\"]\nnmes = [\"Y\"]\n", 4, "unknown key \"nmes\""),
        ("[[rename]]\nactor = \"org:x\"\nname = 3\n", 3, "must be a non-empty string"),
        ("[[drop]]\nactors = [\"org:x\"\n", 2, "not valid TOML"),
        ("[[colour]]\nx = 1\n", 1, "unknown section \"colour\""),
        ("[[rename]]\nactor = \"nobody\"\nname = \"X\"\n", 2, "is not an actor id"),
        ("[[merge]]\ninto = \"place:a\"\nactors = [\"place:b\"]\n\n[[merge]]\ninto = \"place:c\"\nactors = [\"place:b\"]\n", 5, "already merged into place:a (line 1)"),
        ("[[merge]]\ninto = \"place:a\"\nactors = [\"place:b\"]\n[[drop]]\nactors = [\"place:b\"]\n", 4, "drop place:a, or take place:b out of the merge"),
        ("[[rename]]\nactor = \"org:x\"\nname = \"X\"\n[[rename]]\nactor = \"org:x\"\nname = \"Y\"\n", 4, "already named \"X\" (line 1)"),
    ])
    func badFilesNameTheLineAndTheReason(text: String, line: Int, reason: String) throws {
        let error = try #require(throws: ActorAliasFileError.self) {
            _ = try ActorMap(file: ActorAliasFile.parse(text, path: "bad.toml"))
        }
        #expect(error.path == "bad.toml")
        #expect(error.line == line, "\(error)")
        #expect(error.description.contains(reason), "\(error)")
        #expect(error.description.hasPrefix("bad.toml:\(line): "))
    }

    @Test func aMissingFileIsOnlyAnErrorWhenNamed() throws {
        let directory = TemporaryDirectory()
        #expect(try ActorAliasFile.load(path: directory.path + "/actors.toml", required: false) == nil)
        let error = try #require(throws: ActorAliasFileError.self) {
            _ = try ActorAliasFile.load(path: directory.path + "/actors.toml", required: true)
        }
        #expect(error.isUsage)
        directory.write("latin1.toml", bytes: [0x5B, 0x5B, 0xE9, 0x5D, 0x5D])
        let encoding = try #require(throws: ActorAliasFileError.self) {
            _ = try ActorAliasFile.load(path: directory.path + "/latin1.toml", required: true)
        }
        #expect(encoding.reason.contains("UTF-8"))
    }
}
