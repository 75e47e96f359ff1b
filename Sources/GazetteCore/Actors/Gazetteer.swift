import Foundation

/// The built-in tables of canonical actors and their aliases (Resources/gazetteer), matched as
/// token sequences produced by the same analyzer as everything else.
public final class Gazetteer: Sendable {
    public struct Entry: Sendable {
        public var actor: ActorRef
        /// places: country, territory, state, city, region; orgs: their kind.
        public var kind: String
    }

    /// One way of writing an entry: its folded tokens and how it must appear in text.
    struct Alias: Sendable {
        var tokens: [String]
        var entry: Int
        var isDemonym: Bool
        /// Short all-capital acronyms ("US", "WHO") match only when written in capitals.
        var exactCase: String?
    }

    public let entries: [Entry]
    /// Aliases by their first folded token, longest first.
    let aliasesByFirstToken: [String: [Alias]]
    /// Folded full alias text -> entries, for query-time resolution.
    let entriesByAlias: [String: [Int]]
    /// Folded last name of gazetteer people -> entries, for bare surname mentions.
    let peopleBySurname: [String: [Int]]
    /// Person titles ("President", "Prime Minister") as folded tokens, by first token, longest first.
    let personTitlesByFirstToken: [String: [[String]]]
    public let givenNames: Set<String>
    public let ambiguousGivenNames: Set<String>
    public let nonEntities: Set<String>
    /// Everything the tables say about single words, for the tagger: one lookup per token.
    let wordFacts: [String: WordFacts]

    /// The tables shipped with Gazette, loaded once.
    public static let builtIn: Gazetteer = {
        do {
            return try Gazetteer(directory: resourceDirectory())
        } catch {
            // The tables ship inside the binary's resource bundle; without them actors cannot work.
            fatalError("cannot load the built-in gazetteer: \(error)")
        }
    }()

    static func resourceDirectory() -> URL {
        Bundle.module.url(forResource: "gazetteer", withExtension: nil) ?? Bundle.module.bundleURL.appendingPathComponent("gazetteer")
    }

    public init(directory: URL) throws {
        let analyzer = try Analyzer()
        var entries: [Entry] = []
        var pending: [(text: String, entry: Int, demonym: Bool)] = []

        for (type, file) in [(ActorType.place, "places.tsv"), (.org, "orgs.tsv"), (.person, "people.tsv")] {
            for columns in try Self.rows(directory.appendingPathComponent(file)) {
                guard columns.count >= 2, !columns[0].isEmpty, !columns[1].isEmpty else { continue }
                func column(_ index: Int) -> String { index < columns.count ? columns[index] : "" }
                let kind: String
                let aliases: String
                var demonyms = ""
                switch type {
                case .place:
                    kind = column(2).isEmpty ? "place" : column(2)
                    aliases = column(3)
                    demonyms = column(4)
                case .org:
                    aliases = column(2)
                    kind = column(3).isEmpty ? "org" : column(3)
                case .person:
                    aliases = column(2)
                    kind = "person"
                }
                let index = entries.count
                entries.append(Entry(actor: ActorRef(id: "\(type.rawValue):\(columns[0])", name: columns[1], type: type), kind: kind))
                pending.append((columns[1], index, false))
                for alias in aliases.split(separator: "|") { pending.append((String(alias), index, false)) }
                for demonym in demonyms.split(separator: "|") { pending.append((String(demonym), index, true)) }
            }
        }

        // All names go through the analyzer in one pass (one ICU call instead of thousands):
        // they are joined by newlines and each token is assigned back by its byte offset.
        let folded = Self.foldedTokens(of: pending.map(\.text), analyzer: analyzer)
        var byFirst: [String: [Alias]] = [:]
        var byAlias: [String: [Int]] = [:]
        var bySurname: [String: [Int]] = [:]
        for (position, name) in pending.enumerated() {
            let tokens = folded[position]
            guard !tokens.isEmpty else { continue }
            let alias = Alias(tokens: tokens, entry: name.entry, isDemonym: name.demonym, exactCase: Self.exactCaseForm(name.text))
            byFirst[tokens[0], default: []].append(alias)
            if !name.demonym {
                let key = tokens.joined(separator: " ")
                if !(byAlias[key]?.contains(name.entry) ?? false) { byAlias[key, default: []].append(name.entry) }
            }
            // The canonical name of a person (the first name of its entry) gives the surname.
            if entries[name.entry].actor.type == .person, name.text == entries[name.entry].actor.name, let surname = tokens.last {
                bySurname[surname, default: []].append(name.entry)
            }
        }
        for key in byFirst.keys { byFirst[key]!.sort { $0.tokens.count > $1.tokens.count } }
        self.entries = entries
        aliasesByFirstToken = byFirst
        entriesByAlias = byAlias
        peopleBySurname = bySurname
        let titles = try Self.lines(directory.appendingPathComponent("person-titles.txt"))
        var titlesByFirst: [String: [[String]]] = [:]
        for title in Self.foldedTokens(of: titles, analyzer: analyzer) where !title.isEmpty {
            titlesByFirst[title[0], default: []].append(title)
        }
        for key in titlesByFirst.keys { titlesByFirst[key]!.sort { $0.count > $1.count } }
        personTitlesByFirstToken = titlesByFirst
        givenNames = Set(try Self.lines(directory.appendingPathComponent("given-names.txt")).map(Self.fold))
        ambiguousGivenNames = Set(try Self.lines(directory.appendingPathComponent("ambiguous-given-names.txt")).map(Self.fold))
        nonEntities = Set(try Self.lines(directory.appendingPathComponent("non-entities.txt")).map(Self.fold))
        var facts: [String: WordFacts] = [:]
        func mark(_ words: some Sequence<String>, _ flag: LexiconFlags) {
            for word in words { facts[word, default: WordFacts()].flags.insert(flag) }
        }
        mark(givenNames, .givenName)
        mark(ambiguousGivenNames, .ambiguousGivenName)
        mark(OrganisationWords.endings, .organisationWord)
        mark(nonEntities, .nonEntity)
        mark(TokenContext.particles, .nameParticle)
        mark(bySurname.keys, .knownSurname)
        for word in byFirst.keys { facts[word, default: WordFacts()].startsAlias = true }
        for word in titlesByFirst.keys { facts[word, default: WordFacts()].startsTitle = true }
        wordFacts = facts
    }

