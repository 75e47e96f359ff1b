/// Parses Gazette's query language (see the README's "Query syntax"):
///
///     query    := orExpr
///     orExpr   := implicit ("OR" implicit)*
///     implicit := andExpr andExpr*                  words side by side
///     andExpr  := notExpr ("AND" notExpr)*
///     notExpr  := "NOT" notExpr | nearExpr
///     nearExpr := unary ("NEAR" ["/" n] unary)*
///     unary    := ("+" | "-") primary | primary
///     primary  := "(" orExpr ")" | field ":" value | "\"phrase\"" | word ["*"]
public struct QueryParser {
    public static let defaultNearDistance = 10
    /// Deepest nesting of parentheses and NOT accepted. The parser and compiler recurse once per
    /// level; without a bound, "((((…" two thousand deep overflows the stack.
    public static let maximumNesting = 64

    private var tokens: [QueryToken]
    private var index = 0
    private var depth = 0
    private let endColumn: Int

    public static func parse(_ query: String) throws(QuerySyntaxError) -> QueryNode? {
        var parser = QueryParser(tokens: try QueryLexer.tokenize(query), endColumn: query.count + 1)
        guard !parser.tokens.isEmpty else { return nil }
        let node = try parser.orExpression(field: nil)
        if let extra = parser.peek {
            let what = extra.kind == .rightParen ? "unmatched closing parenthesis" : "unexpected \(describe(extra.kind))"
            throw QuerySyntaxError(what, column: extra.column)
        }
        return node
    }

    /// The 1-based column (in characters) where `text` first appears in `query`, or 1.
    public static func column(of text: String, in query: String) -> Int {
        guard let range = query.range(of: text) else { return 1 }
        return query.distance(from: query.startIndex, to: range.lowerBound) + 1
    }

    private init(tokens: [QueryToken], endColumn: Int) {
        self.tokens = tokens
        self.endColumn = endColumn
    }

    private var peek: QueryToken? { index < tokens.count ? tokens[index] : nil }

    private mutating func advance() -> QueryToken? {
        defer { index += 1 }
        return peek
    }

    /// `field` is set inside `title:( ... )` so bare words there search that field.
    private mutating func orExpression(field: String?) throws(QuerySyntaxError) -> QueryNode {
        var parts = [try implicitExpression(field: field)]
        while let token = peek, token.kind == .or {
            index += 1
            guard startsPrimary(peek) else { throw expected("a term after OR", after: token) }
            parts.append(try implicitExpression(field: field))
        }
        return parts.count == 1 ? parts[0] : .or(parts)
    }

    private mutating func implicitExpression(field: String?) throws(QuerySyntaxError) -> QueryNode {
        var parts = [try andExpression(field: field)]
        while let token = peek, startsPrimary(token) || token.kind == .not {
            parts.append(try andExpression(field: field))
        }
        return parts.count == 1 ? parts[0] : .implicit(parts)
    }

    private mutating func andExpression(field: String?) throws(QuerySyntaxError) -> QueryNode {
        var parts = [try notExpression(field: field)]
        while let token = peek, token.kind == .and {
            index += 1
            guard startsPrimary(peek) || peek?.kind == .not else { throw expected("a term after AND", after: token) }
            parts.append(try notExpression(field: field))
        }
        return parts.count == 1 ? parts[0] : .and(parts)
    }

    private mutating func notExpression(field: String?) throws(QuerySyntaxError) -> QueryNode {
        if let token = peek, token.kind == .not {
            index += 1
            guard startsPrimary(peek) || peek?.kind == .not else { throw expected("a term after NOT", after: token) }
            try enterNesting(at: token)
            defer { depth -= 1 }
            return .not(try notExpression(field: field))
        }
        return try nearExpression(field: field)
    }

    private mutating func nearExpression(field: String?) throws(QuerySyntaxError) -> QueryNode {
        let firstColumn = peek?.column ?? endColumn
        let first = try unary(field: field)
        var operands = [first]
        var distance: Int?
        while let token = peek, case .near(let n) = token.kind {
            index += 1
            guard startsPrimary(peek) else { throw expected("a term after NEAR", after: token) }
            let value = n ?? Self.defaultNearDistance
            distance = max(distance ?? value, value)
            let operandColumn = peek?.column ?? endColumn
            let operand = try unary(field: field)
            try checkNearOperand(operand, column: operandColumn)
            operands.append(operand)
        }
        guard let distance else { return first }
        try checkNearOperand(first, column: firstColumn)
        return .near(operands, distance: distance)
    }

    /// NEAR works on positions, so its operands must be words, phrases or actors.
    private func checkNearOperand(_ node: QueryNode, column: Int) throws(QuerySyntaxError) {
        switch node {
        case .word(_, _, false), .phrase, .actor: return
        case .word(_, _, true): throw QuerySyntaxError("wildcards cannot be used with NEAR", column: column)
        default: throw QuerySyntaxError("NEAR joins words, phrases and actors only", column: column)
        }
    }

    private mutating func unary(field: String?) throws(QuerySyntaxError) -> QueryNode {
        guard let token = peek else { throw QuerySyntaxError("expected a term", column: endColumn) }
        switch token.kind {
        case .plus:
            index += 1
            return .required(try primary(field: field))
        case .minus:
            index += 1
            return .prohibited(try primary(field: field))
        default:
            return try primary(field: field)
        }
    }

