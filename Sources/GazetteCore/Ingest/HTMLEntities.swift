/// Character references in Markdown text ("&amp;", "&#8217;", "&#x2014;"). HTML pages have theirs
/// decoded by libxml2; Markdown keeps them as written, so the Markdown reducer decodes the common
/// ones and leaves anything else as text.
enum HTMLEntities {
    /// Names news text uses; an unknown name stays as written.
    static let named: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
        "mdash": "\u{2014}", "ndash": "\u{2013}", "hellip": "\u{2026}", "lsquo": "\u{2018}", "rsquo": "\u{2019}",
        "ldquo": "\u{201C}", "rdquo": "\u{201D}", "laquo": "\u{AB}", "raquo": "\u{BB}", "euro": "\u{20AC}",
        "pound": "\u{A3}", "copy": "\u{A9}", "reg": "\u{AE}", "deg": "\u{B0}", "middot": "\u{B7}", "bull": "\u{2022}",
    ]

    /// Decodes a reference starting at `bytes[start]` ("&"): its UTF-8 and the number of bytes it
    /// took, or nil when the text there is not a reference. Looks at most 34 bytes ahead.
    static func decode(_ bytes: [UInt8], at start: Int) -> ([UInt8], Int)? {
        let end = min(bytes.count, start + 34)
        guard let semicolon = bytes[start..<end].firstIndex(of: UInt8(ascii: ";")), semicolon > start + 1 else { return nil }
        let body = bytes[(start + 1)..<semicolon]
        let scalar: Unicode.Scalar?
        if body.first == UInt8(ascii: "#") {
            var digits = body.dropFirst()
            var radix = 10
            if let x = digits.first, x | 0x20 == UInt8(ascii: "x") {
                radix = 16
                digits = digits.dropFirst()
            }
            guard (1...7).contains(digits.count), let value = UInt32(String(decoding: digits, as: UTF8.self), radix: radix) else {
                return nil
            }
            // NUL and surrogates are not characters; U+FFFD stands in, as HTML parsers do.
            scalar = value == 0 ? "\u{FFFD}" : Unicode.Scalar(value) ?? "\u{FFFD}"
        } else {
            guard body.allSatisfy({ ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") || ($0 >= 0x30 && $0 <= 0x39) }) else {
                return nil
            }
            scalar = named[String(decoding: body, as: UTF8.self)]
        }
        guard let scalar else { return nil }
        return (Array(String(Character(scalar)).utf8), semicolon - start + 1)
    }
}
