/// One piece of a date string.
enum DateToken: Equatable {
    /// A run of ASCII digits; `digits` counts them, leading zeros included ("09" has 2).
    case number(value: Int, digits: Int)
    /// Letters, ASCII-lowercased, with dots dropped: "Dec." and "DEC" read as "dec", "a.m." as "am".
    case word(String)
    /// One of `, - / : . + ( )`.
    case symbol(Character)
}

/// Splits a date string into `DateToken`s. Whitespace only separates tokens.
enum DateTokenizer {
    /// Longer texts are not dates; the limit keeps garbage inputs from costing time.
    static let maximumLength = 100

    static func tokens(_ text: String) throws(DateParseError) -> [DateToken] {
        guard text.utf8.count <= maximumLength else { throw DateParseError("unrecognised date format (too long)") }
        let scalars = Array(text.unicodeScalars)
        var tokens: [DateToken] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar.properties.isWhitespace {
                index += 1
            } else if let digit = digitValue(scalar) {
                var value = digit
                var digits = 1
                index += 1
                while index < scalars.count, let next = digitValue(scalars[index]) {
                    // Saturates instead of overflowing; such a number is rejected as a year anyway.
                    value = value > Int.max / 100 ? Int.max / 100 : value * 10 + next
                    digits += 1
                    index += 1
                }
                tokens.append(.number(value: value, digits: digits))
            } else if isASCIILetter(scalar) {
                var word = ""
                while index < scalars.count {
                    let next = scalars[index]
                    if isASCIILetter(next) {
                        word.unicodeScalars.append(lowercased(next))
                    } else if next != "." {
                        break
                    }
                    // A dot inside or after a word is part of an abbreviation: skip it.
                    index += 1
                }
                tokens.append(.word(word))
            } else if let symbol = symbol(scalar) {
                tokens.append(.symbol(symbol))
                index += 1
            } else {
                throw DateParseError("unrecognised date format (unexpected character '\(Character(scalar))')")
            }
        }
        return tokens
    }

    private static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
        (48...57).contains(scalar.value) ? Int(scalar.value - 48) : nil
    }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        (65...90).contains(scalar.value) || (97...122).contains(scalar.value)
    }

    private static func lowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        (65...90).contains(scalar.value) ? Unicode.Scalar(UInt8(scalar.value + 32)) : scalar
    }

    private static func symbol(_ scalar: Unicode.Scalar) -> Character? {
        switch scalar {
        case ",", "-", "/", ":", ".", "+", "(", ")": Character(scalar)
        // Typographic minus and en dash stand for "-" in offsets and Reuters-style dates.
        case "\u{2212}", "\u{2013}": "-"
        default: nil
        }
    }
}

/// Reading position in a token list, with the small look-ahead helpers the date grammar needs.
struct DateTokenCursor {
    private let tokens: [DateToken]
    var position = 0

    init(_ tokens: [DateToken]) {
        self.tokens = tokens
    }

    var isAtEnd: Bool { position >= tokens.count }

    func peek(_ ahead: Int = 0) -> DateToken? {
        let index = position + ahead
        return index < tokens.count ? tokens[index] : nil
    }

    func peekNumber(_ ahead: Int = 0) -> (value: Int, digits: Int)? {
        if case .number(let value, let digits) = peek(ahead) { return (value, digits) }
        return nil
    }

    func peekWord(_ ahead: Int = 0) -> String? {
        if case .word(let word) = peek(ahead) { return word }
        return nil
    }

    func peekSymbol(_ ahead: Int = 0) -> Character? {
        if case .symbol(let symbol) = peek(ahead) { return symbol }
        return nil
    }

    mutating func takeNumber() -> (value: Int, digits: Int)? {
        guard let number = peekNumber() else { return nil }
        position += 1
        return number
    }

    mutating func takeWord() -> String? {
        guard let word = peekWord() else { return nil }
        position += 1
        return word
    }

    /// Consumes `symbol` when it is next.
    mutating func take(_ symbol: Character) -> Bool {
        guard peekSymbol() == symbol else { return false }
        position += 1
        return true
    }

    /// Consumes `word` when it is next.
    mutating func take(word: String) -> Bool {
        guard peekWord() == word else { return false }
        position += 1
        return true
    }

    /// Describes the next token for an error message.
    var nextDescription: String {
        switch peek() {
        case .number(let value, _): "\(value)"
        case .word(let word): word
        case .symbol(let symbol): String(symbol)
        case nil: "end of text"
        }
    }
}
