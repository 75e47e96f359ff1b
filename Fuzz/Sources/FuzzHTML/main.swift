import Foundation
import FuzzSupport
import GazetteCore

/// Reads the input as a .html file through ArticleSource, as the indexer does.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    FuzzInput.read(FuzzInput.file("input.html", bytes), as: .html)
    return 0
}

exit(FuzzInput.run())
