import Foundation
import FuzzSupport
import GazetteCore

/// Reads the input as a .md file through ArticleSource, as the indexer does.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    FuzzInput.read(FuzzInput.file("input.md", bytes), as: .md)
    return 0
}

exit(FuzzInput.run())
