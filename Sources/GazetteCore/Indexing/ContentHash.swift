/// FNV-1a, 64 bits: a stable content fingerprint for change detection (Swift's Hasher is seeded
/// per process, so it cannot be stored). Collisions matter only between two versions of the same
/// record, where 64 bits make them negligible.
public struct ContentHash {
    private var state: UInt64 = 0xCBF2_9CE4_8422_2325

    public init() {}

    public mutating func combine(_ text: String) {
        for byte in text.utf8 {
            state ^= UInt64(byte)
            state &*= 0x0000_0100_0000_01B3
        }
        // A separator so ("ab", "c") and ("a", "bc") differ.
        state ^= 0xFF
        state &*= 0x0000_0100_0000_01B3
    }

    public mutating func combine(_ text: String?) { combine(text ?? "\u{0}") }

    public var hex: String {
        let digits = String(state, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    public static func of(_ text: String) -> String {
        var hash = ContentHash()
        hash.combine(text)
        return hash.hex
    }
}

/// Builds boolean terms whose value may be longer than Xapian allows: long values keep a readable
/// prefix (so prefix scans over directories still work) and end in a hash that keeps them unique.
public enum TermNames {
    public static func boolean(_ prefix: String, _ value: String) -> String {
        let term = prefix + value
        guard term.utf8.count > Schema.maximumTermBytes else { return term }
        var kept = ""
        var bytes = prefix.utf8.count
        for character in value {
            let size = character.utf8.count
            if bytes + size > 200 { break }
            kept.append(character)
            bytes += size
        }
        return prefix + kept + "#" + ContentHash.of(value)
    }

    public static func id(_ id: String) -> String { boolean(Schema.Prefix.id, id) }
    public static func path(_ path: String) -> String { boolean(Schema.Prefix.path, path) }
    public static func actor(_ id: String) -> String { boolean(Schema.Prefix.actor, id) }
    /// The article's id term with the statement prefix instead of Q, so it can be derived from the
    /// id term of a stored article alone (long ids are hashed the same way in both).
    public static func statementArticle(_ id: String) -> String { statementArticle(idTerm: self.id(id)) }
    static func statementArticle(idTerm: String) -> String {
        Schema.Prefix.statementArticle + idTerm.dropFirst(Schema.Prefix.id.count)
    }
    public static func speaker(_ id: String) -> String { boolean(Schema.Prefix.speaker, id) }
    public static func verb(_ lemma: String) -> String { boolean(Schema.Prefix.verb, lemma.lowercased()) }
}
