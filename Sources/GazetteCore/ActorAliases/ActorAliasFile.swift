import Foundation
import TOMLKit

/// A user's corrections to the actors of an index (`Index/actors.toml` or `--aliases PATH`):
/// merges, extra names, display names and dropped false positives. Read once per command and
/// applied at query time through `ActorMap`, or written into the index by `ActorRemapper`.
///
/// ```toml
/// [[merge]]                      # these actors are one: counted once per article
/// into = "place:united-states"
/// actors = ["place:usa", "org:us"]
/// name = "United States"         # optional display name of the result
///
/// [[alias]]                      # more names that find an actor
/// actor = "person:volodymyr-zelensky"
/// names = ["Zelenskyy", "Selenskyj"]
///
/// [[rename]]                     # a better display name
/// actor = "org:nato"
/// name = "NATO"
///
/// [[drop]]                       # false positives: gone from listings, facets, hits and filters
/// actors = ["person:what-comes-next"]
/// ```
public struct ActorAliasFile: Sendable, Equatable {
    public struct Merge: Sendable, Equatable {
        public var into: String
        public var actors: [String]
        public var name: String?
        public var line: Int
    }

    public struct Alias: Sendable, Equatable {
        public var actor: String
        public var names: [String]
        public var line: Int
    }

    public struct Rename: Sendable, Equatable {
        public var actor: String
        public var name: String
        public var line: Int
    }

    public struct Drop: Sendable, Equatable {
        public var actors: [String]
        public var line: Int
    }

    /// Where the rules came from (for messages).
    public var path: String
    public var merges: [Merge] = []
    public var aliases: [Alias] = []
    public var renames: [Rename] = []
    public var drops: [Drop] = []
    /// FNV-1a of the file's bytes: `gazette remap` records it so queries can skip re-applying it.
    public var fingerprint: String

    public var isEmpty: Bool { merges.isEmpty && aliases.isEmpty && renames.isEmpty && drops.isEmpty }

    /// The file at `path`; nil when `required` is false and there is no file.
    public static func load(path: String, required: Bool) throws(ActorAliasFileError) -> ActorAliasFile? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            if !required { return nil }
            throw ActorAliasFileError(path: path, line: nil, reason: "no such file", isUsage: true)
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw ActorAliasFileError(path: path, line: nil, reason: "cannot read the file", isUsage: true)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ActorAliasFileError(path: path, line: nil, reason: "the file is not UTF-8 text")
        }
        return try parse(text, path: path)
    }

    /// Parses and checks the rules; every error names the line of the offending entry.
    public static func parse(_ text: String, path: String) throws(ActorAliasFileError) -> ActorAliasFile {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ActorAliasFileError(
                path: path, line: error.source.begin.line, reason: "not valid TOML: \(error.description)")
        } catch {
            throw ActorAliasFileError(path: path, line: nil, reason: "not valid TOML: \(error)")
        }
        let reader = RuleReader(path: path, lines: TOMLLineIndex(text))
        var file = ActorAliasFile(path: path, fingerprint: fingerprint(of: Array(text.utf8)))
        for key in table.keys {
            switch key {
            case "merge":
                for (n, entry) in try reader.entries(table[key], section: key).enumerated() {
                    var scope = reader.scope(key, n, entry)
                    let into = try scope.actorID("into")
                    let actors = try scope.actorIDs("actors")
                    if actors.contains(into) {
                        throw scope.error("actors", "\(into) cannot be merged into itself")
                    }
                    file.merges.append(Merge(into: into, actors: actors, name: try scope.optionalName("name"), line: scope.line))
                    try scope.finish()
                }
            case "alias":
                for (n, entry) in try reader.entries(table[key], section: key).enumerated() {
                    var scope = reader.scope(key, n, entry)
                    let actor = try scope.actorID("actor")
                    let names = try scope.strings("names")
                    file.aliases.append(Alias(actor: actor, names: names, line: scope.line))
                    try scope.finish()
                }
            case "rename":
                for (n, entry) in try reader.entries(table[key], section: key).enumerated() {
                    var scope = reader.scope(key, n, entry)
                    let actor = try scope.actorID("actor")
                    guard let name = try scope.optionalName("name") else { throw scope.error("name", "missing key \"name\"") }
                    file.renames.append(Rename(actor: actor, name: name, line: scope.line))
                    try scope.finish()
                }
            case "drop":
                for (n, entry) in try reader.entries(table[key], section: key).enumerated() {
                    var scope = reader.scope(key, n, entry)
                    file.drops.append(Drop(actors: try scope.actorIDs("actors"), line: scope.line))
                    try scope.finish()
                }
            default:
                throw ActorAliasFileError(
                    path: path, line: reader.lines.header(key, occurrence: 0) ?? reader.lines.keyLine(key, from: 0, to: Int.max),
                    reason: "unknown section \"\(key)\"; expected [[merge]], [[alias]], [[rename]] or [[drop]]")
            }
        }
        return file
    }

    static func fingerprint(of bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}

/// A bad alias file: which file, which line (when known) and what is wrong with it.
public struct ActorAliasFileError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var line: Int?
    public var reason: String
    /// The file named on the command line is missing or unreadable (a usage error, not bad data).
    public var isUsage = false

    public var description: String {
        "\(path)\(line.map { ":\($0)" } ?? ""): \(reason)"
    }
}

/// Reads the entries of one section, checking types and keys.
private struct RuleReader {
    let path: String
    let lines: TOMLLineIndex

