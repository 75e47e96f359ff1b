/// Extraction over a text of any size. The text is cut into pieces of bounded size at block
/// breaks (two or more blank lines, where the extractor's context ends anyway), or inside very
/// long blocks at paragraph, line or word breaks, so time and memory grow linearly with the input.
public struct ChunkedExtraction {
    public var extractor: ActorExtractor
    public var language: String
    /// Pieces are at least this long unless the text ends first.
    public var chunkBytes = 1 << 16
    /// How far past `chunkBytes` to look for a block break before settling for a weaker one.
    public var searchBytes = 1 << 18

    public init(extractor: ActorExtractor = ActorExtractor(), language: String = Language.defaultCode) {
        self.extractor = extractor
        self.language = language
    }

    /// Calls `body` with each mention in text order; offsets and token indices refer to the whole
    /// text (token indices count the analyzer's tokens of all pieces before).
    public func forEachMention(in bytes: UnsafeBufferPointer<UInt8>, analyzer: Analyzer, _ body: (Mention) -> Void) {
        var start = 0
        var tokenBase = 0
        while start < bytes.count {
            let end = cut(bytes, from: start)
            let piece = UnsafeBufferPointer(rebasing: bytes[start..<end])
            let analyzed = analyzer.analyze(bytes: piece, language: language)
            for var mention in extractor.extract(bytes: piece, analyzed: analyzed, language: language) {
                mention.start += start
                mention.end += start
                mention.firstToken += tokenBase
                body(mention)
            }
            tokenBase += analyzed.tokens.count
            start = end
        }
    }

    /// The end of the piece starting at `start`.
    func cut(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let limit = start + chunkBytes
        guard limit < bytes.count else { return bytes.count }
        let searchEnd = min(bytes.count, limit + searchBytes)
        // The first run of three newlines (block break), else two (paragraph), else one, else a space.
        for run in [3, 2, 1] {
            var count = 0
            for offset in limit..<searchEnd {
                count = bytes[offset] == 0x0A ? count + 1 : (bytes[offset] == 0x0D ? count : 0)
                if count == run {
                    var end = offset + 1
                    while end < bytes.count, bytes[end] == 0x0A || bytes[end] == 0x0D { end += 1 }
                    return end
                }
            }
        }
        for offset in limit..<searchEnd where bytes[offset] == 0x20 { return offset + 1 }
        // No break at all: cut before a UTF-8 lead byte so no character is split.
        var end = searchEnd
        while end > limit, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        return end
    }
}
