/// Finds people, organisations and places in analysed text and resolves them to canonical actors.
///
/// Rules, in order of confidence: gazetteer aliases (longest match), a person title followed by a
/// capitalised name ("President Volodymyr Zelensky"), a known given name followed by capitalised
/// words, capitalised runs ending in an organisation word ("Standard Oil Co"), and finally bare
/// surnames linked to a full name seen in the same article (or to a unique gazetteer person).
/// Headings and all-capital lines only take gazetteer matches, so "Talks With U.S. Envoys"
/// yields the United States and nothing else. The extractor keeps no state between calls.
public struct ActorExtractor: Sendable {
    public let gazetteer: Gazetteer

    public init(gazetteer: Gazetteer = .builtIn) { self.gazetteer = gazetteer }

    public func extract(text: String, analyzed: AnalyzedText) -> [Mention] {
        var text = text
        return text.withUTF8 { extract(bytes: $0, analyzed: analyzed) }
    }

    public func extract(bytes: UnsafeBufferPointer<UInt8>, analyzed: AnalyzedText) -> [Mention] {
        let context = TokenContext(bytes: bytes, tokens: analyzed.tokens)
        var spans: [Span] = []
        var sentenceStart = 0
        while sentenceStart < context.tokens.count {
            var sentenceEnd = sentenceStart + 1
            while sentenceEnd < context.tokens.count, context.tokens[sentenceEnd].sentence == context.tokens[sentenceStart].sentence {
                sentenceEnd += 1
            }
            let range = sentenceStart..<sentenceEnd
            let heading = context.isHeading(range)
            var found = gazetteerSpans(range, context, heading: heading)
            if !heading {
                found += titledPersonSpans(range, context)
                found += givenNamePersonSpans(range, context)
                found += organisationSpans(range, context)
            }
            spans += resolveOverlaps(found)
            sentenceStart = sentenceEnd
        }
        spans = linkSurnames(spans, context)
        return spans.sorted { $0.first < $1.first }.map { makeMention($0, context) }
    }

    // MARK: Spans

    /// A candidate mention over tokens first..<first+count.
    struct Span {
        enum Source: Int { case gazetteer = 0, titled, givenName, organisation, surname }
        var first: Int
        var count: Int
        var kind: Mention.Kind
        var actor: ActorRef?
        var source: Source
        var end: Int { first + count }
    }

    private func gazetteerSpans(_ range: Range<Int>, _ context: TokenContext, heading: Bool) -> [Span] {
        var spans: [Span] = []
        var index = range.lowerBound
        while index < range.upperBound {
            var matched = false
            if let candidates = gazetteer.aliasesByFirstToken[context.tokens[index].folded] {
                for alias in candidates where index + alias.tokens.count <= range.upperBound {
                    guard context.matches(alias, at: index) else { continue }
                    let entry = gazetteer.entries[alias.entry]
                    // Outside headings a name must be written with a capital ("Turkey", not "turkey").
                    if !heading, alias.exactCase == nil, !context.isCapitalized(index), !context.isAcronym(index) { continue }
                    let kind: Mention.Kind = alias.isDemonym ? .other : Mention.Kind(entry.actor.type)
                    spans.append(Span(first: index, count: alias.tokens.count, kind: kind, actor: entry.actor, source: .gazetteer))
                    index += alias.tokens.count
                    matched = true
                    break
                }
            }
            if !matched { index += 1 }
        }
        return spans
    }

    private func titledPersonSpans(_ range: Range<Int>, _ context: TokenContext) -> [Span] {
        var spans: [Span] = []
        var index = range.lowerBound
        while index < range.upperBound {
            let candidates = gazetteer.personTitlesByFirstToken[context.tokens[index].folded] ?? []
            guard let title = candidates.first(where: { context.matchesWords($0, at: index, limit: range.upperBound) }) else {
                index += 1
                continue
            }
            let nameStart = index + title.count
            let length = context.nameLength(from: nameStart, limit: range.upperBound, gazetteer: gazetteer)
            if length > 0 {
                spans.append(Span(first: nameStart, count: length, kind: .person, actor: nil, source: .titled))
                index = nameStart + length
            } else {
                index += title.count
            }
        }
        return spans
    }

