internal import CShim

/// What ICU's word break rules say a token is.
public enum TokenKind: UInt8, Sendable {
    case number = 1, letter = 2, kana = 3, ideograph = 4
}

/// A word found by ICU: byte range in the UTF-8 text and its kind.
public struct WordSpan: Sendable, Equatable {
    public var start: Int32
    public var end: Int32
    public var kind: TokenKind
}

/// ICU word and sentence segmentation. Not thread-safe: one per analyzer.
public final class Segmenter {
    private let handle: OpaquePointer

    public init(locale: String = "") throws(GazetteError) {
        var error = ShimError()
        var locale = locale
        let handle = locale.withUTF8 { gz_segmenter_new($0.charPointer, $0.count, &error.raw) }
        try error.check(handle == nil, "while opening ICU break iterators")
        self.handle = handle!
    }

    deinit { gz_segmenter_free(handle) }

    /// Segments `text` (UTF-8) and calls `body` with the words and the byte offsets where sentences
    /// start. The buffers are only valid inside `body`.
    public func segment<R>(
        _ text: UnsafeBufferPointer<UInt8>,
        _ body: (UnsafeBufferPointer<WordSpan>, UnsafeBufferPointer<Int32>) throws -> R
    ) throws -> R {
        var error = ShimError()
        var tokens: UnsafePointer<gz_token>?
        var tokenCount = 0
        var sentences: UnsafePointer<Int32>?
        var sentenceCount = 0
        let status = gz_segment(handle, text.charPointer, text.count, &tokens, &tokenCount, &sentences, &sentenceCount, &error.raw)
        try error.check(status != 0, "while segmenting text")
        // gz_token is three int32 fields; WordSpan mirrors it with a narrower kind, so convert.
        var spans: [WordSpan] = []
        spans.reserveCapacity(tokenCount)
        if let tokens {
            for token in UnsafeBufferPointer(start: tokens, count: tokenCount) {
                spans.append(WordSpan(start: token.start, end: token.end, kind: TokenKind(rawValue: UInt8(token.kind)) ?? .letter))
            }
        }
        return try spans.withUnsafeBufferPointer { spanBuffer in
            try body(spanBuffer, UnsafeBufferPointer(start: sentences, count: sentenceCount))
        }
    }
}

/// Unicode folding for matching: NFKC, case folding and (optionally) accent removal, done by ICU.
public enum UnicodeFolding {
    /// Folds a non-ASCII word. Returns nil for input ICU rejects.
    public static func fold(_ word: UnsafeBufferPointer<UInt8>, stripAccents: Bool = true) -> [UInt8]? {
        var capacity = word.count * 3 + 16
        for _ in 0..<2 {
            var output = [UInt8](repeating: 0, count: capacity)
            let length = output.withUnsafeMutableBufferPointer { out in
                out.withMemoryRebound(to: CChar.self) {
                    gz_fold(word.charPointer, word.count, $0.baseAddress, $0.count, stripAccents)
                }
            }
            if length >= 0 {
                output.removeSubrange(Int(length)...)
                return output
            }
            // Compatibility decompositions can expand a lot (one ligature is 18 characters).
            capacity = word.count * 18 + 64
        }
        return nil
    }

    public static func fold(_ word: String, stripAccents: Bool = true) -> String {
        var word = word
        return word.withUTF8 { bytes in
            fold(bytes, stripAccents: stripAccents).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
    }
}
