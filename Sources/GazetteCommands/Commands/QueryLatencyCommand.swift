import ArgumentParser
import Foundation
import GazetteCore

/// Times queries inside one process, as the peer benchmark times the other engines: one
/// untimed warm-up pass, then timed passes of build query + top hits + their ids (no snippets).
struct QueryLatencyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query-latency",
        abstract: "Benchmark: time queries in-process (used by bench/perf.py).",
        shouldDisplay: false)

    @OptionGroup var location: IndexOptions

    @Argument(help: "A file of queries, one per line: QUERY, optionally followed by TAB SINCE TAB UNTIL.")
    var queries: String

    @Option(help: "Timed passes over all queries.")
    var passes = 3

    @Option(help: "Hits per query.")
    var limit = 10

    func run() throws {
        guard let text = try? String(contentsOfFile: queries, encoding: .utf8) else {
            throw ValidationError("cannot read \(queries)")
        }
        let requests: [SearchRequest] = text.split(separator: "\n").map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            var request = SearchRequest(query: fields[0])
            request.limit = limit
            request.snippets = false
            if fields.count > 1, !fields[1].isEmpty { request.since = fields[1] }
            if fields.count > 2, !fields[2].isEmpty { request.until = fields[2] }
            return request
        }
        try ErrorReporting.run {
            let searcher = try Searcher(indexPath: location.path)
            // Exact counts (to compare with the peers' counts) in the untimed warm-up pass.
            let counter = try Searcher(indexPath: location.path)
            counter.exactCountLimit = Int(UInt32.max)
            var totals: [Int] = []
            for request in requests {
                totals.append(try counter.search(request).total)
                _ = try searcher.search(request)
            }
            var latencies: [[Double]] = Array(repeating: [], count: requests.count)
            for _ in 0..<passes {
                for (index, request) in requests.enumerated() {
                    let start = StageTimes.now()
                    let response = try searcher.search(request)
                    _ = response.hits.map(\.id)
                    latencies[index].append((StageTimes.now() - start) * 1000)
                }
            }
            let all = latencies.flatMap { $0 }.sorted()
            func percentile(_ p: Double) -> Double {
                guard !all.isEmpty else { return 0 }
                let rank = p * Double(all.count - 1)
                let low = Int(rank.rounded(.down))
                let high = min(all.count - 1, low + 1)
                return all[low] + (all[high] - all[low]) * (rank - Double(low))
            }
            let result: [String: AnyEncodable] = [
                "queries": AnyEncodable(requests.count), "passes": AnyEncodable(passes),
                "p50_ms": AnyEncodable(percentile(0.5)), "p95_ms": AnyEncodable(percentile(0.95)),
                "p99_ms": AnyEncodable(percentile(0.99)), "totals": AnyEncodable(totals),
                "lat_ms": AnyEncodable(latencies),
            ]
            var out = OutputBuffer()
            out.line(JSON.encode(result))
            out.flush()
        }
    }
}

/// Lets a dictionary hold differently typed JSON values.
struct AnyEncodable: Encodable {
    private let encode: (Encoder) throws -> Void
    init<T: Encodable>(_ value: T) { encode = value.encode }
    func encode(to encoder: Encoder) throws { try encode(encoder) }
}
