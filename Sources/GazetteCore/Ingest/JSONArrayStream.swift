#if canImport(Glibc)
import Glibc
#endif

/// Splits a `.json` file whose top level is a list into its elements' bytes, one at a time, so a
/// multi-gigabyte export is read with memory for one record, never the whole file.
///
/// It only finds where each element starts and ends (strings, escapes, brackets); JSONDecoder then
/// decodes and validates each element on its own, so one broken record costs only itself.
final class JSONArrayStream {
    enum Element {
        /// The bytes of one element (possibly malformed: the decoder judges).
        case bytes([UInt8])
        /// An element larger than the limit: skipped without being held.
        case tooLarge(bytes: Int)
        /// An element nested deeper than the limit: skipped.
        case tooDeep
        /// Nothing between two commas (or a trailing comma).
        case empty
    }

    enum Failure: Error {
        /// The file ended inside the list.
        case truncated
        /// Something other than `,` or `]` after an element.
        case unexpected(UInt8)
    }

    private let stream: InputStream
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var finished = false
    private var closed = false
    /// Whether a comma has been seen, so "[1,]" reports its empty last element.
    private var hadElement = false
    let maximumElementBytes: Int
    let maximumDepth: Int

    /// `stream` must be positioned just after the opening `[` (see `JSONDocumentShape`).
    init(stream: InputStream, after prefix: ArraySlice<UInt8>, maximumElementBytes: Int, maximumDepth: Int) {
        self.stream = stream
        self.maximumElementBytes = maximumElementBytes
        self.maximumDepth = maximumDepth
        let size = stream.isCompressed ? 1 << 20 : InputStream.bufferSize(for: stream.fileSize)
        buffer = Array(prefix)
        if buffer.count < size { buffer += [UInt8](repeating: 0, count: size - buffer.count) }
        end = prefix.count
    }

    /// Bytes that followed the closing `]` other than whitespace (reported, not fatal).
    private(set) var trailingGarbage = false

    /// The next element, or nil after the closing `]`.
    func next() throws -> Element? {
        if closed { return nil }
        var element: [UInt8] = []
        var size = 0
        var depth = 0
        var deepest = 0
        var inString = false
        var escaped = false
        var sawContent = false
        while true {
            guard let byte = try nextByte() else { throw Failure.truncated }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""):
                    inString = true
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                    deepest = max(deepest, depth)
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    if depth == 0 {
                        guard byte == UInt8(ascii: "]") else { throw Failure.unexpected(byte) }
                        closed = true
                        try checkTrailing()
                        // "[]" and "[1]" end here; "[1,]" leaves an empty element.
                        return sawContent || size > 0 ? finish(element, size, deepest) : (hadElement ? .empty : nil)
                    }
                    depth -= 1
                case UInt8(ascii: ","):
                    if depth == 0 {
                        hadElement = true
                        return sawContent ? finish(element, size, deepest) : .empty
                    }
                case 0x20, 0x09, 0x0A, 0x0D:
                    if depth == 0 { continue }
                default:
                    break
                }
            }
            sawContent = true
            size += 1
            if size <= maximumElementBytes && deepest <= maximumDepth {
                element.append(byte)
            } else if !element.isEmpty {
                element = []
            }
        }
    }

    private func finish(_ element: [UInt8], _ size: Int, _ deepest: Int) -> Element {
        if deepest > maximumDepth { return .tooDeep }
        if size > maximumElementBytes { return .tooLarge(bytes: size) }
        return .bytes(element)
    }

    private func checkTrailing() throws {
        while let byte = try nextByte() {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
            trailingGarbage = true
            return
        }
    }

    private func nextByte() throws(GazetteError) -> UInt8? {
        if start == end {
            if finished { return nil }
            start = 0
            end = try buffer.withUnsafeMutableBufferPointer { (pointer) throws(GazetteError) -> Int in try stream.read(into: pointer) }
            if end == 0 {
                finished = true
                return nil
            }
        }
        defer { start += 1 }
        return buffer[start]
    }
}

/// What a JSON text starts with, read from its first bytes.
enum JSONDocumentShape {
    /// The first non-blank byte after an optional UTF-8 byte order mark, and its offset.
    static func firstSignificantByte(_ bytes: ArraySlice<UInt8>) -> (byte: UInt8, offset: Int)? {
        var index = bytes.startIndex
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index += 3 }
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { return (byte, index) }
            index += 1
        }
        return nil
    }
}