    private func givenNamePersonSpans(_ range: Range<Int>, _ context: TokenContext) -> [Span] {
        var spans: [Span] = []
        var index = range.lowerBound
        while index < range.upperBound {
            let token = context.tokens[index]
            let isGivenName = gazetteer.givenNames.contains(token.folded) && !gazetteer.ambiguousGivenNames.contains(token.folded)
            if isGivenName, context.isCapitalized(index), !context.isAllCaps(index),
                !(index == range.lowerBound && gazetteer.nonEntities.contains(token.folded))
            {
                let rest = context.nameLength(from: index + 1, limit: range.upperBound, gazetteer: gazetteer)
                if rest > 0, context.adjacent(index, index + 1) {
                    spans.append(Span(first: index, count: rest + 1, kind: .person, actor: nil, source: .givenName))
                    index += rest + 1
                    continue
                }
            }
            index += 1
        }
        return spans
    }

    private static let organisationEnds: Set<String> = [
        "inc", "corp", "co", "ltd", "llc", "plc", "ag", "sa", "nv", "gmbh", "bv", "spa", "bank", "party", "council",
        "ministry", "agency", "commission", "committee", "university", "group", "association", "union", "organization",
        "organisation", "institute", "fund", "federation", "authority", "company", "airlines", "airways", "corporation",
        "holdings", "parliament", "court", "office", "department", "army", "navy", "forces", "police", "service",
        "foundation", "trust", "board", "exchange", "industries", "motors", "bancshares", "bancorp", "securities",
        "partners", "assembly", "congress", "cabinet", "guard", "brigade", "battalion", "club", "league", "society",
        "times", "post", "journal", "herald", "news", "press", "television", "radio", "systems", "technologies",
    ]

    private static let nameConnectors: Set<String> = ["of", "for", "and", "&", "the", "de", "du", "des", "la", "le", "di", "del"]

    private func organisationSpans(_ range: Range<Int>, _ context: TokenContext) -> [Span] {
        var spans: [Span] = []
        var index = range.lowerBound
        while index < range.upperBound {
            guard context.isCapitalized(index) else {
                index += 1
                continue
            }
            // The longest capitalised run (with connectors inside) starting here.
            var end = index + 1
            var lastCapital = index
            while end < range.upperBound, context.adjacent(end - 1, end) {
                if context.isCapitalized(end) {
                    lastCapital = end
                } else if !Self.nameConnectors.contains(context.tokens[end].folded) {
                    break
                }
                end += 1
            }
            var start = index
            if start == range.lowerBound, gazetteer.nonEntities.contains(context.tokens[start].folded), lastCapital > start {
                start += 1
            }
            var found: Span?
            // The run ends at its first organisation word ("Standard Oil Co", "Workers Union")...
            if let last = (start...lastCapital).first(where: { Self.organisationEnds.contains(context.tokens[$0].folded) }) {
                var end = last
                // ...extended by "of Capitalised words" ("Ministry of Energy", "Bank of Japan").
                if end + 2 <= lastCapital, context.tokens[end + 1].folded == "of", context.isCapitalized(end + 2) {
                    end += 2
                    while end + 1 <= lastCapital, context.isCapitalized(end + 1) { end += 1 }
                }
                // A lone generic word ("Ministry", "Party") is not a name.
                if end > start {
                    found = Span(first: start, count: end - start + 1, kind: .org, actor: nil, source: .organisation)
                }
            }
            if let found {
                spans.append(found)
                index = found.end
            } else {
                index = max(index + 1, lastCapital + 1)
            }
        }
        return spans
    }

    /// Keeps the longer of overlapping spans (gazetteer first on ties).
    private func resolveOverlaps(_ spans: [Span]) -> [Span] {
        let ordered = spans.sorted { a, b in
            a.count != b.count ? a.count > b.count : a.source.rawValue < b.source.rawValue
        }
        var taken: [Span] = []
        for span in ordered where !taken.contains(where: { $0.first < span.end && span.first < $0.end }) {
            taken.append(span)
        }
        return taken
    }

