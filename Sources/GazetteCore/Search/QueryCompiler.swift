/// Turns a parsed query into a Xapian query with the same analyzer that built the index.
///
/// A word becomes its index term (the stem); when the index holds several languages, the word is
/// analysed once per language and the distinct terms are searched as synonyms. Phrases and NEAR
/// use term positions; Xapian 1.4 accepts only plain terms inside them, so language variants of a
/// phrase become alternatives, and a phrase inside NEAR is checked both as a phrase and, through
/// its words, for nearness.
///
/// Free text (words side by side, or words joined by OR) drops stop words unless nothing else
/// would be left to search for; see `StopWords` for what keeps them.
struct QueryCompiler {
    let analyzer: Analyzer
    let languages: [String]
    let catalog: ActorCatalog
    var mode: MatchMode
    /// Languages whose stop words are dropped from free text (empty: keep every word).
    let stopWordLanguages: [String]
    /// Caps wildcard expansion (a query asking for more fails with a clear message).
    let wildcardLimit: UInt32 = 1000

    /// Things worth telling the user (unknown actors, dropped words).
    private(set) var notices: [String] = []
    /// Unprefixed terms and wildcard stems to highlight in snippets, and actors to highlight.
    private(set) var highlightTerms = Set<String>()
    private(set) var highlightPrefixes: [String] = []
    private(set) var highlightActors = Set<String>()
    /// A wildcard matching more words than `wildcardLimit`; the searcher turns it into a syntax
    /// error at the wildcard's column, which only it knows.
    struct WildcardTooBroad: Error {
        var stem: String
    }

    init(analyzer: Analyzer, languages: [String], catalog: ActorCatalog, mode: MatchMode, dropStopWords: Bool = true) {
        self.analyzer = analyzer
        self.languages = languages.isEmpty ? [Language.defaultCode] : languages
        self.catalog = catalog
        self.mode = mode
        stopWordLanguages = dropStopWords ? self.languages : []
    }

    /// nil when the node matches nothing searchable (e.g. only punctuation).
    mutating func compile(_ node: QueryNode) throws -> XapianQuery? {
        switch node {
        case .word(let text, let field, let wildcard):
            return wildcard ? try wildcardQuery(text, field: field) : try textQuery(text, field: field)
        case .phrase(let text, let field):
            return try textQuery(text, field: field)
        case .actor(let name, let type):
            return try actorQuery(name, type: type)
        case .date(let text, _):
            return try dateQuery(text)
        case .language(let code):
            return XapianQuery.term(Schema.Prefix.language + Language.normalize(code))
        case .saidBy(_, let column):
            // Top-level said-by conditions are taken out before compiling (`SaidBy.split`).
            throw QuerySyntaxError("said-by: must be a condition of the whole query, not inside OR, NOT, NEAR or brackets", column: column)
        case .and(let parts):
            return try combine(required: parts, optional: [])
        case .or(let parts):
            let compiled = try withoutStopWords(parts).compactMap { try compile($0) }
            return compiled.isEmpty ? nil : try XapianQuery.combine(.or, compiled)
        case .implicit(let parts):
            let kept = withoutStopWords(parts)
            return mode == .all ? try combine(required: kept, optional: []) : try combine(required: [], optional: kept)
        case .not(let inner), .prohibited(let inner):
            guard let excluded = try compile(inner) else { return nil }
            return try XapianQuery.combine(.andNot, [.matchAll, excluded])
        case .required(let inner):
            return try compile(inner)
        case .near(let operands, let distance):
            return try nearQuery(operands, distance: distance)
        }
    }

    /// AND of the required parts, optional parts adding weight (or matching when nothing is
    /// required), minus everything NOT/prohibited.
    private mutating func combine(required: [QueryNode], optional: [QueryNode]) throws -> XapianQuery? {
        var must: [XapianQuery] = []
        var may: [XapianQuery] = []
        var mustNot: [XapianQuery] = []
        for part in required + optional {
            switch part {
            case .not(let inner), .prohibited(let inner):
                if let query = try compile(inner) { mustNot.append(query) }
            case .required(let inner):
                if let query = try compile(inner) { must.append(query) }
            default:
                guard let query = try compile(part) else { continue }
                if optional.isEmpty { must.append(query) } else { may.append(query) }
            }
        }
        var result: XapianQuery?
        if !must.isEmpty { result = must.count == 1 ? must[0] : try XapianQuery.combine(.and, must) }
        if !may.isEmpty {
            let any = may.count == 1 ? may[0] : try XapianQuery.combine(.or, may)
            result = try result.map { try XapianQuery.combine(.andMaybe, [$0, any]) } ?? any
        }
        if !mustNot.isEmpty {
            let excluded = mustNot.count == 1 ? mustNot[0] : try XapianQuery.combine(.or, mustNot)
            result = try XapianQuery.combine(.andNot, [result ?? .matchAll, excluded])
        }
        return result
    }

