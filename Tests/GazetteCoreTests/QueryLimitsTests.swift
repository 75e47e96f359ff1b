import Foundation
import Testing
@testable import GazetteCore

/// Limits that keep one query from running away, reported as syntax errors with a column (the
/// CLI's exit 64) rather than as engine failures.
@Suite("Query limits")
struct QueryLimitsTests {
    @Test func wildcardExpandingPastTheLimitIsASyntaxErrorAtTheWildcard() throws {
        let corpus = TemporaryDirectory()
        let index = TemporaryDirectory()
        // 1,100 distinct words sharing a prefix: more than the 1,000 a wildcard may expand to.
        let words = (0..<1_100).map { "zzq\($0)" }.joined(separator: " ")
        corpus.write("many.txt", "Many words\n\nA list of codes: \(words).")
        _ = try Indexer(options: Indexer.Options(indexPath: index.path)).run(paths: [corpus.path])
        let searcher = try Searcher(indexPath: index.path)
        #expect(try searcher.search(SearchRequest(query: "zzq10*")).total == 1) // 111 words: fine
        #expect {
            _ = try searcher.search(SearchRequest(query: "codes AND zzq*"))
        } throws: { error in
            guard let error = error as? QuerySyntaxError else { return false }
            return error.column == 11 && error.message.contains("zzq* matches more than 1000 words")
        }
    }
}
