internal import CShim

/// The one error type Gazette's engine throws: a code, what went wrong, and what was being done.
public struct GazetteError: Error, CustomStringConvertible, Sendable {
    /// An open set of error codes; the shim's codes map onto these.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        public static let unknown = Code(rawValue: Int(GZ_ERR_UNKNOWN.rawValue))
        public static let noMemory = Code(rawValue: Int(GZ_ERR_NO_MEMORY.rawValue))
        public static let invalidArgument = Code(rawValue: Int(GZ_ERR_INVALID_ARGUMENT.rawValue))
        public static let database = Code(rawValue: Int(GZ_ERR_DATABASE.rawValue))
        public static let databaseLocked = Code(rawValue: Int(GZ_ERR_DATABASE_LOCK.rawValue))
        public static let databaseNotFound = Code(rawValue: Int(GZ_ERR_DATABASE_NOT_FOUND.rawValue))
        public static let databaseCorrupt = Code(rawValue: Int(GZ_ERR_DATABASE_CORRUPT.rawValue))
        public static let databaseModified = Code(rawValue: Int(GZ_ERR_DATABASE_MODIFIED.rawValue))
        public static let databaseOpening = Code(rawValue: Int(GZ_ERR_DATABASE_OPENING.rawValue))
        public static let databaseVersion = Code(rawValue: Int(GZ_ERR_DATABASE_VERSION.rawValue))
        public static let databaseClosed = Code(rawValue: Int(GZ_ERR_DATABASE_CLOSED.rawValue))
        public static let network = Code(rawValue: Int(GZ_ERR_NETWORK.rawValue))
        public static let networkTimeout = Code(rawValue: Int(GZ_ERR_NETWORK_TIMEOUT.rawValue))
        public static let query = Code(rawValue: Int(GZ_ERR_QUERY.rawValue))
        public static let range = Code(rawValue: Int(GZ_ERR_RANGE.rawValue))
        public static let unimplemented = Code(rawValue: Int(GZ_ERR_UNIMPLEMENTED.rawValue))
        public static let icu = Code(rawValue: Int(GZ_ERR_ICU.rawValue))
        public static let html = Code(rawValue: Int(GZ_ERR_HTML.rawValue))
        public static let gzip = Code(rawValue: Int(GZ_ERR_GZIP.rawValue))
        public static let tooLarge = Code(rawValue: Int(GZ_ERR_TOO_LARGE.rawValue))
        /// Raised by Gazette itself, not by the shim.
        public static let badInput = Code(rawValue: 100)
        public static let io = Code(rawValue: 101)
        public static let querySyntax = Code(rawValue: 102)
        public static let notFound = Code(rawValue: 103)
        public static let timeout = Code(rawValue: 104)

        public var description: String {
            switch self {
            case .databaseLocked: "database locked"
            case .databaseNotFound: "database not found"
            case .databaseCorrupt: "database corrupt"
            case .databaseModified: "database modified"
            case .noMemory: "out of memory"
            case .querySyntax: "query syntax"
            case .notFound: "not found"
            default: "error \(rawValue)"
            }
        }
    }

    public var code: Code
    public var message: String
    /// What Gazette was doing, e.g. "while opening Index/ for writing".
    public var context: String?

    public init(_ code: Code, _ message: String, context: String? = nil) {
        self.code = code
        self.message = message
        self.context = context
    }

    public var description: String {
        guard let context else { return message }
        return "\(message) (\(context))"
    }
}

/// Collects a shim error and turns it into a thrown `GazetteError` at the call site.
struct ShimError: ~Copyable {
    var raw = gz_error(code: 0, message: nil)

    deinit { gz_free(raw.message) }

    /// Throws when the last call failed; `context` says what was being done.
    mutating func check(_ failed: Bool, _ context: @autoclosure () -> String) throws(GazetteError) {
        guard failed || raw.code != 0 else { return }
        let message = raw.message.map { String(cString: $0) } ?? "operation failed"
        let code = GazetteError.Code(rawValue: raw.code == 0 ? GazetteError.Code.unknown.rawValue : Int(raw.code))
        gz_error_clear(&raw)
        throw GazetteError(code, message, context: context())
    }
}

/// Copies a shim-allocated buffer into a Swift value and releases it.
func takeShimBuffer(_ pointer: UnsafeMutablePointer<CChar>?, _ length: Int) -> [UInt8] {
    guard let pointer else { return [] }
    defer { gz_free(pointer) }
    return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
        Array(UnsafeBufferPointer(start: $0, count: length))
    }
}

func takeShimString(_ pointer: UnsafeMutablePointer<CChar>?, _ length: Int) -> String {
    String(decoding: takeShimBuffer(pointer, length), as: UTF8.self)
}