    // MARK: Stop words

    /// Free-text operands without their stop words, unless no positive operand would remain (a
    /// query of stop words only, or stop words beside excluded words, is searched as written).
    private func withoutStopWords(_ parts: [QueryNode]) -> [QueryNode] {
        guard !stopWordLanguages.isEmpty else { return parts }
        let kept = parts.filter { !isStopWord($0) }
        let positive = kept.contains { part in
            switch part {
            case .not, .prohibited: false
            default: true
            }
        }
        return positive ? kept : parts
    }

    /// How many words `node` searches for once stop words are dropped: a phrase counts once;
    /// excluded words, wildcards, actors and dates do not count. Long queries get feedback.
    func searchedWords(_ node: QueryNode) -> Int {
        switch node {
        case .word(let text, _, let wildcard):
            wildcard || analyzer.queryTokens(text, language: "none").isEmpty ? 0 : 1
        case .phrase:
            1
        case .and(let parts), .near(let parts, _):
            parts.reduce(0) { $0 + searchedWords($1) }
        case .or(let parts), .implicit(let parts):
            withoutStopWords(parts).reduce(0) { $0 + searchedWords($1) }
        case .required(let inner):
            searchedWords(inner)
        case .not, .prohibited, .actor, .date, .language, .saidBy:
            0
        }
    }

    /// A plain word (any field or title, no wildcard) that folds to a stop word.
    private func isStopWord(_ node: QueryNode) -> Bool {
        guard case .word(let text, let field, let wildcard) = node, !wildcard, field == .any || field == .title else {
            return false
        }
        let tokens = analyzer.queryTokens(text, language: "none")
        guard tokens.count == 1, !tokens[0].isAcronym else { return false }
        return StopWords.isStopWord(text, folded: tokens[0].folded, languages: stopWordLanguages)
    }

    // MARK: Words and phrases

    private func prefix(for field: QueryNode.TextField) -> String {
        switch field {
        case .any: ""
        case .title: Schema.Prefix.title
        case .source: Schema.Prefix.source
        case .author: Schema.Prefix.author
        }
    }

    /// The distinct term sequences `text` produces across the index's languages.
    private mutating func termSequences(_ text: String, field: QueryNode.TextField) -> [[String]] {
        let fieldPrefix = prefix(for: field)
        var sequences: [[String]] = []
        // Source and author words are indexed folded and unstemmed.
        let unstemmed = field == .source || field == .author
        for language in unstemmed ? ["none"] : languages {
            let tokens = analyzer.queryTokens(text, language: language)
            let sequence = tokens.map { fieldPrefix + (unstemmed ? $0.folded : $0.term) }
            if !sequence.isEmpty, !sequences.contains(sequence) { sequences.append(sequence) }
            if !unstemmed { for token in tokens { highlightTerms.insert(token.term) } }
        }
        return sequences
    }

    /// A word, or a phrase when the text holds several words (a quoted phrase, "U.S.-led",
    /// "北京大学" which ICU splits in two).
    private mutating func textQuery(_ text: String, field: QueryNode.TextField) throws -> XapianQuery? {
        let sequences = termSequences(text, field: field)
        guard !sequences.isEmpty else {
            notices.append("\"\(text)\" has no searchable words and was ignored")
            return nil
        }
        if sequences.allSatisfy({ $0.count == 1 }) {
            let terms = sequences.map { XapianQuery.term($0[0]) }
            return terms.count == 1 ? terms[0] : try XapianQuery.combine(.synonym, terms)
        }
        let phrases = try sequences.map { sequence in
            try XapianQuery.combine(.phrase, sequence.enumerated().map { XapianQuery.term($1, position: UInt32($0 + 1)) })
        }
        return phrases.count == 1 ? phrases[0] : try XapianQuery.combine(.or, phrases)
    }

