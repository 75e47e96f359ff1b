internal import CShim

/// A Xapian database handle (reader or writer). Not thread-safe: use one per thread.
public final class XapianDatabase {
    let handle: OpaquePointer
    /// The location it was opened from, for messages.
    public let location: String

    private init(handle: OpaquePointer, location: String) {
        self.handle = handle
        self.location = location
    }

    deinit { gz_db_close(handle) }

    public struct WriteOptions: OptionSet, Sendable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        public static let createOrOpen = WriteOptions(rawValue: Int32(GZ_DB_CREATE_OR_OPEN.rawValue))
        public static let overwrite = WriteOptions(rawValue: Int32(GZ_DB_OVERWRITE.rawValue))
        public static let noSync = WriteOptions(rawValue: Int32(GZ_DB_NO_SYNC.rawValue))
        public static let waitForLock = WriteOptions(rawValue: Int32(GZ_DB_RETRY_LOCK.rawValue))
    }

    public static func openForReading(_ path: String) throws(GazetteError) -> XapianDatabase {
        var error = ShimError()
        var path = path
        let handle = path.withUTF8 { gz_db_open_read($0.charPointer, $0.count, &error.raw) }
        try error.check(handle == nil, "while opening \(path) for reading")
        return XapianDatabase(handle: handle!, location: path)
    }

    public static func openRemote(host: String, port: UInt32, timeoutMilliseconds: UInt32 = 10_000)
        throws(GazetteError) -> XapianDatabase
    {
        var error = ShimError()
        var host = host
        let handle = host.withUTF8 { gz_db_open_remote($0.charPointer, $0.count, port, timeoutMilliseconds, &error.raw) }
        try error.check(handle == nil, "while connecting to tcp://\(host):\(port)")
        return XapianDatabase(handle: handle!, location: "tcp://\(host):\(port)")
    }

    public static func openForWriting(_ path: String, options: WriteOptions) throws(GazetteError) -> XapianDatabase {
        var error = ShimError()
        var path = path
        let handle = path.withUTF8 { gz_db_open_write($0.charPointer, $0.count, options.rawValue, &error.raw) }
        try error.check(handle == nil, "while opening \(path) for writing")
        return XapianDatabase(handle: handle!, location: path)
    }

    /// Searches `shard` together with this database from now on.
    public func addShard(_ shard: XapianDatabase) throws(GazetteError) {
        var error = ShimError()
        let status = gz_db_add_shard(handle, shard.handle, &error.raw)
        try error.check(status != 0, "while adding shard \(shard.location)")
    }

    public var isWritable: Bool { gz_db_is_writable(handle) }

    /// Moves a reader to the latest committed revision.
    public func reopen() throws(GazetteError) {
        var error = ShimError()
        let status = gz_db_reopen(handle, &error.raw)
        try error.check(status != 0, "while reopening \(location)")
    }

    public func documentCount() throws(GazetteError) -> Int {
        var error = ShimError()
        let count = gz_db_doccount(handle, &error.raw)
        try error.check(false, "while counting documents in \(location)")
        return Int(count)
    }

    public func lastDocumentID() throws(GazetteError) -> UInt32 {
        var error = ShimError()
        let id = gz_db_lastdocid(handle, &error.raw)
        try error.check(false, "while reading \(location)")
        return id
    }

    public func totalLength() throws(GazetteError) -> UInt64 {
        var error = ShimError()
        var length: UInt64 = 0
        let status = gz_db_total_length(handle, &length, &error.raw)
        try error.check(status != 0, "while reading \(location)")
        return length
    }

    public func termFrequency(_ term: String) throws(GazetteError) -> Int {
        var error = ShimError()
        var term = term
        let count = term.withUTF8 { gz_db_termfreq(handle, $0.charPointer, $0.count, &error.raw) }
        try error.check(false, "while reading term frequencies in \(location)")
        return Int(count)
    }

    /// The first document indexed by `term`, or nil.
    public func firstDocument(withTerm term: String) throws(GazetteError) -> UInt32? {
        var error = ShimError()
        var term = term
        let docid = term.withUTF8 { gz_db_first_docid(handle, $0.charPointer, $0.count, &error.raw) }
        try error.check(false, "while looking up a document in \(location)")
        return docid == 0 ? nil : docid
    }

    public func documentData(_ docid: UInt32) throws(GazetteError) -> [UInt8] {
        var error = ShimError()
        var pointer: UnsafeMutablePointer<CChar>?
        var length = 0
        let status = gz_db_document_data(handle, docid, &pointer, &length, &error.raw)
        try error.check(status != 0, "while reading document \(docid) in \(location)")
        return takeShimBuffer(pointer, length)
    }

    public func value(_ docid: UInt32, slot: UInt32) throws(GazetteError) -> String {
        var error = ShimError()
        var pointer: UnsafeMutablePointer<CChar>?
        var length = 0
        let status = gz_db_document_value(handle, docid, slot, &pointer, &length, &error.raw)
        try error.check(status != 0, "while reading document \(docid) in \(location)")
        return takeShimString(pointer, length)
    }

    /// The lowest and highest value stored in `slot` (empty strings when no document has one).
    public func valueBounds(slot: UInt32) throws(GazetteError) -> (low: String, high: String) {
        var error = ShimError()
        var low: UnsafeMutablePointer<CChar>?
        var high: UnsafeMutablePointer<CChar>?
        var lowLength = 0
        var highLength = 0
        let status = gz_db_value_bounds(handle, slot, &low, &lowLength, &high, &highLength, &error.raw)
        try error.check(status != 0, "while reading value bounds in \(location)")
        return (takeShimString(low, lowLength), takeShimString(high, highLength))
    }

    public func metadata(_ key: String) throws(GazetteError) -> String {
        var error = ShimError()
        var pointer: UnsafeMutablePointer<CChar>?
        var length = 0
        var key = key
        let status = key.withUTF8 { gz_db_get_metadata(handle, $0.charPointer, $0.count, &pointer, &length, &error.raw) }
        try error.check(status != 0, "while reading metadata in \(location)")
        return takeShimString(pointer, length)
    }

    public func setMetadata(_ key: String, _ value: String) throws(GazetteError) {
        var error = ShimError()
        var key = key
        var value = value
        let status = key.withUTF8 { k in
            value.withUTF8 { v in gz_db_set_metadata(handle, k.charPointer, k.count, v.charPointer, v.count, &error.raw) }
        }
        try error.check(status != 0, "while writing metadata in \(location)")
    }

    /// Adds a new document; returns its id.
    @discardableResult
    public func addDocument(_ document: XapianDocument) throws(GazetteError) -> UInt32 {
        var error = ShimError()
        let docid = gz_db_add_document(handle, document.handle, &error.raw)
        try error.check(docid == 0, "while writing a document to \(location)")
        return docid
    }

    public func replaceDocument(_ docid: UInt32, _ document: XapianDocument) throws(GazetteError) {
        var error = ShimError()
        let status = gz_db_replace_docid(handle, docid, document.handle, &error.raw)
        try error.check(status != 0, "while writing document \(docid) to \(location)")
    }

    public func deleteDocuments(withTerm term: String) throws(GazetteError) {
        var error = ShimError()
        var term = term
        let status = term.withUTF8 { gz_db_delete_by_term(handle, $0.charPointer, $0.count, &error.raw) }
        try error.check(status != 0, "while deleting documents from \(location)")
    }

    public func deleteDocument(_ docid: UInt32) throws(GazetteError) {
        var error = ShimError()
        let status = gz_db_delete_docid(handle, docid, &error.raw)
        try error.check(status != 0, "while deleting document \(docid) from \(location)")
    }

    public func commit() throws(GazetteError) {
        var error = ShimError()
        let status = gz_db_commit(handle, &error.raw)
        try error.check(status != 0, "while committing to \(location)")
    }

    /// A database without shards, to which `addShard` adds them.
    public static func combined() throws(GazetteError) -> XapianDatabase {
        var error = ShimError()
        let handle = gz_db_new_combined(&error.raw)
        try error.check(handle == nil, "while combining shards")
        return XapianDatabase(handle: handle!, location: "shards")
    }

    /// Compacts this database (all its shards) into a new one at `destination`, as xapian-compact
    /// does; `mergeRules` says which metadata lists to merge (see the shim header).
    public func compact(to destination: String, mergeRules: String) throws(GazetteError) {
        var error = ShimError()
        var destination = destination
        var rules = mergeRules
        let status = destination.withUTF8 { d in
            rules.withUTF8 { r in gz_db_compact(handle, d.charPointer, d.count, r.charPointer, r.count, &error.raw) }
        }
        try error.check(status != 0, "while compacting \(location) into \(destination)")
    }

    // MARK: Iteration

    /// All terms with `prefix`, with their document frequencies.
    public func terms(withPrefix prefix: String) throws(GazetteError) -> TermSequence {
        var error = ShimError()
        var prefix = prefix
        let iterator = prefix.withUTF8 { gz_db_allterms(handle, $0.charPointer, $0.count, &error.raw) }
        try error.check(iterator == nil, "while listing terms in \(location)")
        return TermSequence(iterator: iterator!, owner: self)
    }

    /// The terms of one document with `prefix`, with their within-document frequencies.
    public func documentTerms(_ docid: UInt32, prefix: String) throws(GazetteError) -> TermSequence {
        var error = ShimError()
        var prefix = prefix
        let iterator = prefix.withUTF8 { gz_db_doc_terms(handle, docid, $0.charPointer, $0.count, &error.raw) }
        try error.check(iterator == nil, "while reading document \(docid) in \(location)")
        return TermSequence(iterator: iterator!, owner: self)
    }

    public func metadataKeys(withPrefix prefix: String) throws(GazetteError) -> TermSequence {
        var error = ShimError()
        var prefix = prefix
        let iterator = prefix.withUTF8 { gz_db_metadata_keys(handle, $0.charPointer, $0.count, &error.raw) }
        try error.check(iterator == nil, "while listing metadata in \(location)")
        return TermSequence(iterator: iterator!, owner: self)
    }

    /// Document ids indexed by `term`, in ascending order.
    public func documents(withTerm term: String) throws(GazetteError) -> [UInt32] {
        var error = ShimError()
        var term = term
        let iterator = term.withUTF8 { gz_db_postings(handle, $0.charPointer, $0.count, &error.raw) }
        try error.check(iterator == nil, "while reading postings in \(location)")
        defer { gz_termiter_free(iterator) }
        var ids: [UInt32] = []
        var pointer: UnsafePointer<CChar>?
        var length = 0
        var frequency: UInt32 = 0
        while true {
            let step = gz_termiter_next(iterator, &pointer, &length, &frequency, &error.raw)
            try error.check(step < 0, "while reading postings in \(location)")
            if step == 0 { break }
            ids.append(gz_termiter_docid(iterator))
        }
        return ids
    }

    /// Runs a query.
    public func search(_ query: XapianQuery, options: SearchOptions) throws(GazetteError) -> MatchSet {
        var error = ShimError()
        var raw = gz_search_options()
        raw.offset = UInt32(clamping: options.offset)
        raw.limit = UInt32(clamping: options.limit)
        raw.check_at_least = UInt32(clamping: options.checkAtLeast)
        raw.sort_slot = options.sortSlot
        switch options.sort {
        case .relevance: raw.sort = Int32(GZ_SORT_RELEVANCE.rawValue)
        case .valueDescending: raw.sort = Int32(GZ_SORT_VALUE_DESCENDING.rawValue)
        case .valueAscending: raw.sort = Int32(GZ_SORT_VALUE_ASCENDING.rawValue)
        case .relevanceThenValueDescending: raw.sort = Int32(GZ_SORT_RELEVANCE_THEN_VALUE_DESCENDING.rawValue)
        }
        switch options.weighting {
        case .bm25(let k1, let b):
            raw.weighting = Int32(GZ_WEIGHT_BM25.rawValue)
            raw.bm25_k1 = k1
            raw.bm25_b = b
        case .ineB2(let c):
            raw.weighting = Int32(GZ_WEIGHT_INEB2.rawValue)
            raw.dfr_c = c
        }
        if let expansion = options.expansion {
            raw.expand_documents = UInt32(clamping: expansion.documents)
            raw.expand_terms = UInt32(clamping: expansion.terms)
            raw.expand_weight = expansion.weight
        }
        raw.time_limit_seconds = options.timeLimitSeconds ?? 0
        var facetPrefix = options.facetPrefix ?? ""
        let mset: OpaquePointer? = facetPrefix.withUTF8 { prefix in
            if options.facetPrefix != nil {
                raw.facet_prefix = prefix.charPointer
                raw.facet_prefix_len = prefix.count
            }
            return gz_db_search(handle, query.handle, &raw, &error.raw)
        }
        try error.check(mset == nil, "while searching \(location)")
        return MatchSet(handle: mset!)
    }
}

