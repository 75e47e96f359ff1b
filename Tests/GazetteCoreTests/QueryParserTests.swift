import Testing
@testable import GazetteCore

@Suite("Query parser")
struct QueryParserTests {
    @Test("valid queries", arguments: [
        ("peace", QueryNode.word("peace", field: .any, wildcard: false)),
        ("peace talks", .implicit([.word("peace", field: .any, wildcard: false), .word("talks", field: .any, wildcard: false)])),
        ("\"security guarantees\"", .phrase("security guarantees", field: .any)),
        ("a OR b", .or([.word("a", field: .any, wildcard: false), .word("b", field: .any, wildcard: false)])),
        ("a AND b", .and([.word("a", field: .any, wildcard: false), .word("b", field: .any, wildcard: false)])),
        ("a NOT b", .implicit([.word("a", field: .any, wildcard: false), .not(.word("b", field: .any, wildcard: false))])),
        ("+a -b", .implicit([.required(.word("a", field: .any, wildcard: false)), .prohibited(.word("b", field: .any, wildcard: false))])),
        ("secur*", .word("secur", field: .any, wildcard: true)),
        ("title:ceasefire", .word("ceasefire", field: .title, wildcard: false)),
        ("title:\"peace talks\"", .phrase("peace talks", field: .title)),
        ("title:(peace talks)", .implicit([.word("peace", field: .title, wildcard: false), .word("talks", field: .title, wildcard: false)])),
        ("actor:\"Volodymyr Zelensky\"", .actor("Volodymyr Zelensky", type: nil)),
        ("person:zelensky", .actor("zelensky", type: .person)),
        ("place:Kyiv", .actor("Kyiv", type: .place)),
        ("org:NATO", .actor("NATO", type: .org)),
        ("date:2025-12", .date("2025-12", column: 6)),
        ("date:2025-12-01..2025-12-31", .date("2025-12-01..2025-12-31", column: 6)),
        ("lang:uk", .language("uk")),
        ("source:reuters", .word("reuters", field: .source, wildcard: false)),
        ("actor:zelensky NEAR/5 \"security guarantees\"", .near([.actor("zelensky", type: nil), .phrase("security guarantees", field: .any)], distance: 5)),
        ("a NEAR b", .near([.word("a", field: .any, wildcard: false), .word("b", field: .any, wildcard: false)], distance: QueryParser.defaultNearDistance)),
        ("(a OR b) c", .implicit([.or([.word("a", field: .any, wildcard: false), .word("b", field: .any, wildcard: false)]), .word("c", field: .any, wildcard: false)])),
        ("U.S.-led", .word("U.S.-led", field: .any, wildcard: false)),
        ("and or not", .implicit([.word("and", field: .any, wildcard: false), .word("or", field: .any, wildcard: false), .word("not", field: .any, wildcard: false)])),
        ("“curly quotes”", .phrase("curly quotes", field: .any)),
    ])
    func parses(query: String, expected: QueryNode) throws {
        #expect(try QueryParser.parse(query) == expected)
    }

    @Test("syntax errors carry the column", arguments: [
        ("(peace talks", 1, "unclosed parenthesis"),
        ("peace talks)", 12, "unmatched closing parenthesis"),
        ("\"security guarantees", 1, "unclosed quotation mark"),
        ("peace AND", 10, "expected a term after AND"),
        ("OR peace", 1, "expected a term but found OR"),
        ("a NEAR/x b", 3, "NEAR/ needs a whole number"),
        ("a NEAR/500 b", 3, "beyond the limit"),
        ("date:2025-13", 6, "month 13"),
        ("date:2025-02-30", 6, "February 30 does not exist"),
        ("x*", 1, "at least two letters"),
        ("se*ur", 1, "only at the end"),
        ("()", 1, "empty parentheses"),
        ("a NEAR secur*", 8, "wildcards cannot be used with NEAR"),
        ("actor:", 1, "needs a value"),
        ("\"!!\"", 1, "empty phrase"),
        (String(repeating: "(", count: 65) + "a" + String(repeating: ")", count: 65), 65, "nested more than 64 deep"),
        (String(repeating: "(", count: 2000) + "a" + String(repeating: ")", count: 2000), 65, "nested more than 64 deep"),
        (String(repeating: "NOT ", count: 70) + "a", 257, "nested more than 64 deep"),
        ("-(" + String(repeating: "(", count: 70) + "a", 66, "nested more than 64 deep"),
    ])
    func reportsErrors(query: String, column: Int, message: String) {
        #expect {
            _ = try QueryParser.parse(query)
        } throws: { error in
            guard let error = error as? QuerySyntaxError else { return false }
            return error.column == column && error.message.contains(message)
        }
    }

    @Test func emptyQueryParsesToNothing() throws {
        #expect(try QueryParser.parse("   ") == nil)
    }

    @Test func nestingUpToTheLimitParses() throws {
        let query = String(repeating: "(", count: QueryParser.maximumNesting) + "a" + String(repeating: ")", count: QueryParser.maximumNesting)
        #expect(try QueryParser.parse(query) == .word("a", field: .any, wildcard: false))
    }
}
