/// What the gazetteer says about a token, as bits the tagger turns into features: whether it
/// begins, continues, ends or is a whole place / organisation / person alias, a demonym, a given
/// name, part of a person title or right after one, a word organisation names end with.
struct LexiconFlags: OptionSet, Sendable {
    let rawValue: UInt32

    static func alias(_ type: ActorType, _ part: EntityTag.Part) -> LexiconFlags {
        let base: UInt32 = switch type {
        case .place: 0
        case .org: 4
        case .person: 8
        }
        return LexiconFlags(rawValue: 1 << (base + UInt32(part.rawValue)))
    }

    static let demonym = LexiconFlags(rawValue: 1 << 12)
    static let givenName = LexiconFlags(rawValue: 1 << 13)
    static let ambiguousGivenName = LexiconFlags(rawValue: 1 << 14)
    static let personTitle = LexiconFlags(rawValue: 1 << 15)
    static let afterPersonTitle = LexiconFlags(rawValue: 1 << 16)
    static let organisationWord = LexiconFlags(rawValue: 1 << 17)
    static let nonEntity = LexiconFlags(rawValue: 1 << 18)
    static let nameParticle = LexiconFlags(rawValue: 1 << 19)
    /// The alias matched with the capitalisation the gazetteer requires ("US", not "us").
    static let exactCaseAlias = LexiconFlags(rawValue: 1 << 20)
    static let knownSurname = LexiconFlags(rawValue: 1 << 21)

    static let bitCount = 22
}

extension Gazetteer {
    /// Lexicon flags of every token of one sentence (longest alias match from left to right;
    /// matching is case-insensitive, capitalisation is the tagger's business).
    func lexiconFlags(_ context: TokenContext, _ range: Range<Int>, into flags: inout [LexiconFlags]) {
        let tokens = context.tokens
        // One table lookup per word; titles and aliases are only tried where one may start.
        var startsTitle = [Bool](repeating: false, count: range.count)
        var startsAlias = [Bool](repeating: false, count: range.count)
        for index in range {
            guard let facts = wordFacts[tokens[index].folded] else { continue }
            flags[index].formUnion(facts.flags)
            startsTitle[index - range.lowerBound] = facts.startsTitle
            startsAlias[index - range.lowerBound] = facts.startsAlias
        }
        var index = range.lowerBound
        while index < range.upperBound {
            guard startsTitle[index - range.lowerBound], let title = personTitlesByFirstToken[tokens[index].folded]?.first(where: {
                Self.matches($0, tokens, at: index, limit: range.upperBound)
            }) else {
                index += 1
                continue
            }
            for offset in 0..<title.count { flags[index + offset].insert(.personTitle) }
            if index + title.count < range.upperBound { flags[index + title.count].insert(.afterPersonTitle) }
            index += title.count
        }
        index = range.lowerBound
        while index < range.upperBound {
            var length = 1
            if startsAlias[index - range.lowerBound], let candidates = aliasesByFirstToken[tokens[index].folded] {
                for alias in candidates where Self.matches(alias.tokens, tokens, at: index, limit: range.upperBound) {
                    let type = entries[alias.entry].actor.type
                    let count = alias.tokens.count
                    if alias.isDemonym {
                        for offset in 0..<count { flags[index + offset].insert(.demonym) }
                    } else if count == 1 {
                        flags[index].insert(.alias(type, .unit))
                    } else {
                        flags[index].insert(.alias(type, .begin))
                        for offset in 1..<count - 1 { flags[index + offset].insert(.alias(type, .inside)) }
                        flags[index + count - 1].insert(.alias(type, .last))
                    }
                    if let exact = alias.exactCase, context.text(tokens[index].start, tokens[index + count - 1].end) == exact {
                        flags[index].insert(.exactCaseAlias)
                    }
                    length = count
                    break
                }
            }
            index += length
        }
    }

    static func matches(_ words: [String], _ tokens: [Token], at index: Int, limit: Int) -> Bool {
        guard index + words.count <= limit else { return false }
        for offset in 0..<words.count where tokens[index + offset].folded != words[offset] { return false }
        return true
    }
}

/// Words organisation names end with ("Standard Oil Co", "Bank", "Ministry", "Party").
enum OrganisationWords {
    static let endings: Set<String> = [
        "inc", "corp", "co", "ltd", "llc", "plc", "ag", "sa", "nv", "gmbh", "bv", "spa", "bank", "party", "council",
        "ministry", "agency", "commission", "committee", "university", "group", "association", "union", "organization",
        "organisation", "institute", "fund", "federation", "authority", "company", "airlines", "airways", "corporation",
        "holdings", "parliament", "court", "office", "department", "army", "navy", "forces", "police", "service",
        "foundation", "trust", "board", "exchange", "industries", "motors", "bancshares", "bancorp", "securities",
        "partners", "assembly", "congress", "cabinet", "guard", "brigade", "battalion", "club", "league", "society",
        "times", "post", "journal", "herald", "news", "press", "television", "radio", "systems", "technologies",
    ]
}
