/// Turns the bytes of a text file into clean text: BOMs and UTF-16 handled, NUL bytes dropped,
/// invalid UTF-8 replaced, every line ending made "\n". Binary files are refused.
public enum TextDecoding {
    public struct Decoded {
        public var text: String
        /// Repairs made on the way, for the ingest report ("3 NUL bytes removed").
        public var repairs: [String]
    }

    public struct Refusal: Error, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    public static func decode(_ bytes: [UInt8]) -> Result<Decoded, Refusal> {
        if bytes.isEmpty { return .failure(Refusal(reason: "empty file")) }
        var repairs: [String] = []
        var utf8: [UInt8]
        switch detectEncoding(bytes) {
        case .utf8(let bomLength):
            utf8 = bomLength > 0 ? Array(bytes[bomLength...]) : bytes
        case .utf16(let bigEndian, let bomLength):
            utf8 = transcodeUTF16(bytes, from: bomLength, bigEndian: bigEndian, repairs: &repairs)
            repairs.append("decoded from UTF-16\(bigEndian ? "BE" : "LE")")
        }
        if looksBinary(utf8) { return .failure(Refusal(reason: "binary file (not text)")) }
        let nulCount = utf8.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
        if nulCount > 0 {
            utf8.removeAll { $0 == 0 }
            repairs.append("\(nulCount) NUL byte\(nulCount == 1 ? "" : "s") removed")
        }
        if let offset = firstInvalidUTF8Offset(utf8) {
            repairs.append("invalid UTF-8 at byte \(offset) replaced with U+FFFD")
        }
        let text = normalizeLineEndings(String(decoding: utf8, as: UTF8.self))
        if text.allSatisfy(\.isWhitespace) { return .failure(Refusal(reason: "no text (only whitespace)")) }
        return .success(Decoded(text: text, repairs: repairs))
    }

    enum Encoding: Equatable {
        case utf8(bomLength: Int)
        case utf16(bigEndian: Bool, bomLength: Int)
    }

    static func detectEncoding(_ bytes: [UInt8]) -> Encoding {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8(bomLength: 3) }
        if bytes.starts(with: [0xFF, 0xFE]) { return .utf16(bigEndian: false, bomLength: 2) }
        if bytes.starts(with: [0xFE, 0xFF]) { return .utf16(bigEndian: true, bomLength: 2) }
        // UTF-16 without a BOM: mostly-ASCII text leaves a zero in every other byte.
        let sample = bytes.prefix(4096)
        guard sample.count >= 4 else { return .utf8(bomLength: 0) }
        var zeroEven = 0
        var zeroOdd = 0
        for (index, byte) in sample.enumerated() where byte == 0 {
            if index % 2 == 0 { zeroEven += 1 } else { zeroOdd += 1 }
        }
        let half = sample.count / 2
        if zeroOdd > half * 6 / 10 && zeroEven < half / 10 { return .utf16(bigEndian: false, bomLength: 0) }
        if zeroEven > half * 6 / 10 && zeroOdd < half / 10 { return .utf16(bigEndian: true, bomLength: 0) }
        return .utf8(bomLength: 0)
    }

    static func transcodeUTF16(_ bytes: [UInt8], from start: Int, bigEndian: Bool, repairs: inout [String]) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity((bytes.count - start) / 2)
        var index = start
        while index + 1 < bytes.count {
            let a = UInt16(bytes[index])
            let b = UInt16(bytes[index + 1])
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            index += 2
        }
        if index < bytes.count { repairs.append("odd trailing byte of UTF-16 dropped") }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    /// Control characters other than tab, newline, carriage return, form feed and escape, or NUL,
    /// in more than a tenth of the first 64 KiB: not a text file.
    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(65_536)
        guard !sample.isEmpty else { return false }
        var control = 0
        for byte in sample where byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C && byte != 0x1B {
            control += 1
        }
        return control * 10 > sample.count
    }

    /// Byte offset of the first malformed UTF-8 sequence, or nil when the bytes are valid.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                continue
            }
            let length: Int
            let minimum: UInt32
            switch byte {
            case 0xC2...0xDF: length = 2; minimum = 0x80
            case 0xE0...0xEF: length = 3; minimum = 0x800
            case 0xF0...0xF4: length = 4; minimum = 0x10000
            default: return index
            }
            guard index + length <= bytes.count else { return index }
            var scalar = UInt32(byte) & (0xFF >> (length + 1))
            for offset in 1..<length {
                let continuation = bytes[index + offset]
                guard continuation & 0xC0 == 0x80 else { return index }
                scalar = scalar << 6 | UInt32(continuation & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return index }
            index += length
        }
        return nil
    }

    /// CRLF and lone CR become LF.
    public static func normalizeLineEndings(_ text: String) -> String {
        guard text.utf8.contains(0x0D) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var previousWasCR = false
        for byte in text.utf8 {
            if byte == 0x0D {
                output.append(0x0A)
                previousWasCR = true
                continue
            }
            if byte == 0x0A && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = false
            output.append(byte)
        }
        return String(decoding: output, as: UTF8.self)
    }
}