    private mutating func wildcardQuery(_ text: String, field: QueryNode.TextField) throws -> XapianQuery? {
        let tokens = analyzer.queryTokens(text, language: "none")
        guard tokens.count == 1, let folded = tokens.first?.folded else {
            throw QuerySyntaxError("a wildcard applies to one word; \"\(text)*\" has \(tokens.count)", column: 1)
        }
        highlightPrefixes.append(folded)
        // Expanded here over the combined term list rather than by Xapian, which expands per
        // shard with per-shard statistics: a sharded index would then rank differently.
        let stem = prefix(for: field) + folded
        var terms: [XapianQuery] = []
        let matching = try catalog.database.terms(withPrefix: stem)
        for item in matching {
            // Field prefixes are capitals, words are folded: "S" + "peace" must not take "SPEC...".
            terms.append(XapianQuery.term(item.term))
            if terms.count > wildcardLimit {
                throw WildcardTooBroad(stem: text)
            }
        }
        try matching.checkCompleted()
        guard !terms.isEmpty else { return .matchNothing }
        // OP_SYNONYM (the expansions weigh as one word), not OP_MAX: Xapian 1.4.22's OP_MAX over
        // several shards crashes the second search on the same database handle.
        return terms.count == 1 ? terms[0] : try XapianQuery.combine(.synonym, terms)
    }

    // MARK: Actors, dates, NEAR

    private mutating func actorQuery(_ name: String, type: ActorType?) throws -> XapianQuery {
        let actors = try catalog.resolve(name, type: type)
        guard !actors.isEmpty else {
            notices.append("no \(type?.rawValue ?? "actor") named \"\(name)\" in this index")
            return .matchNothing
        }
        for actor in actors { catalog.terms(of: actor).forEach { highlightActors.insert(String($0.dropFirst(Schema.Prefix.actor.count))) } }
        let terms = actors.flatMap(catalog.terms(of:)).map { XapianQuery.term($0) }
        return terms.count == 1 ? terms[0] : try XapianQuery.combine(.or, terms)
    }

    private func dateQuery(_ text: String) throws -> XapianQuery {
        switch DateSpec.bounds(text) {
        case .success(let bounds):
            return try XapianQuery.valueRange(slot: Schema.Slot.date, from: bounds.low?.sortKey, to: bounds.high?.sortKey)
        case .failure(let error):
            throw QuerySyntaxError("date:\(text): \(error.reason)", column: 1)
        }
    }

    /// Builds a date filter for --since / --until.
    static func dateFilter(since: String?, until: String?) throws(QuerySyntaxError) -> XapianQuery? {
        guard since != nil || until != nil else { return nil }
        var low: String?
        var high: String?
        if let since {
            switch DateParser.bounds(since) {
            case .success(let bounds): low = bounds.low.sortKey
            case .failure(let error): throw QuerySyntaxError("--since \(since): \(error.reason)", column: 1)
            }
        }
        if let until {
            switch DateParser.bounds(until) {
            case .success(let bounds): high = bounds.high.sortKey
            case .failure(let error): throw QuerySyntaxError("--until \(until): \(error.reason)", column: 1)
            }
        }
        do {
            return try XapianQuery.valueRange(slot: Schema.Slot.date, from: low, to: high)
        } catch {
            throw QuerySyntaxError(error.message, column: 1)
        }
    }

    /// NEAR over words, phrases and actors: all their terms within the window, and each phrase
    /// also matching as a phrase.
    private mutating func nearQuery(_ operands: [QueryNode], distance: Int) throws -> XapianQuery? {
        var alternatives: [[XapianQuery]] = [[]]
        var phrases: [XapianQuery] = []
        var termCount = 0
        for operand in operands {
            switch operand {
            case .word(let text, let field, _), .phrase(let text, let field):
                let sequences = termSequences(text, field: field)
                guard !sequences.isEmpty else { continue }
                // Language variants multiply the alternatives; in practice there are one or two.
                alternatives = alternatives.flatMap { partial in sequences.map { partial + $0.map { XapianQuery.term($0) } } }
                termCount += sequences[0].count
                if sequences[0].count > 1, let phrase = try compile(operand) { phrases.append(phrase) }
            case .actor(let name, let type):
                let actors = try catalog.resolve(name, type: type)
                guard !actors.isEmpty else {
                    notices.append("no \(type?.rawValue ?? "actor") named \"\(name)\" in this index")
                    return .matchNothing
                }
                for actor in actors { catalog.terms(of: actor).forEach { highlightActors.insert(String($0.dropFirst(Schema.Prefix.actor.count))) } }
                let terms = actors.flatMap(catalog.terms(of:))
                alternatives = alternatives.flatMap { partial in terms.map { partial + [XapianQuery.term($0)] } }
                termCount += 1
            default:
                continue
            }
        }
        guard termCount > 1 else { return nil }
        let window = UInt32(distance + termCount)
        let nears = try alternatives.prefix(16).map { try XapianQuery.combine(.near, $0, window: window) }
        let near = nears.count == 1 ? nears[0] : try XapianQuery.combine(.or, Array(nears))
        return phrases.isEmpty ? near : try XapianQuery.combine(.and, [near] + phrases)
    }
}
