internal import CShim

/// An immutable Xapian query tree.
public final class XapianQuery: @unchecked Sendable {
    // Sendable so a query can be handed to another thread. Two threads must not use one query at
    // once: Xapian::Query is immutable, but its reference count is not atomic.
    let handle: OpaquePointer

    init(handle: OpaquePointer) { self.handle = handle }

    deinit { gz_query_free(handle) }

    public enum Operator: Int32, Sendable {
        case and = 0, or = 1, andNot = 2, xor = 3, andMaybe = 4, filter = 5, near = 6, phrase = 7
        case synonym = 13
    }

    public static func term(_ term: String, wqf: UInt32 = 1, position: UInt32 = 0) -> XapianQuery {
        var term = term
        let handle = term.withUTF8 { gz_query_term($0.charPointer, $0.count, wqf, position) }
        guard let handle else { fatalError("out of memory building a query") }
        return XapianQuery(handle: handle)
    }

    public static func combine(_ op: Operator, _ subqueries: [XapianQuery], window: UInt32 = 0) throws(GazetteError)
        -> XapianQuery
    {
        var error = ShimError()
        let handles: [OpaquePointer?] = subqueries.map { $0.handle }
        let handle = handles.withUnsafeBufferPointer { gz_query_combine(op.rawValue, $0.baseAddress, $0.count, window, &error.raw) }
        try error.check(handle == nil, "while building a query")
        return XapianQuery(handle: handle!)
    }

    public func scaled(by factor: Double) throws(GazetteError) -> XapianQuery {
        var error = ShimError()
        let handle = gz_query_scale(self.handle, factor, &error.raw)
        try error.check(handle == nil, "while building a query")
        return XapianQuery(handle: handle!)
    }

    /// Documents whose value in `slot` lies between the bounds (byte order); nil bounds are open.
    public static func valueRange(slot: UInt32, from low: String?, to high: String?) throws(GazetteError) -> XapianQuery {
        var error = ShimError()
        var low = low ?? ""
        var high = high ?? ""
        let handle = low.withUTF8 { l in
            high.withUTF8 { h in gz_query_value_range(slot, l.charPointer, l.count, h.charPointer, h.count, &error.raw) }
        }
        try error.check(handle == nil, "while building a date range")
        return XapianQuery(handle: handle!)
    }

    public static var matchAll: XapianQuery { XapianQuery(handle: gz_query_match_all()!) }
    public static var matchNothing: XapianQuery { XapianQuery(handle: gz_query_match_nothing()!) }

    public var isEmpty: Bool { gz_query_is_empty(handle) }

    public var debugDescription: String {
        var length = 0
        return takeShimString(gz_query_describe(handle, &length), length)
    }
}

/// The result of a search: ranked hits and optional facet counts.
public final class MatchSet {
    let handle: OpaquePointer

    init(handle: OpaquePointer) { self.handle = handle }

    deinit { gz_mset_free(handle) }

    public var count: Int { Int(gz_mset_size(handle)) }
    public var estimatedMatches: Int { Int(gz_mset_matches_estimated(handle)) }
    public var lowerBound: Int { Int(gz_mset_matches_lower_bound(handle)) }
    public var upperBound: Int { Int(gz_mset_matches_upper_bound(handle)) }

    public func documentID(at index: Int) -> UInt32 { gz_mset_docid(handle, UInt32(index)) }
    public func weight(at index: Int) -> Double { gz_mset_weight(handle, UInt32(index)) }

    public func documentData(at index: Int) throws(GazetteError) -> [UInt8] {
        var error = ShimError()
        var pointer: UnsafeMutablePointer<CChar>?
        var length = 0
        let status = gz_mset_document_data(handle, UInt32(index), &pointer, &length, &error.raw)
        try error.check(status != 0, "while reading hit \(index)")
        return takeShimBuffer(pointer, length)
    }

    /// Facet terms (without their prefix) and document counts, most frequent first.
    public var facets: [(term: String, documents: Int)] {
        (0..<gz_mset_facet_count(handle)).map { index in
            var pointer: UnsafePointer<CChar>?
            var length = 0
            var documents: UInt32 = 0
            gz_mset_facet(handle, index, &pointer, &length, &documents)
            let bytes = UnsafeRawBufferPointer(start: pointer, count: length)
            return (String(decoding: bytes, as: UTF8.self), Int(documents))
        }
    }
}
