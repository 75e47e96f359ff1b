internal import CShim

/// A Snowball stemmer from Xapian with a per-instance cache (word frequencies are Zipfian, so most
/// lookups hit). Not thread-safe: one per analyzer.
public final class Stemmer {
    private let handle: OpaquePointer
    public let language: String
    private var cache: [String: String] = [:]
    private var buffer = [CChar](repeating: 0, count: 1024)

    /// Returns nil when Xapian has no stemmer for `language` (ISO code or name).
    public init?(language: String) {
        var name = language
        guard let handle = name.withUTF8({ gz_stemmer_new($0.charPointer, $0.count) }) else { return nil }
        self.handle = handle
        self.language = language
    }

    deinit { gz_stemmer_free(handle) }

    public func stem(_ word: String) -> String {
        if let cached = cache[word] { return cached }
        var word = word
        let length = word.withUTF8 { input in
            buffer.withUnsafeMutableBufferPointer { gz_stem(handle, input.charPointer, input.count, $0.baseAddress, $0.count) }
        }
        let stem = length < 0 ? word : buffer.withUnsafeBufferPointer { pointer in
            pointer.withMemoryRebound(to: UInt8.self) { String(decoding: $0.prefix(Int(length)), as: UTF8.self) }
        }
        // Bound the cache so a corpus with an unbounded vocabulary cannot grow it without limit.
        if cache.count > 200_000 { cache.removeAll(keepingCapacity: true) }
        cache[word] = stem
        return stem
    }

    /// Names of the stemmers Xapian offers.
    public static var availableLanguages: [String] {
        var length = 0
        return takeShimString(gz_stemmer_languages(&length), length).split(separator: " ").map(String.init)
    }
}
