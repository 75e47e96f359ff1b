/// How hits are ordered by relevance. The standard ranking was chosen on two test collections
/// with human judgments (Cranfield, CISI; README "Relevance", `bench/relevance.sh`): each choice
/// is there because it helped on both, with one setting for both.
public struct Ranking: Sendable, Equatable {
    public typealias Weighting = SearchOptions.Weighting
    public typealias Expansion = SearchOptions.Expansion

    /// When pseudo-relevance feedback (query expansion from the top hits) runs.
    public enum Feedback: Sendable, Equatable {
        case off
        /// For queries that search at least this many words once stop words are dropped: questions
        /// and descriptions, where the words of relevant articles differ most from the query's.
        /// Keyword searches stay as fast and as literal as before.
        case longQueries(minimumWords: Int)
        case always
    }

    public var weighting: Weighting
    /// Drop stop words from free-text queries (see `StopWords`).
    public var dropsStopWords: Bool
    /// Among hits of equal weight (reprinted wire stories), the newest first. Off by default: it
    /// cannot be measured on the test collections (undated) and Xapian's relevance-then-value order
    /// costs about half again the in-process time of a keyword query.
    public var newestFirstOnTies: Bool
    public var feedback: Feedback
    public var expansion: Expansion

    public init(
        weighting: Weighting, dropsStopWords: Bool, newestFirstOnTies: Bool, feedback: Feedback,
        expansion: Expansion = Ranking.standardExpansion
    ) {
        self.weighting = weighting
        self.dropsStopWords = dropsStopWords
        self.newestFirstOnTies = newestFirstOnTies
        self.feedback = feedback
        self.expansion = expansion
    }

    /// IneB2 (divergence from randomness) with c = 0.5 beat BM25 at every setting tried on both
    /// collections, and c = 0.5 was the best value on each of them separately. Queries of five
    /// or more words (the usual boundary of a "long" query in query-log studies) get feedback.
    public static let standard = Ranking(
        weighting: .ineB2(c: 0.5), dropsStopWords: true, newestFirstOnTies: false, feedback: .longQueries(minimumWords: 5))

    /// Gazette's first ranking: Xapian's BM25 defaults, every query word kept, no feedback.
    public static let classic = Ranking(
        weighting: .bm25(k1: 1, b: 0.5), dropsStopWords: false, newestFirstOnTies: false, feedback: .off)

    /// Ten top hits, ten expansion terms at half weight (the common 10/10 with a damped weight,
    /// which held up on both collections).
    public static let standardExpansion = Expansion(documents: 10, terms: 10, weight: 0.5)

    /// The expansion to run for a query that searches `words` words, if any.
    public func expansion(forQueryOf words: Int) -> Expansion? {
        switch feedback {
        case .off: nil
        case .always: words > 0 ? expansion : nil
        case .longQueries(let minimum): words >= minimum ? expansion : nil
        }
    }

    /// Parses `--ranking`: changes to the standard ranking, separated by commas, applied in order.
    ///
    ///     classic                  Gazette's first ranking (BM25 1/0.5, stop words kept, no tie rule, no feedback)
    ///     standard                 the default
    ///     ineb2[:C]                IneB2 weighting (C defaults to 0.5)
    ///     bm25[:K1:B]              BM25 weighting (Xapian's defaults 1 and 0.5)
    ///     stopwords:drop|keep      free-text stop words
    ///     ties:newest|none         order of equal weights (default none: index order)
    ///     expand                   feedback for every query (--expand)
    ///     expand:DOCS:TERMS:WEIGHT the same with other parameters
    ///     expand:long              feedback for queries of five or more words (the default)
    ///     expand:off               no feedback (--no-expand)
    public init(spec: String) throws(RankingSpecError) {
        self = .standard
        for item in spec.split(separator: ",").map({ $0.trimmingWhitespace() }) where !item.isEmpty {
            let parts = item.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            let arguments = Array(parts.dropFirst())
            switch (parts[0].lowercased(), arguments.count) {
            case ("classic", 0): self = .classic
            case ("standard", 0): self = .standard
            case ("ineb2", 0): weighting = .ineB2(c: 0.5)
            case ("ineb2", 1): weighting = .ineB2(c: try Self.number(arguments[0], in: item, above: 0))
            case ("bm25", 0): weighting = .bm25(k1: 1, b: 0.5)
            case ("bm25", 2):
                weighting = .bm25(k1: try Self.number(arguments[0], in: item, above: 0), b: try Self.fraction(arguments[1], in: item))
            case ("stopwords", 1) where ["drop", "keep"].contains(arguments[0]): dropsStopWords = arguments[0] == "drop"
            case ("ties", 1) where ["newest", "none"].contains(arguments[0]): newestFirstOnTies = arguments[0] == "newest"
            case ("expand", 0): feedback = .always
            case ("expand", 1) where arguments[0] == "off": feedback = .off
            case ("expand", 1) where arguments[0] == "long": feedback = Ranking.standard.feedback
            case ("expand", 3):
                feedback = .always
                expansion = Expansion(
                    documents: Int(try Self.number(arguments[0], in: item, above: 0, whole: true)),
                    terms: Int(try Self.number(arguments[1], in: item, above: 0, whole: true)),
                    weight: try Self.number(arguments[2], in: item, above: 0))
            default:
                throw RankingSpecError(item: item)
            }
        }
    }

    private static func number(_ text: String, in item: String, above minimum: Double, whole: Bool = false)
        throws(RankingSpecError) -> Double
    {
        guard let value = Double(text), value.isFinite, value > minimum, !whole || value == value.rounded(),
            value <= 10_000
        else { throw RankingSpecError(item: item) }
        return value
    }

    private static func fraction(_ text: String, in item: String) throws(RankingSpecError) -> Double {
        guard let value = Double(text), value >= 0, value <= 1 else { throw RankingSpecError(item: item) }
        return value
    }
}

public struct RankingSpecError: Error, CustomStringConvertible {
    public var item: String
    public var description: String {
        "unknown ranking setting \"\(item)\"; use classic, standard, ineb2[:C], bm25[:K1:B], stopwords:drop|keep, "
            + "ties:newest|none, expand[:DOCS:TERMS:WEIGHT], expand:long or expand:off, separated by commas"
    }
}