    func entries(_ value: TOMLValueConvertible?, section: String) throws(ActorAliasFileError) -> [TOMLTable] {
        guard let array = value?.array else {
            throw ActorAliasFileError(
                path: path, line: lines.header(section, occurrence: 0) ?? lines.keyLine(section, from: 0, to: Int.max),
                reason: "\(section) must be a list of tables: write each one under [[\(section)]]")
        }
        var tables: [TOMLTable] = []
        for (n, item) in array.enumerated() {
            guard let table = item.table else {
                throw ActorAliasFileError(
                    path: path, line: lines.header(section, occurrence: n),
                    reason: "each \(section) entry must be a table under [[\(section)]]")
            }
            tables.append(table)
        }
        return tables
    }

    func scope(_ section: String, _ occurrence: Int, _ table: TOMLTable) -> EntryScope {
        let start = lines.header(section, occurrence: occurrence)
        return EntryScope(
            path: path, section: section, table: table, lines: lines, line: start ?? 1,
            end: start.map { lines.nextHeader(after: $0) } ?? Int.max)
    }
}

/// One `[[section]]` entry being read; errors point at the key's line, else the header's.
private struct EntryScope {
    let path: String
    let section: String
    let table: TOMLTable
    let lines: TOMLLineIndex
    /// The entry's `[[section]]` line.
    let line: Int
    let end: Int
    var used = Set<String>()

    func error(_ key: String, _ reason: String) -> ActorAliasFileError {
        ActorAliasFileError(path: path, line: lines.keyLine(key, from: line, to: end) ?? line, reason: "[[\(section)]] \(reason)")
    }

    mutating func actorID(_ key: String) throws(ActorAliasFileError) -> String {
        used.insert(key)
        guard let value = table[key] else { throw error(key, "missing key \"\(key)\"") }
        guard let string = value.string else { throw error(key, "\"\(key)\" must be a string actor id such as \"person:volodymyr-zelensky\"") }
        return try checkedID(string, key: key)
    }

    mutating func actorIDs(_ key: String) throws(ActorAliasFileError) -> [String] {
        try strings(key).map { (id) throws(ActorAliasFileError) in try checkedID(id, key: key) }
    }

    mutating func strings(_ key: String) throws(ActorAliasFileError) -> [String] {
        used.insert(key)
        guard let value = table[key] else { throw error(key, "missing key \"\(key)\"") }
        guard let array = value.array else { throw error(key, "\"\(key)\" must be a list of strings, e.g. [\"a\", \"b\"]") }
        var result: [String] = []
        for item in array {
            guard let string = item.string, !string.trimmingWhitespace().isEmpty else {
                throw error(key, "\"\(key)\" must hold non-empty strings only")
            }
            result.append(string.trimmingWhitespace())
        }
        if result.isEmpty { throw error(key, "\"\(key)\" is empty") }
        return result
    }

    mutating func optionalName(_ key: String) throws(ActorAliasFileError) -> String? {
        used.insert(key)
        guard let value = table[key] else { return nil }
        guard let string = value.string, !string.trimmingWhitespace().isEmpty else {
            throw error(key, "\"\(key)\" must be a non-empty string")
        }
        return string.trimmingWhitespace()
    }

    /// Ids are written as Gazette prints them: a type, a colon and a slug ("org:nato").
    func checkedID(_ raw: String, key: String) throws(ActorAliasFileError) -> String {
        let id = raw.trimmingWhitespace()
        let parts = id.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, ActorType(rawValue: String(parts[0])) != nil, !parts[1].isEmpty,
              !parts[1].contains(where: { $0.isWhitespace || $0.isUppercase })
        else {
            throw error(key, "\"\(raw)\" is not an actor id: write TYPE:SLUG with TYPE person, org or place, as `gazette actors` prints them (e.g. \"place:united-states\")")
        }
        return id
    }

    func finish() throws(ActorAliasFileError) {
        for key in table.keys where !used.contains(key) {
            throw error(key, "unknown key \"\(key)\"")
        }
    }
}

/// Line numbers of `[[section]]` headers and `key =` lines; TOMLKit keeps no source positions for
/// values, and a message that names the line is what lets a user fix a long file.
struct TOMLLineIndex {
    private let lines: [Substring]

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// 1-based line of the `occurrence`-th `[[section]]` header.
    func header(_ section: String, occurrence: Int) -> Int? {
        var seen = 0
        for (index, line) in lines.enumerated() where Self.headerName(line) == section {
            if seen == occurrence { return index + 1 }
            seen += 1
        }
        return nil
    }

    /// The line of the next table header after `line` (1-based), or past the end.
    func nextHeader(after line: Int) -> Int {
        var index = line
        while index < lines.count {
            if lines[index].trimmingWhitespace().hasPrefix("[") { return index + 1 }
            index += 1
        }
        return lines.count + 1
    }

    /// The first line in [from, to) that assigns `key`.
    func keyLine(_ key: String, from: Int, to: Int) -> Int? {
        var index = max(0, from - 1)
        while index < lines.count, index + 1 < to {
            let trimmed = lines[index].trimmingWhitespace()
            if trimmed.hasPrefix(key) {
                let rest = trimmed.dropFirst(key.count).trimmingWhitespace()
                if rest.hasPrefix("=") { return index + 1 }
            }
            index += 1
        }
        return nil
    }

    private static func headerName(_ line: Substring) -> String? {
        let trimmed = line.trimmingWhitespace()
        // [[name]] (an entry of a list of tables) or [name] (a single table).
        guard trimmed.hasPrefix("["), let close = trimmed.firstIndex(of: "]") else { return nil }
        return String(trimmed[trimmed.startIndex..<close].drop(while: { $0 == "[" })).trimmingWhitespace()
    }
}
