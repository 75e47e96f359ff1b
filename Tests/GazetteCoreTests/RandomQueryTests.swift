import Foundation
import Testing
@testable import GazetteCore

/// The property: any query string either gets an answer or fails with a `QuerySyntaxError` whose
/// column lies inside the query (the CLI's exit 64); never another error, a crash or a hang.
///
/// GAZETTE_RANDOM_QUERIES sets how many (default 20,000, which a debug build runs in well under a
/// minute); RELIABILITY.md has the command for the full million. GAZETTE_RANDOM_SEED replays a run.
@Suite("Random queries")
struct RandomQueryTests {
    static let count = ProcessInfo.processInfo.environment["GAZETTE_RANDOM_QUERIES"].flatMap { Int($0) } ?? 20_000
    static let seed = ProcessInfo.processInfo.environment["GAZETTE_RANDOM_SEED"].flatMap { UInt64($0) } ?? 20_251_214
    /// Wall time allowed for one query, parse to hits. Xapian's own match limit is set lower (below).
    static let perQueryLimit = 5.0
    /// GAZETTE_RANDOM_SHOW=N prints the first N queries and their outcomes (to review the grammar).
    static let show = ProcessInfo.processInfo.environment["GAZETTE_RANDOM_SHOW"].flatMap { Int($0) } ?? 0

    @Test(.timeLimit(.minutes(60)))
    func everyQueryAnswersOrFailsWithAColumn() throws {
        let searcher = try Searcher(indexPath: SampleIndex.path)
        searcher.timeLimitSeconds = 2
        var generator = RandomQueryGenerator(seed: Self.seed)
        var answered = 0
        var syntaxErrors = 0
        var failures: [String] = []
        var slowest = (seconds: 0.0, query: "")
        let clock = ContinuousClock()
        let started = clock.now
        for number in 0..<Self.count {
            let query = generator.query()
            var request = SearchRequest(query: query)
            request.match = number % 3 == 0 ? .any : .all
            request.sort = [.relevance, .newest, .oldest][number % 3]
            request.facets = number % 50 == 0
            request.limit = number % 10 == 0 ? 10 : 0
            let before = clock.now
            // Printed before running, so a query that crashes the process is the last one shown.
            if number < Self.show { print("run #\(number): \(query.debugDescription)") }
            do {
                let response = try searcher.search(request)
                answered += 1
                if number < Self.show { print("ok \(response.total): \(query.debugDescription)") }
            } catch let error as QuerySyntaxError {
                syntaxErrors += 1
                if number < Self.show { print("64 col \(error.column) \(error.message): \(query.debugDescription)") }
                if !(1...query.count + 1).contains(error.column) {
                    failures.append("#\(number) column \(error.column) outside \(query.debugDescription): \(error.message)")
                }
            } catch {
                failures.append("#\(number) \(query.debugDescription): \(error)")
            }
            let seconds = (clock.now - before) / .seconds(1)
            if seconds > slowest.seconds { slowest = (seconds, query) }
        }
        let elapsed = (clock.now - started) / .seconds(1)
        print("""
            random queries (seed \(Self.seed)): \(Self.count) run, \(answered) answered, \(syntaxErrors) syntax errors with a column, \
            \(failures.count) failed; slowest \(String(format: "%.3f", slowest.seconds)) s (\(slowest.query.prefix(60).debugDescription)); \
            \(String(format: "%.1f", elapsed)) s in all
            """)
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(5))")
        // Instrumented builds (scripts/sanitizers.sh) run several times slower: time is not measured there.
        let timed = ProcessInfo.processInfo.environment["GAZETTE_SANITIZED"] == nil
        #expect(!timed || slowest.seconds < Self.perQueryLimit, "slowest query took \(slowest.seconds) s: \(slowest.query.debugDescription)")
        #expect(answered > Self.count / 10 && syntaxErrors > Self.count / 10, "the grammar should produce both kinds")
    }

    /// The same property through the real binary: exit status 0 or 64 only. A process per query is
    /// slow, so fewer (GAZETTE_RANDOM_CLI_QUERIES, default 100).
    @Test(.timeLimit(.minutes(30)))
    func theCommandLineExitsWith0Or64() throws {
        let count = ProcessInfo.processInfo.environment["GAZETTE_RANDOM_CLI_QUERIES"].flatMap { Int($0) } ?? 100
        let binary = try #require(GazetteBinary.path, "the gazette binary is built with the tests")
        var generator = RandomQueryGenerator(seed: Self.seed ^ 0x5EED)
        var statuses: [Int32: Int] = [:]
        var unexpected: [String] = []
        for _ in 0..<count {
            // argv cannot carry NUL; "--" keeps a query that starts with "-" from being read as an option.
            let query = generator.query().replacingOccurrences(of: "\u{0}", with: " ")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["search", "--index", SampleIndex.path, "--limit", "3", "--", query]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let watchdog = DispatchWorkItem { process.terminate() }
            DispatchQueue.global().asyncAfter(deadline: .now() + 30, execute: watchdog)
            process.waitUntilExit()
            watchdog.cancel()
            let status = process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
            statuses[status, default: 0] += 1
            if status != 0 && status != 64 { unexpected.append("exit \(status): \(query.debugDescription)") }
        }
        print("random queries through the CLI: \(count) run, exit statuses \(statuses.sorted { $0.key < $1.key })")
        #expect(unexpected.isEmpty, "\(unexpected.prefix(5))")
    }

    @Test func generatorIsDeterministic() {
        var a = RandomQueryGenerator(seed: 7)
        var b = RandomQueryGenerator(seed: 7)
        #expect((0..<100).map { _ in a.query() } == (0..<100).map { _ in b.query() })
    }
}