/// Options for one search.
public struct SearchOptions: Sendable {
    public enum Sort: Sendable {
        case relevance, valueDescending, valueAscending
        /// By relevance; equal weights ordered by the sort slot's value, highest first.
        case relevanceThenValueDescending
    }

    /// Xapian's weighting schemes that Gazette can rank with.
    public enum Weighting: Sendable, Equatable {
        /// `Xapian::BM25Weight(k1, 0, 1, b, 0.5)`; Xapian's defaults are k1 = 1, b = 0.5.
        case bm25(k1: Double, b: Double)
        /// `Xapian::IneB2Weight(c)`: divergence from randomness, inverse expected document
        /// frequency, Bernoulli after-effect, length normalisation 2 with parameter c.
        case ineB2(c: Double)
    }

    /// Pseudo-relevance feedback: the top `documents` hits of a first run supply up to `terms`
    /// expansion terms, which re-rank the same matches with their weights scaled by `weight`.
    public struct Expansion: Sendable, Equatable {
        public var documents: Int
        public var terms: Int
        public var weight: Double

        public init(documents: Int, terms: Int, weight: Double) {
            self.documents = documents
            self.terms = terms
            self.weight = weight
        }
    }

    public var offset = 0
    public var limit = 10
    public var checkAtLeast = 0
    public var sort = Sort.relevance
    public var sortSlot: UInt32 = 0
    public var weighting = Weighting.bm25(k1: 1, b: 0.5)
    public var expansion: Expansion?
    public var timeLimitSeconds: Double?
    /// Count documents per term under this prefix over the whole match set.
    public var facetPrefix: String?

