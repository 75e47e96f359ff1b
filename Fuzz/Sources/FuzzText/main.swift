import Foundation
import FuzzSupport
import GazetteCore

/// Reads the input as a .txt file through ArticleSource, as the indexer does.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzText(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    FuzzInput.read(FuzzInput.file("input.txt", bytes), as: .txt)
    return 0
}

exit(FuzzInput.run())
