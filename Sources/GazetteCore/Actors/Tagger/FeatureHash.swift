/// Hashing of feature values into weight rows. Features are never stored as strings: a template
/// number and its value (word, shape, affix, flag) are mixed into one 64-bit hash, and the model
/// keeps `hashBits` of it as the row index.
enum FeatureHash {
    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3

    @inline(__always)
    static func add(_ hash: UInt64, _ byte: UInt8) -> UInt64 { (hash ^ UInt64(byte)) &* fnvPrime }

    /// FNV-1a over a byte sequence.
    @inline(__always)
    static func bytes<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var hash = fnvOffset
        for byte in bytes { hash = add(hash, byte) }
        return hash
    }

    /// A well-spread combination of a template and up to two values (SplitMix64 finaliser).
    @inline(__always)
    static func mix(_ template: UInt64, _ a: UInt64, _ b: UInt64 = 0) -> UInt64 {
        var x = template &* 0x9E37_79B9_7F4A_7C15 ^ a
        x = (x ^ (x >> 31)) &* 0xBF58_476D_1CE4_E5B9 ^ b
        x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
        return x ^ (x >> 31)
    }
}
