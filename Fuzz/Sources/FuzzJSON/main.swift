import Foundation
import FuzzSupport
import GazetteCore

/// Reads the input as a .json file and as a .jsonl file through ArticleSource, as the indexer does.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    FuzzInput.read(FuzzInput.file("input.json", bytes), as: .json)
    FuzzInput.read(FuzzInput.file("input.jsonl", bytes), as: .jsonl)
    return 0
}

exit(FuzzInput.run())
