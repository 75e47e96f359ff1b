/// Finds people, organisations and places in analysed text and resolves them to canonical actors.
///
/// Where the language has a trained tagger (English), the tagger decides which words are names and
/// of what type; the gazetteer then gives canonical actors (countries with their capitals and
/// demonyms, organisations with acronyms, known people with spelling variants), adds the aliases the
/// tagger missed, and surnames link to the full name used in the same text ("Zelensky" ->
/// "Volodymyr Zelensky"). Other languages use gazetteer matches plus capitalisation rules.
/// Title-case headings only keep names the gazetteer knows, so "Talks With U.S. Envoys" yields
/// the United States and nothing else. The extractor keeps no state between calls.
public struct ActorExtractor: Sendable {
    public let gazetteer: Gazetteer
    /// Use the trained tagger for languages that have one (false: gazetteer and rules only).
    public let usesTagger: Bool

    public init(gazetteer: Gazetteer = .builtIn, usesTagger: Bool = true) {
        self.gazetteer = gazetteer
        self.usesTagger = usesTagger
    }

    public func extract(text: String, analyzed: AnalyzedText, language: String = Language.defaultCode) -> [Mention] {
        var text = text
        return text.withUTF8 { extract(bytes: $0, analyzed: analyzed, language: language) }
    }

    public func extract(bytes: UnsafeBufferPointer<UInt8>, analyzed: AnalyzedText, language: String = Language.defaultCode) -> [Mention] {
        let context = TokenContext(bytes: bytes, tokens: analyzed.tokens)
        guard !context.tokens.isEmpty else { return [] }
        let spans: [Span]
        if usesTagger, let tagger = EntityTagger.builtIn(language: language) {
            spans = taggedSpans(context, tagger)
        } else {
            spans = ruleSpans(context)
        }
        return resolve(spans, context).sorted { $0.first < $1.first }.map { makeMention($0, context) }
    }

    // MARK: Spans

    /// A candidate mention over tokens first..<first+count.
    struct Span {
        enum Source: Int { case gazetteer = 0, tagger, titled, givenName, organisation, surname }
        var first: Int
        var count: Int
        var kind: Mention.Kind
        var actor: ActorRef?
        var source: Source
        var end: Int { first + count }

        func overlaps(_ other: Span) -> Bool { first < other.end && other.first < end }
    }

    /// Gazetteer matches and rules, sentence by sentence (languages without a tagger model).
    private func ruleSpans(_ context: TokenContext) -> [Span] {
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
        return spans
    }

    /// Longest gazetteer aliases from left to right. `mayStart` skips words no alias starts with
    /// (the tagger's lexicon flags already know them).
    func gazetteerSpans(_ range: Range<Int>, _ context: TokenContext, heading: Bool, mayStart: (Int) -> Bool = { _ in true }) -> [Span] {
        var spans: [Span] = []
        var index = range.lowerBound
        while index < range.upperBound {
            guard mayStart(index) else {
                index += 1
                continue
            }
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

    /// Keeps the longer of overlapping spans (gazetteer first on ties).
    private func resolveOverlaps(_ spans: [Span]) -> [Span] {
        let ordered = spans.sorted { a, b in
            a.count != b.count ? a.count > b.count : a.source.rawValue < b.source.rawValue
        }
        var taken: [Span] = []
        for span in ordered where !taken.contains(where: { $0.overlaps(span) }) {
            taken.append(span)
        }
        return taken
    }

    /// "ZELENSKY" -> "Zelensky"; mixed-case names stay as written.
    func displayName(_ surface: String) -> String {
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

