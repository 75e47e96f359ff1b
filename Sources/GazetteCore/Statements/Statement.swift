/// One attributed statement in an article: who said it (as written and as resolved), with which
/// reporting verb, and where the reported content is.
///
/// All offsets are UTF-8 byte offsets into the text the extractor was given (an article body or
/// title), so they can be stored beside the article and cut out of it again later.
public struct Statement: Sendable, Equatable, Codable {
    /// The words naming the speaker ("U.S. envoys", "He", "the Ukrainian leader") and the actor
    /// they were resolved to, when one could be found.
    public var speaker: Speaker
    /// The reporting verb as a lemma ("say", "warn", "reaffirm"); "according to" for
    /// "According to X, ..." and the noun ("message") for "X's message ... is ...".
    public var verb: String
    /// The reported content: inside the quotation marks for direct quotes, the complement clause
    /// or object for indirect speech.
    public var content: Range<Int>
    /// True when the whole content is a quotation in quotation marks.
    public var isDirect: Bool
    /// The sentence (or sentences, for a quote running over several) holding the statement.
    public var sentence: Range<Int>
    /// Index of the first of those sentences in the analysed text (`Token.sentence`).
    public var sentenceIndex: Int

    public init(speaker: Speaker, verb: String, content: Range<Int>, isDirect: Bool, sentence: Range<Int>, sentenceIndex: Int) {
        self.speaker = speaker
        self.verb = verb
        self.content = content
        self.isDirect = isDirect
        self.sentence = sentence
        self.sentenceIndex = sentenceIndex
    }

    /// Who a statement is attributed to.
    public struct Speaker: Sendable, Equatable, Codable {
        /// The words used in the article, as written ("U.S. envoys", "He", "Kyiv").
        public var text: String
        /// Where those words are (for "said X" after a quote, after the content).
        public var range: Range<Int>
        /// The canonical actor, or nil when the speaker could not be resolved ("analysts").
        public var actor: ActorRef?
        public var resolution: Resolution

        public init(text: String, range: Range<Int>, actor: ActorRef?, resolution: Resolution) {
            self.text = text
            self.range = range
            self.actor = actor
            self.resolution = resolution
        }
    }

    /// How the speaker was resolved, so callers can weigh or explain the attribution.
    public enum Resolution: String, Sendable, Codable {
        /// The speaker words are a mention of the actor ("Zelensky", "the Kremlin", "Kyiv").
        case mention
        /// A group named by a demonym or an actor ("Ukrainian officials", "U.S. envoys").
        case group
        /// A pronoun ("he", "they") resolved to an earlier actor.
        case pronoun
        /// A description ("the Ukrainian leader", "the envoy") resolved to an earlier actor.
        case description
        /// Nothing to resolve to ("analysts", "officials familiar with the talks").
        case unresolved
    }
}

extension Statement {
    /// The content as text, cut from the text the statement was extracted from.
    public func contentText(in text: String) -> String {
        Self.slice(text, content)
    }

    /// The sentence as text.
    public func sentenceText(in text: String) -> String {
        Self.slice(text, sentence)
    }

    static func slice(_ text: String, _ range: Range<Int>) -> String {
        let utf8 = text.utf8
        guard range.lowerBound >= 0, range.upperBound <= utf8.count, !range.isEmpty else { return "" }
        let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        let end = utf8.index(start, offsetBy: range.count)
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }
}
