internal import CShim

/// A document being built for the index. Reusable: `clear()` it for the next one.
public final class XapianDocument {
    let handle: OpaquePointer

    public init() {
        guard let handle = gz_doc_new() else { fatalError("out of memory creating a Xapian document") }
        self.handle = handle
    }

    deinit { gz_doc_free(handle) }

    public func clear() { gz_doc_clear(handle) }

    public func setData(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { gz_doc_set_data(handle, $0.charPointer, $0.count) }
    }

    public func setValue(_ value: String, slot: UInt32) throws(GazetteError) {
        var error = ShimError()
        var value = value
        let status = value.withUTF8 { gz_doc_set_value(handle, slot, $0.charPointer, $0.count, &error.raw) }
        try error.check(status != 0, "while setting value slot \(slot)")
    }

    /// Adds terms encoded by `PackedTerms` in one call across the C boundary.
    public func addPacked(_ terms: PackedTerms) throws(GazetteError) {
        var error = ShimError()
        let added = terms.bytes.withUnsafeBufferPointer { gz_doc_add_packed(handle, $0.baseAddress, $0.count, &error.raw) }
        try error.check(added < 0, "while adding terms to a document")
    }
}

/// Terms and postings for one document, packed in the shim's record format so a whole document
/// crosses into C++ in one call instead of one call per word.
public struct PackedTerms {
    private(set) var bytes: [UInt8] = []

    public init() { bytes.reserveCapacity(16 * 1024) }

    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    public var isEmpty: Bool { bytes.isEmpty }

    /// A term at a position (wdf + 1). Terms over Xapian's limit must be shortened by the caller.
    public mutating func addPosting(prefix: String = "", _ term: String, position: UInt32) {
        append(flags: 1, prefix: prefix, term)
        withUnsafeBytes(of: position.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// A term without position (wdf + 1), or a boolean filter term (wdf 0).
    public mutating func addTerm(prefix: String = "", _ term: String, boolean: Bool = false) {
        append(flags: boolean ? 2 : 0, prefix: prefix, term)
    }

    private mutating func append(flags: UInt8, prefix: String, _ term: String) {
        let length = prefix.utf8.count + term.utf8.count
        guard length <= Schema.maximumTermBytes else {
            // Callers shorten terms themselves; this only keeps a term that slipped through from
            // crashing a whole run (Xapian throws on terms over its limit, and the length must fit
            // the record's one byte). The shortened form is stable, so the same input always
            // gives the same term.
            append(flags: flags, raw: Self.shortened(Array(prefix.utf8) + Array(term.utf8)))
            return
        }
        bytes.append(flags)
        bytes.append(UInt8(length))
        bytes.append(contentsOf: prefix.utf8)
        bytes.append(contentsOf: term.utf8)
    }

    private mutating func append(flags: UInt8, raw term: [UInt8]) {
        bytes.append(flags)
        bytes.append(UInt8(term.count))
        bytes.append(contentsOf: term)
    }

    /// A term over the limit as its first 200 bytes (cut at a character boundary), "#", and 16
    /// hex digits of a 64-bit FNV-1a hash of the whole term.
    static func shortened(_ term: [UInt8]) -> [UInt8] {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in term { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        var cut = min(200, term.count)
        while cut > 0, cut < term.count, term[cut] & 0xC0 == 0x80 { cut -= 1 } // not inside a UTF-8 sequence
        let hex = String(hash, radix: 16)
        return Array(term[0..<cut]) + [UInt8(ascii: "#")] + Array((String(repeating: "0", count: 16 - hex.count) + hex).utf8)
    }
}
