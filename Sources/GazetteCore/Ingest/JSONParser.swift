/// A strict JSON parser (RFC 8259) written for hostile input: it builds values only for the keys a
/// reader asks for and steps over everything else without allocating, so a record with a
/// 20-million-element array beside its title costs the time to scan it and no memory. Nesting is
/// limited, skipping is iterative, and errors give the byte offset.
///
/// (Foundation's JSONDecoder builds every value through Codable, which took minutes and gigabytes
/// on such a record, and reports only "not valid JSON".)
struct JSONParser {
    struct Failure: Error, CustomStringConvertible {
        var reason: String
        var offset: Int
        var description: String { "\(reason) at byte \(offset)" }
    }

    /// What to do with the value of an object's key.
    enum Selection {
        /// Build it in full.
        case keep
        /// Step over it.
        case skip
        /// Keep it when it is a list, whose objects are read with the same selection (lists of records
        /// inside a wrapper object, `@graph` in JSON-LD); skip it otherwise.
        case records
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0
    private var values = 0
    let maximumDepth: Int
    /// Most values built for one text; values stepped over do not count.
    let maximumValues: Int
    /// Chooses, for each key (lower-cased) of an object read as a record, what happens to its value;
    /// the level is 0 for the top-level record and 1 for records in a list chosen with `.records`.
    let select: (_ key: String, _ level: Int) -> Selection
    private var recordLevel = 0