    /// Lexicon flags of one word and whether an alias or a person title may start with it.
    struct WordFacts: Sendable {
        var flags: LexiconFlags = []
        var startsAlias = false
        var startsTitle = false
    }

    /// Short all-capital acronyms ("US", "WHO") match only when written exactly so.
    static func exactCaseForm(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 2, bytes.count <= 5, bytes.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else { return nil }
        return text
    }

    /// The folded tokens of each name, from one analyzer pass over all of them.
    static func foldedTokens(of names: [String], analyzer: Analyzer) -> [[String]] {
        var text = ""
        var starts: [Int] = []
        for name in names {
            starts.append(text.utf8.count)
            text += name
            text += "\n"
        }
        var result = [[String]](repeating: [], count: names.count)
        var owner = 0
        for token in analyzer.analyze(text).tokens {
            while owner + 1 < starts.count, starts[owner + 1] <= token.start { owner += 1 }
            result[owner].append(token.folded)
        }
        return result
    }

    static func fold(_ word: String) -> String {
        word.utf8.allSatisfy { $0 < 0x80 } ? word.lowercased() : UnicodeFolding.fold(word)
    }

    /// Entries whose name or alias is `text` (compared folded), e.g. "Zelenskyy", "U.S.".
    public func entries(named text: String, analyzer: Analyzer) -> [Entry] {
        let key = analyzer.analyze(text).tokens.map(\.folded).joined(separator: " ")
        return (entriesByAlias[key] ?? []).map { entries[$0] }
    }

    /// Gazetteer people with this folded surname.
    func people(withSurname folded: String) -> [Entry] {
        (peopleBySurname[folded] ?? []).map { entries[$0] }
    }

    /// Non-empty, non-comment lines, trimmed (byte-level: these files are read on every start).
    private static func lines(_ url: URL) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: url.path) else { return [] }
        var result: [String] = []
        for line in data.split(separator: 0x0A) {
            var slice = line[...]
            while let first = slice.first, first == 0x20 || first == 0x09 || first == 0x0D { slice = slice.dropFirst() }
            while let last = slice.last, last == 0x20 || last == 0x09 || last == 0x0D { slice = slice.dropLast() }
            if slice.isEmpty || slice.first == UInt8(ascii: "#") { continue }
            result.append(String(decoding: slice, as: UTF8.self))
        }
        return result
    }

    private static func rows(_ url: URL) throws -> [[String]] {
        try lines(url).map { line in
            line.utf8.split(separator: 0x09, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        }
    }
}
