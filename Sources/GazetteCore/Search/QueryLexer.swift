/// A syntax error in a query, with the 1-based column (in characters) where it was found.
public struct QuerySyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var column: Int

    public init(_ message: String, column: Int) {
        self.message = message
        self.column = column
    }

    public var description: String { "query error at column \(column): \(message)" }
}

/// One lexical unit of the query language.
struct QueryToken: Equatable {
    enum Kind: Equatable {
        case word(String)
        case phrase(String)
        case field(String)
        case leftParen, rightParen
        case and, or, not
        case near(Int?)
        case plus, minus
    }

    var kind: Kind
    /// 1-based column of the token's first character.
    var column: Int
}

/// Splits a query into tokens. Operators are recognised only in capitals (AND, OR, NOT, NEAR,
/// NEAR/5) so the words "and", "or", "not" can still be searched.
struct QueryLexer {
    static let maximumQueryCharacters = 4096

    static func tokenize(_ query: String) throws(QuerySyntaxError) -> [QueryToken] {
        let characters = Array(query)
        guard characters.count <= maximumQueryCharacters else {
            throw QuerySyntaxError("query longer than \(maximumQueryCharacters) characters", column: maximumQueryCharacters + 1)
        }
        var tokens: [QueryToken] = []
        var index = 0
        func column(_ at: Int) -> Int { at + 1 }
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
                continue
            }
            let start = index
            switch character {
            case "(":
                tokens.append(QueryToken(kind: .leftParen, column: column(start)))
                index += 1
            case ")":
                tokens.append(QueryToken(kind: .rightParen, column: column(start)))
                index += 1
            case "\"", "“", "”", "„", "«", "»":
                index += 1
                var text = ""
                while index < characters.count, !isQuote(characters[index]) {
                    text.append(characters[index])
                    index += 1
                }
                guard index < characters.count else {
                    throw QuerySyntaxError("unclosed quotation mark", column: column(start))
                }
                index += 1
                tokens.append(QueryToken(kind: .phrase(text), column: column(start)))
            case "+" where startsTerm(characters, index + 1):
                tokens.append(QueryToken(kind: .plus, column: column(start)))
                index += 1
            case "-" where startsTerm(characters, index + 1):
                tokens.append(QueryToken(kind: .minus, column: column(start)))
                index += 1
            default:
                var text = ""
                while index < characters.count {
                    let next = characters[index]
                    if next.isWhitespace || next == "(" || next == ")" || isQuote(next) { break }
                    // "field:" ends here so a value like title:"a b" or actor:(x) can follow.
                    if next == ":", QueryFields.isField(text) { break }
                    text.append(next)
                    index += 1
                }
                if index < characters.count, characters[index] == ":", QueryFields.isField(text) {
                    index += 1
                    tokens.append(QueryToken(kind: .field(text.lowercased()), column: column(start)))
                    continue
                }
                tokens.append(QueryToken(kind: try operatorKind(text, column: column(start)) ?? .word(text), column: column(start)))
            }
        }
        return tokens
    }

    private static func isQuote(_ character: Character) -> Bool {
        "\"“”„«»".contains(character)
    }

    /// "+" and "-" are operators only directly before a term: "-word", "+\"phrase\"", "-(a b)".
    private static func startsTerm(_ characters: [Character], _ index: Int) -> Bool {
        guard index < characters.count else { return false }
        let next = characters[index]
        return !next.isWhitespace && next != ")" && next != "-" && next != "+"
    }

    private static func operatorKind(_ text: String, column: Int) throws(QuerySyntaxError) -> QueryToken.Kind? {
        switch text {
        case "AND", "&&": return .and
        case "OR", "||": return .or
        case "NOT": return .not
        case "NEAR": return .near(nil)
        default: break
        }
        guard text.hasPrefix("NEAR/") else { return nil }
        let digits = text.dropFirst(5)
        guard let distance = Int(digits), distance >= 0 else {
            throw QuerySyntaxError("NEAR/ needs a whole number of words, as in NEAR/5", column: column)
        }
        guard distance <= Schema.maximumNearDistance else {
            throw QuerySyntaxError("NEAR/\(distance) is beyond the limit of \(Schema.maximumNearDistance) words", column: column)
        }
        return .near(distance)
    }
}

/// The field names the query language knows.
enum QueryFields {
    static let text: Set<String> = ["title", "source", "author"]
    static let actor: Set<String> = ["actor", "person", "org", "place"]
    static let other: Set<String> = ["date", "lang", "language", "said-by"]

    static func isField(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return text.contains(lowered) || actor.contains(lowered) || other.contains(lowered)
    }
}
