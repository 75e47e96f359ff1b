/// Finds words too long to be index terms, so the ingest report can say that an article's
/// 1 MB "word" (a base64 blob, a run of one letter) will not be searchable. The analyzer drops such
/// words itself; this only makes the loss visible.
///
/// A word here is a run of ASCII letters and digits or two-byte UTF-8 letters (Latin, Greek,
/// Cyrillic, Arabic, Hebrew...). Scripts written without spaces (Chinese, Japanese, Thai) are
/// left out: their runs are split into words by dictionary later, not dropped.
enum LongWords {
    /// The number of words longer than `limit` bytes and the length of the longest one.
    static func find(in text: String, limit: Int = WordRules.maximumWordBytes) -> (count: Int, longest: Int) {
        var count = 0
        var longest = 0
        var run = 0
        func endRun() {
            if run > limit {
                count += 1
                longest = max(longest, run)
            }
            run = 0
        }
        var utf8 = text.utf8.makeIterator()
        while let byte = utf8.next() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                run += 1
            case 0xC2...0xDF:
                run += 1
            case 0x80...0xBF:
                if run > 0 { run += 1 } // the continuation of a two-byte letter
            default:
                endRun()
            }
        }
        endRun()
        return (count, longest)
    }
}