    /// Resolves people: full names become actors; bare surnames (and titled single names) link to
    /// a full name in the article, else to the one gazetteer person with that surname.
    private func linkSurnames(_ spans: [Span], _ context: TokenContext) -> [Span] {
        var spans = spans
        var bySurname: [String: ActorRef] = [:]
        var ambiguous = Set<String>()
        for index in spans.indices where spans[index].kind == .person && spans[index].count >= 2 {
            if spans[index].actor == nil {
                let name = context.surface(spans[index])
                spans[index].actor = ActorRef(id: ActorRef.makeID(type: .person, name: name), name: displayName(name), type: .person)
            }
            guard let actor = spans[index].actor else { continue }
            let surname = context.tokens[spans[index].end - 1].folded
            if let existing = bySurname[surname], existing.id != actor.id { ambiguous.insert(surname) }
            bySurname[surname] = actor
        }
        func resolveSingle(_ folded: String, surface: String) -> ActorRef? {
            if !ambiguous.contains(folded), let actor = bySurname[folded] { return actor }
            let people = gazetteer.people(withSurname: folded)
            if people.count == 1 { return people[0].actor }
            return nil
        }
        for index in spans.indices where spans[index].kind == .person && spans[index].actor == nil {
            let surface = context.surface(spans[index])
            spans[index].actor = resolveSingle(context.tokens[spans[index].first].folded, surface: surface)
                ?? ActorRef(id: ActorRef.makeID(type: .person, name: surface), name: displayName(surface), type: .person)
        }
        var covered = [Bool](repeating: false, count: context.tokens.count)
        for span in spans { for index in span.first..<span.end { covered[index] = true } }
        for index in context.tokens.indices where !covered[index] && context.isCapitalized(index) {
            let folded = context.tokens[index].folded
            guard context.tokens[index].kind == .letter, folded.count >= 3, !gazetteer.nonEntities.contains(folded) else { continue }
            let known = !ambiguous.contains(folded) ? bySurname[folded] : nil
            let famous = gazetteer.people(withSurname: folded)
            if let actor = known ?? (famous.count == 1 && !gazetteer.givenNames.contains(folded) ? famous[0].actor : nil) {
                spans.append(Span(first: index, count: 1, kind: .person, actor: actor, source: .surname))
            }
        }
        for index in spans.indices where spans[index].actor == nil && spans[index].kind == .org {
            let surface = context.surface(spans[index])
            spans[index].actor = ActorRef(id: ActorRef.makeID(type: .org, name: surface), name: surface, type: .org)
        }
        return spans
    }

    /// "ZELENSKY" -> "Zelensky"; mixed-case names stay as written.
    private func displayName(_ surface: String) -> String {
        guard surface == surface.uppercased(), surface != surface.lowercased() else { return surface }
        return surface.split(separator: " ").map { $0.prefix(1) + $0.dropFirst().lowercased() }.joined(separator: " ")
    }

    private func makeMention(_ span: Span, _ context: TokenContext) -> Mention {
        let start = context.tokens[span.first].start
        let end = context.tokens[span.end - 1].end
        return Mention(
            start: start, end: end, text: context.text(start, end), kind: span.kind, actor: span.actor,
            firstToken: span.first, tokenCount: span.count)
    }
}

extension Mention.Kind {
    init(_ type: ActorType) {
        switch type {
        case .person: self = .person
        case .org: self = .org
        case .place: self = .place
        }
    }
}

/// Token shapes and neighbourhood questions over one analysed text.
struct TokenContext {
    let bytes: UnsafeBufferPointer<UInt8>
    let tokens: [Token]

    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    func surface(_ span: ActorExtractor.Span) -> String {
        text(tokens[span.first].start, tokens[span.end - 1].end)
    }

    func firstScalar(_ index: Int) -> Unicode.Scalar? {
        let token = tokens[index]
        let byte = bytes[token.start]
        if byte < 0x80 { return Unicode.Scalar(byte) }
        return text(token.start, min(token.end, token.start + 4)).unicodeScalars.first
    }

    func isCapitalized(_ index: Int) -> Bool {
        let byte = bytes[tokens[index].start]
        if byte < 0x80 { return byte >= 0x41 && byte <= 0x5A }
        guard let scalar = firstScalar(index) else { return false }
        return scalar.properties.isUppercase
    }

