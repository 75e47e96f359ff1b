/// One analysed word of a text.
public struct Token: Sendable, Equatable {
    /// UTF-8 byte range of the word in the analysed text (a possessive "'s" is outside it; an
    /// acronym's final dot is inside it).
    public var start: Int
    public var end: Int
    /// The index term: the stem for words of a stemmed language, otherwise the folded form.
    public var term: String
    /// Case- and accent-folded surface form, before stemming ("russia", "u.s.", "155221").
    public var folded: String
    /// Term position; sentences are separated by `Schema.sentenceGap`.
    public var position: UInt32
    /// Index of the sentence the word belongs to (0-based, within this analysed text).
    public var sentence: Int
    public var kind: TokenKind
    public var isAcronym: Bool

    public var byteRange: Range<Int> { start..<end }
}

/// The result of analysing a text.
public struct AnalyzedText: Sendable {
    public var tokens: [Token]
    /// Byte offsets where sentences start (ICU sentence breaks; every line break is one too).
    public var sentenceStarts: [Int]
    /// The first position free after this text (with a sentence gap), for analysing a next field.
    public var nextPosition: UInt32
    /// Words dropped because their folded form is longer than an index term may be.
    public var droppedLongWords: Int
}
