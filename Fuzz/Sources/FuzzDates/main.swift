import Foundation
import FuzzSupport
import GazetteCore

/// Dates and datelines: the text as a date, as query bounds and as the lead of an article; its
/// first eight bytes also as an epoch number.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDates(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let text = String(decoding: bytes, as: UTF8.self)
    if case .success(let parsed) = DateParser.parse(text) {
        FuzzInput.check((1000...2999).contains(parsed.date.year), "year out of range from \(text.debugDescription)")
        FuzzInput.check(parsed.date.sortKey.count == 14, "bad sort key from \(text.debugDescription)")
    }
    if case .success(let bounds) = DateParser.bounds(text) {
        FuzzInput.check(bounds.low <= bounds.high, "inverted bounds from \(text.debugDescription)")
    }
    if let dateline = DatelineParser.parse(leadOf: text) {
        FuzzInput.check(dateline.length <= text.utf8.count, "dateline longer than the text")
    }
    if size >= 8 {
        let bits = UnsafeRawPointer(data).loadUnaligned(as: UInt64.self)
        _ = DateParser.fromEpoch(Double(bitPattern: bits))
    }
    return 0
}

exit(FuzzInput.run())