    /// Parses `bytes` as one JSON text. Objects read as records (the top level, and the objects in
    /// lists chosen with `.records`) keep only the keys `select` asks for; below those, everything
    /// is kept.
    static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int = 64, maximumValues: Int = 1_000_000,
        select: @escaping (_ key: String, _ level: Int) -> Selection = { _, _ in .keep }
    ) throws(Failure) -> JSONValue {
        var parser = JSONParser(bytes: bytes, maximumDepth: maximumDepth, maximumValues: maximumValues, select: select)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }
        parser.skipWhitespace()
        // A top-level list holds records too (JSON-LD blocks often are one).
        let value = parser.peek == UInt8(ascii: "[") ? try parser.array(ofRecords: true) : try parser.value(asRecord: true)
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.failure("unexpected text after the JSON value") }
        return value
    }

    private init(
        bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int, maximumValues: Int, select: @escaping (String, Int) -> Selection
    ) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
        self.maximumValues = maximumValues
        self.select = select
    }

    // MARK: Building values

    private mutating func value(asRecord: Bool) throws(Failure) -> JSONValue {
        values += 1
        guard values <= maximumValues else { throw failure("more than \(maximumValues) values") }
        guard index < bytes.count else { throw failure("unexpected end of the JSON text") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(asRecord: asRecord)
        case UInt8(ascii: "["): return try array(ofRecords: false)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return .number(try number())
        }
    }

    private mutating func enter() throws(Failure) {
        depth += 1
        guard depth <= maximumDepth else { throw failure("nested more than \(maximumDepth) levels deep") }
    }

    private mutating func object(asRecord: Bool) throws(Failure) -> JSONValue {
        try enter()
        index += 1
        var object: [String: JSONValue] = [:]
        skipWhitespace()
        if peek == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(object)
        }
        while true {
            guard peek == UInt8(ascii: "\"") else { throw failure("expected a key in quotes") }
            let key = try string()
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { throw failure("expected ':' after a key") }
            index += 1
            skipWhitespace()
            switch asRecord ? select(key.lowercased(), recordLevel) : .keep {
            case .keep: object[key] = try value(asRecord: false)
            case .skip: try skipValue()
            case .records:
                if peek == UInt8(ascii: "[") {
                    recordLevel += 1
                    object[key] = try array(ofRecords: true)
                    recordLevel -= 1
                } else {
                    try skipValue()
                }
            }
            skipWhitespace()
            guard let next = peek else { throw failure("unexpected end of the JSON text") }
            index += 1
            if next == UInt8(ascii: "}") { break }
            guard next == UInt8(ascii: ",") else { throw failure("expected ',' or '}'", at: index - 1) }
            skipWhitespace()
        }
        depth -= 1
        return .object(object)
    }

    private mutating func array(ofRecords: Bool) throws(Failure) -> JSONValue {
        try enter()
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if peek == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(items)
        }
        while true {
            items.append(try value(asRecord: ofRecords))
            skipWhitespace()
            guard let next = peek else { throw failure("unexpected end of the JSON text") }
            index += 1
            if next == UInt8(ascii: "]") { break }
            guard next == UInt8(ascii: ",") else { throw failure("expected ',' or ']'", at: index - 1) }
            skipWhitespace()
        }
        depth -= 1
        return .array(items)
    }

    private mutating func string() throws(Failure) -> String {
        let start = index
        index += 1
        var output: [UInt8] = []
        var runStart = index
        while true {
            guard index < bytes.count else { throw failure("unclosed string", at: start) }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                index += 1
                break
            }
            if byte < 0x20 { throw failure("unescaped control character in a string") }
            if byte == UInt8(ascii: "\\") {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                try escape(into: &output)
                runStart = index
                continue
            }
            index += 1
        }
        guard let text = String(validating: output, as: UTF8.self) else {
            throw failure("invalid UTF-8 in the string", at: start)
        }
        return text
    }

    private mutating func escape(into output: inout [UInt8]) throws(Failure) {
        index += 1
        guard let byte = peek else { throw failure("unclosed string") }
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(byte)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800...0xDBFF).contains(scalar), peek == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") {
                let mark = index
                index += 2
                let low = try hex4()
                if (0xDC00...0xDFFF).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    index = mark // a lone high surrogate; the next escape stands on its own
                }
            }
            // Lone surrogates are not characters: U+FFFD stands in, as lenient decoders do.
            let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
            output.append(contentsOf: String(character).utf8)
        default:
            throw failure("invalid escape \\\(Character(Unicode.Scalar(byte)))", at: index - 2)
        }
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard index + 4 <= bytes.count else { throw failure("incomplete \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw failure("invalid \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private mutating func number() throws(Failure) -> Double {
        let start = index
        try scanNumber()
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let number = Double(text) else { throw failure("invalid number", at: start) }
        return number
    }

    /// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    private mutating func scanNumber() throws(Failure) {
        let start = index
        if peek == UInt8(ascii: "-") { index += 1 }
        guard let first = peek, isDigit(first) else {
            throw failure(index == start ? "unexpected character \(describe(peek))" : "invalid number", at: start)
        }
        index += 1
        if first != UInt8(ascii: "0") { skipDigits() }
        if peek == UInt8(ascii: ".") {
            index += 1
            guard let digit = peek, isDigit(digit) else { throw failure("invalid number", at: start) }
            skipDigits()
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            guard let digit = peek, isDigit(digit) else { throw failure("invalid number", at: start) }
            skipDigits()
        }
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count,
            UnsafeBufferPointer(rebasing: bytes[index..<index + count]).elementsEqual(UnsafeBufferPointer(start: word.utf8Start, count: count))
        else { throw failure("unexpected character \(describe(peek))") }
        index += count
    }

    // MARK: Stepping over values

    /// Steps over one value, checking its syntax, without building anything and without recursion.
    private mutating func skipValue() throws(Failure) {
        let startDepth = depth
        // After a value inside a container: expect ',' or the closer.
        var afterValue = false
        while true {
            skipWhitespace()
            if afterValue {
                if depth == startDepth { return }
                guard let byte = peek else { throw failure("unexpected end of the JSON text") }
                index += 1
                switch byte {
                case UInt8(ascii: ","):
                    afterValue = false
                    skipWhitespace()
                    if closers.last == UInt8(ascii: "}") { try skipKey() }
                default:
                    guard byte == closers.last else {
                        throw failure("expected ',' or '\(Character(Unicode.Scalar(closers.last ?? 0x20)))'", at: index - 1)
                    }
                    closers.removeLast()
                    depth -= 1
                }
                continue
            }
            guard let byte = peek else { throw failure("unexpected end of the JSON text") }
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                try enter()
                index += 1
                closers.append(byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]"))
                skipWhitespace()
                if peek == closers.last {
                    index += 1
                    closers.removeLast()
                    depth -= 1
                    afterValue = true
                } else if byte == UInt8(ascii: "{") {
                    try skipKey()
                }
                continue
            case UInt8(ascii: "\""): try skipString()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            default: try scanNumber()
            }
            afterValue = true
        }
    }

    /// The closing brackets of the containers being stepped over, innermost last.
    private var closers: [UInt8] = []

    private mutating func skipKey() throws(Failure) {
        guard peek == UInt8(ascii: "\"") else { throw failure("expected a key in quotes") }
        try skipString()
        skipWhitespace()
        guard peek == UInt8(ascii: ":") else { throw failure("expected ':' after a key") }
        index += 1
    }

    private mutating func skipString() throws(Failure) {
        let start = index
        index += 1
        while true {
            guard index < bytes.count else { throw failure("unclosed string", at: start) }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { break }
            if byte < 0x20 { throw failure("unescaped control character in a string") }
            index += byte == UInt8(ascii: "\\") ? 2 : 1
        }
        index += 1
    }

    // MARK: Bytes

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func skipDigits() {
        while let byte = peek, isDigit(byte) { index += 1 }
    }

    private mutating func skipWhitespace() {
        while let byte = peek, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    private func describe(_ byte: UInt8?) -> String {
        guard let byte else { return "(end of text)" }
        return byte >= 0x21 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    private func failure(_ reason: String, at offset: Int? = nil) -> Failure {
        Failure(reason: reason, offset: offset ?? index)
    }
}