    private mutating func primary(field: String?) throws(QuerySyntaxError) -> QueryNode {
        guard let token = advance() else { throw QuerySyntaxError("expected a term", column: endColumn) }
        switch token.kind {
        case .leftParen:
            guard startsPrimary(peek) || peek?.kind == .not else {
                if peek?.kind == .rightParen { throw QuerySyntaxError("empty parentheses", column: token.column) }
                throw QuerySyntaxError("unclosed parenthesis", column: token.column)
            }
            try enterNesting(at: token)
            defer { depth -= 1 }
            let inner = try orExpression(field: field)
            guard let close = advance(), close.kind == .rightParen else {
                throw QuerySyntaxError("unclosed parenthesis", column: token.column)
            }
            return inner
        case .phrase(let text):
            return try textNode(text, isPhrase: true, field: field, column: token.column)
        case .word(let text):
            return try textNode(text, isPhrase: false, field: field, column: token.column)
        case .field(let name):
            return try fieldValue(name, column: token.column)
        default:
            throw QuerySyntaxError("expected a term but found \(Self.describe(token.kind))", column: token.column)
        }
    }

    private mutating func fieldValue(_ name: String, column: Int) throws(QuerySyntaxError) -> QueryNode {
        guard let value = peek else { throw QuerySyntaxError("\(name): needs a value", column: column) }
        if QueryFields.text.contains(name) {
            if value.kind == .leftParen { return try primary(field: name) }
            guard case .word = value.kind else {
                if case .phrase = value.kind { return try primary(field: name) }
                throw QuerySyntaxError("\(name): needs a word, a \"phrase\" or (words)", column: column)
            }
            return try primary(field: name)
        }
        let text: String
        switch value.kind {
        case .word(let word): text = word
        case .phrase(let phrase): text = phrase
        default: throw QuerySyntaxError("\(name): needs a value", column: column)
        }
        index += 1
        switch name {
        case "actor": return .actor(text, type: nil)
        case "person": return .actor(text, type: .person)
        case "org": return .actor(text, type: .org)
        case "place": return .actor(text, type: .place)
        case "lang", "language": return .language(text)
        case "said-by": return .saidBy(text, column: column)
        case "date":
            try DateSpec.validate(text, column: value.column)
            return .date(text, column: value.column)
        default: throw QuerySyntaxError("unknown field \(name):", column: column)
        }
    }

    private func textNode(_ text: String, isPhrase: Bool, field: String?, column: Int) throws(QuerySyntaxError) -> QueryNode {
        let textField = field.flatMap(QueryNode.TextField.init(rawValue:)) ?? .any
        if isPhrase {
            guard text.contains(where: { $0.isLetter || $0.isNumber }) else {
                throw QuerySyntaxError("empty phrase", column: column)
            }
            return .phrase(text, field: textField)
        }
        if text.hasSuffix("*") {
            let stem = text.dropLast()
            guard stem.filter({ $0.isLetter || $0.isNumber }).count >= 2, !stem.contains("*") else {
                throw QuerySyntaxError("a wildcard needs at least two letters before *", column: column)
            }
            return .word(String(stem), field: textField, wildcard: true)
        }
        if text.contains("*") { throw QuerySyntaxError("* is allowed only at the end of a word", column: column) }
        return .word(text, field: textField, wildcard: false)
    }

    private mutating func enterNesting(at token: QueryToken) throws(QuerySyntaxError) {
        depth += 1
        guard depth <= Self.maximumNesting else {
            throw QuerySyntaxError("parentheses and NOT nested more than \(Self.maximumNesting) deep", column: token.column)
        }
    }

    private func startsPrimary(_ token: QueryToken?) -> Bool {
        guard let token else { return false }
        switch token.kind {
        case .word, .phrase, .field, .leftParen, .plus, .minus: return true
        default: return false
        }
    }

    private func expected(_ what: String, after token: QueryToken) -> QuerySyntaxError {
        QuerySyntaxError("expected \(what)", column: peek?.column ?? endColumn)
    }

    static func describe(_ kind: QueryToken.Kind) -> String {
        switch kind {
        case .word(let word): "\"\(word)\""
        case .phrase(let phrase): "\"\(phrase)\""
        case .field(let field): "\(field):"
        case .leftParen: "("
        case .rightParen: ")"
        case .and: "AND"
        case .or: "OR"
        case .not: "NOT"
        case .near: "NEAR"
        case .plus: "+"
        case .minus: "-"
        }
    }
}

/// `date:` values: a year, month or day, or a range "FROM..TO" with either side optional.
enum DateSpec {
    static func bounds(_ text: String) -> Result<(low: ArticleDate?, high: ArticleDate?), DateParseError> {
        if let range = text.range(of: "..") {
            let from = String(text[..<range.lowerBound]), to = String(text[range.upperBound...])
            var low: ArticleDate?
            var high: ArticleDate?
            if !from.isEmpty {
                switch DateParser.bounds(from) {
                case .success(let b): low = b.low
                case .failure(let error): return .failure(error)
                }
            }
            if !to.isEmpty {
                switch DateParser.bounds(to) {
                case .success(let b): high = b.high
                case .failure(let error): return .failure(error)
                }
            }
            if low == nil && high == nil { return .failure(DateParseError("a date range needs at least one end")) }
            if let low, let high, low > high { return .failure(DateParseError("the range ends before it starts")) }
            return .success((low, high))
        }
        return DateParser.bounds(text).map { ($0.low, $0.high) }
    }

    static func validate(_ text: String, column: Int) throws(QuerySyntaxError) {
        if case .failure(let error) = bounds(text) {
            throw QuerySyntaxError("date:\(text): \(error.reason)", column: column)
        }
    }
}
