/// Random queries from a grammar that mixes the query language's valid forms with broken ones:
/// words (several scripts), phrases (closed, unclosed, curly quotes), operators in and out of
/// place, parentheses (balanced, unbalanced, deep), fields with good and bad values, NEAR/n with
/// good and bad n, wildcards, dates, and raw garbage characters. Seeded, so a failure can be
/// replayed from its seed.
struct RandomQueryGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// SplitMix64: small, fast, and the same on every platform.
    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    private mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    private mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    static let words = [
        "ceasefire", "talks", "security", "guarantees", "Zelensky", "Kyiv", "Putin", "NATO", "grain", "insurance",
        "reconstruction", "energy", "U.S.", "U.S.-led", "Russia's", "Russia’s", "don't", "2025", "14", "3.5", "155,221",
        "гарантії", "Україна", "日本", "北京大学", "Zürich", "Kraków", "naïve", "ÉCOLE", "straße", "ﬁnance", "the", "and",
        "or", "not", "near", "a", "x", "🙂", "e\u{301}", "مرحبا", "שלום", "ペンギン", "x1b2", "COVID-19", "e-mail",
    ]
    static let fields = ["title", "source", "author", "actor", "person", "org", "place", "date", "lang", "language", "TITLE", "url", "foo"]
    static let dates = [
        "2025", "2025-12", "2025-12-14", "2025-12..2026-01", "..2025", "2025..", "2025-12-14T09:30:00Z", "Dec 2025",
        "2025-13", "0000", "99999", "2025-02-30", "2024-02-29", "2025..2024", "..", "abc", "1999-01-01..", "-2025",
    ]
    static let operators = ["AND", "OR", "NOT", "NEAR", "&&", "||", "+", "-", "AND NOT", "OR OR", "NEAR/"]
    static let garbage: [Character] = [
        "(", ")", "\"", "“", "”", "„", "«", "»", ":", "*", "+", "-", "/", "\\", "&", "|", "!", "?", "'", "’", ".", ",", ";",
        "\u{0}", "\u{7}", "\t", "\n", "\u{200B}", "\u{FEFF}", "\u{202E}", "\u{301}", "\u{FFFD}", "🏳️‍🌈", "👩‍👩‍👧", "\u{10FFFF}", " ",
    ]

    mutating func query() -> String {
        switch below(100) {
        case 0..<2: return String(repeating: "(", count: 1 + below(150)) + pick(Self.words) + String(repeating: ")", count: below(150))
        case 2..<4: return (0..<(1 + below(400))).map { _ in pick(Self.operators) }.joined(separator: " ")
        case 4..<6: return String((0..<(1 + below(60))).map { _ in pick(Self.garbage) })
        case 6..<7: return String(repeating: pick(Self.words) + " ", count: 1 + below(1200)) // over the length limit at times
        default: return expression(depth: 0)
        }
    }

    private mutating func expression(depth: Int) -> String {
        var parts = [term(depth: depth)]
        for _ in 0..<below(5) {
            if chance(40) { parts.append(pick(Self.operators)) }
            parts.append(term(depth: depth))
        }
        if chance(5) { parts.append(pick(Self.operators)) } // dangling operator
        return parts.joined(separator: chance(90) ? " " : "")
    }

    private mutating func term(depth: Int) -> String {
        switch below(100) {
        case 0..<35: return pick(Self.words)
        case 35..<45: return phrase()
        case 45..<58: return pick(Self.fields) + ":" + fieldValue(depth: depth)
        case 58..<66 where depth < 6: return "(" + expression(depth: depth + 1) + (chance(90) ? ")" : "")
        case 66..<72: return (chance(50) ? "NOT " : pick(["+", "-"])) + term(depth: depth + 1)
        case 72..<80: return near()
        case 80..<88: return wildcard()
        case 88..<94: return "date:" + pick(Self.dates)
        default: return String((0..<(1 + below(4))).map { _ in pick(Self.garbage) })
        }
    }

    private mutating func phrase() -> String {
        let quotes: [(String, String)] = [("\"", "\""), ("“", "”"), ("„", "“"), ("«", "»"), ("\"", "")]
        let (open, close) = pick(quotes)
        let words = (0..<below(5)).map { _ in pick(Self.words) }.joined(separator: " ")
        return open + words + close
    }

    private mutating func fieldValue(depth: Int) -> String {
        switch below(6) {
        case 0: return pick(Self.words)
        case 1: return phrase()
        case 2: return "(" + (0..<(1 + below(3))).map { _ in pick(Self.words) }.joined(separator: " ") + ")"
        case 3: return pick(Self.dates)
        case 4: return ""
        default: return wildcard()
        }
    }

    private mutating func near() -> String {
        let distance = pick(["", "/0", "/1", "/5", "/10", "/50", "/1000", "/-1", "/x", "/", "/99999999999999999999"])
        let left = chance(80) ? pick(Self.words) : phrase()
        let right = chance(70) ? pick(Self.words) : (chance(50) ? phrase() : "actor:" + pick(Self.words))
        return "\(left) NEAR\(distance) \(right)"
    }

    private mutating func wildcard() -> String {
        let word = pick(Self.words)
        switch below(5) {
        case 0: return String(word.prefix(1)) + "*"
        case 1: return "*"
        case 2: return String(word.prefix(2)) + "*" + (chance(50) ? "x" : "*")
        default: return String(word.prefix(2 + below(4))) + "*"
        }
    }
}
