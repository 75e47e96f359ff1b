import Foundation
import FuzzSupport
import GazetteCore

/// An index of the repository's Samples/, built once per fuzzing process.
let sampleIndex: String = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    let path = FuzzInput.scratchDirectory + "/samples-index"
    var options = Indexer.Options(indexPath: path)
    options.rebuild = true
    options.jobs = 1
    _ = try! Indexer(options: options).run(paths: [root.path + "/Samples"])
    return path
}()

// libFuzzer calls the entry point from one thread only.
nonisolated(unsafe) let searcher = try! Searcher(indexPath: sampleIndex)

/// A query is parsed and, when it parses, run against the index: it must answer or fail with a
/// syntax error whose column lies inside the query (the CLI's exit 64), nothing else.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuery(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let query = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        guard try QueryParser.parse(query) != nil else { return 0 }
        var request = SearchRequest(query: query)
        request.limit = 3
        _ = try searcher.search(request)
    } catch let error as QuerySyntaxError {
        FuzzInput.check((1...query.count + 1).contains(error.column), "column \(error.column) outside \(query.debugDescription)")
    } catch {
        FuzzInput.check(false, "query \(query.debugDescription) failed with \(error)")
    }
    return 0
}

exit(FuzzInput.run())