    func isAllCaps(_ index: Int) -> Bool {
        let token = tokens[index]
        var letters = 0
        var ascii = true
        for offset in token.start..<token.end {
            let byte = bytes[offset]
            if byte >= 0x80 {
                ascii = false
                break
            }
            if byte >= 0x61 && byte <= 0x7A { return false }
            if byte >= 0x41 && byte <= 0x5A { letters += 1 }
        }
        if ascii { return letters >= 2 }
        letters = 0
        for scalar in text(token.start, token.end).unicodeScalars where scalar.properties.isAlphabetic {
            if !scalar.properties.isUppercase { return false }
            letters += 1
        }
        return letters >= 2
    }

    func isAcronym(_ index: Int) -> Bool { tokens[index].isAcronym }

    /// Two tokens are adjacent when only spaces or a hyphen separate them (no comma, no period).
    func adjacent(_ a: Int, _ b: Int) -> Bool {
        guard b < tokens.count, tokens[a].sentence == tokens[b].sentence else { return false }
        let gap = tokens[a].end..<tokens[b].start
        if gap.count > 3 { return false }
        return gap.allSatisfy { bytes[$0] == 0x20 || bytes[$0] == UInt8(ascii: "-") }
    }

    func matches(_ alias: Gazetteer.Alias, at index: Int) -> Bool {
        for offset in 0..<alias.tokens.count {
            let position = index + offset
            guard position < tokens.count, tokens[position].folded == alias.tokens[offset] else { return false }
            if offset > 0, tokens[position].sentence != tokens[index].sentence { return false }
        }
        if let exact = alias.exactCase {
            return text(tokens[index].start, tokens[index + alias.tokens.count - 1].end) == exact
        }
        return true
    }

    func matchesWords(_ words: [String], at index: Int, limit: Int) -> Bool {
        guard index + words.count <= limit else { return false }
        for offset in 0..<words.count where tokens[index + offset].folded != words[offset] { return false }
        return true
    }

    /// Length of a personal name starting at `start`: capitalised words, initials ("A."), inner
    /// particles ("de", "van", "bin"); at most four words.
    func nameLength(from start: Int, limit: Int, gazetteer: Gazetteer) -> Int {
        guard start < limit, isCapitalized(start), tokens[start].kind == .letter, !isAcronym(start),
            !gazetteer.nonEntities.contains(tokens[start].folded)
        else { return 0 }
        var length = 1
        var index = start + 1
        while index < limit, length < 4, adjacent(index - 1, index) {
            let folded = tokens[index].folded
            if isCapitalized(index), tokens[index].kind == .letter, !gazetteer.nonEntities.contains(folded) {
                length = index - start + 1
            } else if !Self.particles.contains(folded) {
                break
            }
            index += 1
        }
        return length
    }

    static let particles: Set<String> = ["de", "da", "di", "du", "van", "von", "der", "den", "la", "le", "bin", "ibn", "al", "el", "y", "dos", "das"]

    /// A heading or an all-capital line: short, mostly capitalised, not ending like a sentence.
    func isHeading(_ range: Range<Int>) -> Bool {
        let letterTokens = range.filter { tokens[$0].kind == .letter }
        guard !letterTokens.isEmpty else { return false }
        let allCaps = letterTokens.filter { isAllCaps($0) || (tokens[$0].end - tokens[$0].start == 1 && isCapitalized($0)) }.count
        if allCaps * 10 >= letterTokens.count * 8 && letterTokens.count >= 2 { return true }
        guard letterTokens.count >= 2, letterTokens.count <= 14 else { return false }
        let capitalized = letterTokens.filter { isCapitalized($0) || ActorExtractor.minorWords.contains(tokens[$0].folded) }.count
        guard capitalized * 10 >= letterTokens.count * 9 else { return false }
        // A heading has no sentence-final punctuation after its last word.
        var offset = tokens[range.upperBound - 1].end
        while offset < bytes.count, bytes[offset] == 0x20 || bytes[offset] == UInt8(ascii: "\"") { offset += 1 }
        return offset >= bytes.count || !(bytes[offset] == UInt8(ascii: ".") || bytes[offset] == UInt8(ascii: "!"))
    }
}

extension ActorExtractor {
    /// Words headline style leaves in lower case.
    static let minorWords: Set<String> = ["a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "with", "by", "as", "from", "vs"]
}