    public init() {}
}

/// A lazy sequence over a shim term iterator; iterate it once.
public final class TermSequence: Sequence, IteratorProtocol {
    private let iterator: OpaquePointer
    private let owner: XapianDatabase
    /// Set when iteration stopped because of an error (the sequence then ends early).
    public private(set) var failure: GazetteError?

    init(iterator: OpaquePointer, owner: XapianDatabase) {
        self.iterator = iterator
        self.owner = owner
    }

    deinit { gz_termiter_free(iterator) }

    public struct Item {
        public var term: String
        public var frequency: Int
    }

    public func next() -> Item? {
        var error = ShimError()
        var pointer: UnsafePointer<CChar>?
        var length = 0
        var frequency: UInt32 = 0
        let step = gz_termiter_next(iterator, &pointer, &length, &frequency, &error.raw)
        if step < 0 {
            do { try error.check(true, "while iterating terms in \(owner.location)") } catch { failure = error }
            return nil
        }
        guard step == 1, let pointer else { return nil }
        let bytes = UnsafeRawBufferPointer(start: pointer, count: length)
        return Item(term: String(decoding: bytes, as: UTF8.self), frequency: Int(frequency))
    }

    /// Positions of the current term (document term lists only).
    public func currentPositions() -> [UInt32] {
        var error = ShimError()
        var pointer: UnsafePointer<UInt32>?
        var count = 0
        guard gz_termiter_positions(iterator, &pointer, &count, &error.raw) == 0, let pointer else { return [] }
        return Array(UnsafeBufferPointer(start: pointer, count: count))
    }

    /// Throws the error that ended iteration early, if any.
    public func checkCompleted() throws(GazetteError) {
        if let failure { throw failure }
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// The buffer as a C character pointer (empty buffers give a valid empty string).
    var charPointer: UnsafePointer<CChar> {
        guard let base = baseAddress else { return emptyCString }
        return UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
    }
}

private var emptyCString: UnsafePointer<CChar> {
    UnsafeRawPointer(("" as StaticString).utf8Start).assumingMemoryBound(to: CChar.self)
}
