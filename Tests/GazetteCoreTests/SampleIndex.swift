import Foundation
@testable import GazetteCore

/// One index of Samples/ shared by the end-to-end tests (built once; tests only read it).
enum SampleIndex {
    static let path: String = {
        let path = NSTemporaryDirectory() + "gazette-samples-" + UUID().uuidString
        var options = Indexer.Options(indexPath: path)
        options.jobs = 2
        let report = try! Indexer(options: options).run(paths: [Repository.samples])
        precondition(report.failures.isEmpty, "Samples must index cleanly: \(report.failures)")
        return path
    }()

    static func search(_ query: String, configure: (inout SearchRequest) -> Void = { _ in }) throws -> SearchResponse {
        var request = SearchRequest(query: query)
        request.limit = 100
        configure(&request)
        return try Searcher(indexPath: path).search(request)
    }

    static func ids(_ query: String, configure: (inout SearchRequest) -> Void = { _ in }) throws -> Set<String> {
        Set(try search(query, configure: configure).hits.map(\.id))
    }
}
