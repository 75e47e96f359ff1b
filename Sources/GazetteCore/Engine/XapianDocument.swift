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
        precondition(length <= Schema.maximumTermBytes, "term longer than Xapian's limit")
        bytes.append(flags)
        bytes.append(UInt8(length))
        bytes.append(contentsOf: prefix.utf8)
        bytes.append(contentsOf: term.utf8)
    }
}
