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
    public let personTitles: [[String]]
    public let givenNames: Set<String>
    public let ambiguousGivenNames: Set<String>
    public let nonEntities: Set<String>

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
        var aliases: [Alias] = []
        var byAlias: [String: [Int]] = [:]
        var bySurname: [String: [Int]] = [:]

        func addAlias(_ text: String, entry: Int, demonym: Bool) {
            let tokens = analyzer.analyze(text).tokens.map(\.folded)
            guard !tokens.isEmpty else { return }
            let letters = text.filter { $0.isLetter }
            let exact = letters.count >= 2 && letters.count <= 5 && letters == text && text.allSatisfy(\.isUppercase) ? text : nil
            aliases.append(Alias(tokens: tokens, entry: entry, isDemonym: demonym, exactCase: exact))
            let key = tokens.joined(separator: " ")
            if !demonym, !(byAlias[key]?.contains(entry) ?? false) { byAlias[key, default: []].append(entry) }
        }

        for (type, file) in [(ActorType.place, "places.tsv"), (.org, "orgs.tsv"), (.person, "people.tsv")] {
            for columns in try Self.rows(directory.appendingPathComponent(file)) {
                guard columns.count >= 2, !columns[0].isEmpty, !columns[1].isEmpty else { continue }
                let kind: String
                var aliasColumn = ""
                var demonymColumn = ""
                switch type {
                case .place:
                    kind = columns.count > 2 ? columns[2] : "place"
                    aliasColumn = columns.count > 3 ? columns[3] : ""
                    demonymColumn = columns.count > 4 ? columns[4] : ""
                case .org:
                    aliasColumn = columns.count > 2 ? columns[2] : ""
                    kind = columns.count > 3 ? columns[3] : "org"
                case .person:
                    aliasColumn = columns.count > 2 ? columns[2] : ""
                    kind = "person"
                }
                let index = entries.count
                let actor = ActorRef(id: "\(type.rawValue):\(columns[0])", name: columns[1], type: type)
                entries.append(Entry(actor: actor, kind: kind))
                addAlias(columns[1], entry: index, demonym: false)
                for alias in aliasColumn.split(separator: "|") { addAlias(String(alias), entry: index, demonym: false) }
                for demonym in demonymColumn.split(separator: "|") { addAlias(String(demonym), entry: index, demonym: true) }
                if type == .person, let surname = analyzer.analyze(columns[1]).tokens.last?.folded {
                    bySurname[surname, default: []].append(index)
                }
            }
        }
        var byFirst: [String: [Alias]] = [:]
        for alias in aliases { byFirst[alias.tokens[0], default: []].append(alias) }
        for key in byFirst.keys { byFirst[key]!.sort { $0.tokens.count > $1.tokens.count } }
        self.entries = entries
        aliasesByFirstToken = byFirst
        entriesByAlias = byAlias
        peopleBySurname = bySurname
        personTitles = try Self.lines(directory.appendingPathComponent("person-titles.txt"))
            .map { analyzer.analyze($0).tokens.map(\.folded) }.filter { !$0.isEmpty }
            .sorted { $0.count > $1.count }
        givenNames = Set(try Self.lines(directory.appendingPathComponent("given-names.txt")).map { UnicodeFolding.fold($0) })
        ambiguousGivenNames = Set(try Self.lines(directory.appendingPathComponent("ambiguous-given-names.txt")).map { UnicodeFolding.fold($0) })
        nonEntities = Set(try Self.lines(directory.appendingPathComponent("non-entities.txt")).map { UnicodeFolding.fold($0) })
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

    private static func lines(_ url: URL) throws -> [String] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        return try String(contentsOf: url, encoding: .utf8)
            .split(separator: "\n")
            .map { $0.trimmingWhitespace() }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    private static func rows(_ url: URL) throws -> [[String]] {
        try lines(url).map { line in line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingWhitespace() } }
    }
}
