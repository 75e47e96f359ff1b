import Foundation

/// A trained tagger: one row of tag weights per hashed feature bucket that carries weight, and
/// the tag transition scores. Stored as a small binary file (little-endian):
///
///     magic "GZNERM01", UInt32 feature-template version, UInt32 hash bits, UInt32 tag count,
///     tag count² Float32 transitions, UInt32 row count, row count × UInt32 bucket,
///     row count × Float32 row scale, row count × tag count Int8 weights (times the row's scale).
///
/// Weights are quantised to 8 bits per row (so rare features keep their small weights beside
/// frequent ones); buckets whose weights are all below a threshold are left out.
public struct TaggerModel: Sendable {
    static let magic = Array("GZNERM01".utf8)

    let hashBits: Int
    let tagCount: Int
    /// Open-addressing table from bucket to row: each slot holds (bucket + 1) << 32 | row, 0 when
    /// empty. Sized at twice the rows, it stays small enough for the processor's caches, which
    /// a dense bucket-indexed table of 2^21 entries would not.
    private let slots: [UInt64]
    private let slotMask: Int
    /// Row weights quantised to Int8, times the row's scale.
    private let weights: [Int8]
    private let scales: [Float]
    let transitions: [Float]

    init(hashBits: Int, tagCount: Int, buckets: [UInt32], scales: [Float], weights: [Int8], transitions: [Float]) {
        self.hashBits = hashBits
        self.tagCount = tagCount
        var size = 16
        while size < buckets.count * 2 { size *= 2 }
        var slots = [UInt64](repeating: 0, count: size)
        for (row, bucket) in buckets.enumerated() {
            var slot = Int(bucket) & (size - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = (UInt64(bucket) + 1) << 32 | UInt64(row)
        }
        self.slots = slots
        slotMask = size - 1
        self.weights = weights
        self.scales = scales
        self.transitions = transitions
    }

    @inline(__always)
    static func bucket(_ hash: UInt64, bits: Int) -> Int { Int(truncatingIfNeeded: hash >> UInt64(64 - bits)) }

    /// Adds the weights of `features` to the tag scores at `scores`.
    func addScores(_ features: UnsafeBufferPointer<UInt64>, into scores: UnsafeMutablePointer<Float>) {
        let k = tagCount
        let bits = hashBits
        let mask = slotMask
        slots.withUnsafeBufferPointer { slots in
            weights.withUnsafeBufferPointer { weights in
                scales.withUnsafeBufferPointer { scales in
                    for feature in features {
                        let key = UInt64(Self.bucket(feature, bits: bits)) + 1
                        var slot = Int(truncatingIfNeeded: key - 1) & mask
                        while true {
                            let entry = slots[slot]
                            if entry == 0 { break }
                            if entry >> 32 == key {
                                let row = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF)
                                let scale = scales[row]
                                let base = weights.baseAddress! + row * k
                                for tag in 0..<k { scores[tag] += Float(base[tag]) * scale }
                                break
                            }
                            slot = (slot + 1) & mask
                        }
                    }
                }
            }
        }
    }

    // MARK: File format

    /// Serialises quantised weights: `weights` is dense (`1 << hashBits` rows of `tagCount`).
    static func encode(hashBits: Int, tagCount: Int, weights: [Float], transitions: [Float], minimumWeight: Float) -> [UInt8] {
        var buckets: [UInt32] = []
        var scales: [Float] = []
        var quantised: [UInt8] = []
        for bucket in 0..<(1 << hashBits) {
            let base = bucket * tagCount
            var largest: Float = 0
            for tag in 0..<tagCount { largest = max(largest, abs(weights[base + tag])) }
            guard largest > 0, largest >= minimumWeight else { continue }
            let scale = largest / 127
            buckets.append(UInt32(bucket))
            scales.append(scale)
            for tag in 0..<tagCount {
                quantised.append(UInt8(bitPattern: Int8(clamping: Int((weights[base + tag] / scale).rounded()))))
            }
        }
        var out = magic
        func put(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
        put(FeatureTemplates.version)
        put(UInt32(hashBits))
        put(UInt32(tagCount))
        for value in transitions { put(value.bitPattern) }
        put(UInt32(buckets.count))
        for bucket in buckets { put(bucket) }
        for scale in scales { put(scale.bitPattern) }
        out.append(contentsOf: quantised)
        return out
    }

    /// Reads a model file written by `encode`; `source` names it in errors.
    public init(data: [UInt8], source: String) throws(GazetteError) {
        var offset = 0
        func fail(_ reason: String) -> GazetteError {
            GazetteError(.badInput, "\(source): not a usable tagger model (\(reason))")
        }
        func read() throws(GazetteError) -> UInt32 {
            guard offset + 4 <= data.count else { throw fail("truncated at byte \(offset)") }
            var value: UInt32 = 0
            for index in 0..<4 { value |= UInt32(data[offset + index]) << (8 * UInt32(index)) }
            offset += 4
            return value
        }
        guard data.count >= 8, Array(data[0..<8]) == Self.magic else { throw fail("wrong magic bytes") }
        offset = 8
        let version = try read()
        guard version == FeatureTemplates.version else {
            throw fail("feature version \(version), this build uses \(FeatureTemplates.version); retrain it")
        }
        let hashBits = Int(try read())
        let tagCount = Int(try read())
        guard (8...26).contains(hashBits), tagCount == EntityTag.count else { throw fail("hash bits \(hashBits), tags \(tagCount)") }
        var transitions: [Float] = []
        for _ in 0..<(tagCount * tagCount) { transitions.append(Float(bitPattern: try read())) }
        let rowCount = Int(try read())
        guard data.count == offset + rowCount * 8 + rowCount * tagCount else { throw fail("size does not match \(rowCount) rows") }
        var buckets: [UInt32] = []
        buckets.reserveCapacity(rowCount)
        for _ in 0..<rowCount {
            let bucket = try read()
            guard bucket < (1 << hashBits) else { throw fail("bucket \(bucket) out of range") }
            buckets.append(bucket)
        }
        var scales: [Float] = []
        scales.reserveCapacity(rowCount)
        for _ in 0..<rowCount { scales.append(Float(bitPattern: try read())) }
        let weights = data[offset...].map { Int8(bitPattern: $0) }
        self.init(hashBits: hashBits, tagCount: tagCount, buckets: buckets, scales: scales, weights: weights, transitions: transitions)
    }
}
