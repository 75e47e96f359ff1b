/// The article file formats Gazette reads.
public enum InputFormat: String, CaseIterable, Sendable {
    case txt, md, json, jsonl, html

    /// The format a file name implies (a trailing ".gz" is looked through), or nil.
    public static func detect(fileName: String) -> InputFormat? {
        var name = fileName.lowercased()
        if name.hasSuffix(".gz") { name.removeLast(3) }
        guard let dot = name.lastIndex(of: ".") else { return nil }
        switch name[name.index(after: dot)...] {
        case "txt", "text": return .txt
        case "md", "markdown", "mdown", "mkd": return .md
        case "json": return .json
        case "jsonl", "ndjson", "jsonlines": return .jsonl
        case "html", "htm", "xhtml", "shtml": return .html
        default: return nil
        }
    }
}

/// A file system path kept as raw bytes, because file names need not be valid UTF-8.
public struct FilePath: Hashable, Sendable, CustomStringConvertible, Comparable {
    public var bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }
    public init(_ string: String) { bytes = Array(string.utf8) }

    /// A printable, unambiguous rendering: valid UTF-8 as is, other bytes and control characters
    /// escaped ("\xFF", "\n"). Used in messages and as the stable path-derived document id.
    public var description: String {
        var output = ""
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "\\") {
                switch byte {
                case 0x0A: output += "\\n"
                case 0x09: output += "\\t"
                case UInt8(ascii: "\\"): output += "\\\\"
                default: output += "\\x" + hex(byte)
                }
                index += 1
                continue
            }
            if byte < 0x80 {
                output.unicodeScalars.append(Unicode.Scalar(byte))
                index += 1
                continue
            }
            let length = utf8SequenceLength(at: index)
            if length > 0 {
                output += String(decoding: bytes[index..<index + length], as: UTF8.self)
                index += length
            } else {
                output += "\\x" + hex(byte)
                index += 1
            }
        }
        return output
    }

    public var lastComponent: String {
        let slash = bytes.lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 } ?? 0
        return FilePath(bytes: Array(bytes[slash...])).description
    }

    public func appending(_ component: [UInt8]) -> FilePath {
        var result = bytes
        if result.last != UInt8(ascii: "/") { result.append(UInt8(ascii: "/")) }
        result.append(contentsOf: component)
        return FilePath(bytes: result)
    }

    /// A NUL-terminated copy for POSIX calls.
    public func withCString<R>(_ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
        var terminated = bytes
        terminated.append(0)
        return try terminated.withUnsafeBufferPointer { buffer in
            try buffer.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
        }
    }

    public static func < (a: FilePath, b: FilePath) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }

    private func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }

    /// Length of a valid UTF-8 sequence starting at `index`, or 0.
    private func utf8SequenceLength(at index: Int) -> Int {
        let slice = Array(bytes[index..<min(bytes.count, index + 4)])
        for length in [2, 3, 4] where length <= slice.count {
            if String(validating: slice[0..<length], as: UTF8.self) != nil { return length }
        }
        return 0
    }
}
