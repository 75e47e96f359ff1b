/// Orthographic facts about one token, read from its bytes in the text.
struct WordShape {
    /// "Xxxx", "XX", "X.X.", "dddd", "Xx-Xx": letters and digits by class, runs capped at four.
    var shape: UInt64
    /// The same with every run collapsed to one character ("Xx", "X", "X.X.", "d").
    var shortShape: UInt64
    var initialCapital: Bool
    var allCapitals: Bool
    var hasDigit: Bool
    var hasLetter: Bool

    init(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) {
        var shape = FeatureHash.fnvOffset
        var short = FeatureHash.fnvOffset
        var previous: UInt8 = 0
        var run = 0
        var upper = 0
        var lower = 0
        var digits = 0
        var first = true
        var initialCapital = false
        var index = start
        while index < end {
            let byte = bytes[index]
            var symbol: UInt8
            var width = 1
            if byte < 0x80 {
                switch byte {
                case 0x41...0x5A: symbol = UInt8(ascii: "X"); upper += 1
                case 0x61...0x7A: symbol = UInt8(ascii: "x"); lower += 1
                case 0x30...0x39: symbol = UInt8(ascii: "d"); digits += 1
                default: symbol = byte
                }
            } else {
                // Non-ASCII letters: decode the scalar to ask whether it is upper case.
                width = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
                let scalar = WordShape.scalar(bytes, index, min(width, end - index))
                if let scalar, scalar.properties.isUppercase {
                    symbol = UInt8(ascii: "X"); upper += 1
                } else if let scalar, scalar.properties.isAlphabetic {
                    symbol = UInt8(ascii: "x"); lower += 1
                } else {
                    symbol = UInt8(ascii: "~")
                }
            }
            if first {
                initialCapital = symbol == UInt8(ascii: "X")
                first = false
            }
            if symbol == previous {
                run += 1
            } else {
                run = 1
                short = FeatureHash.add(short, symbol)
            }
            if run <= 4 { shape = FeatureHash.add(shape, symbol) }
            previous = symbol
            index += width
        }
        self.shape = shape
        shortShape = short
        self.initialCapital = initialCapital
        allCapitals = upper > 0 && lower == 0
        hasDigit = digits > 0
        hasLetter = upper + lower > 0
    }

    static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, _ width: Int) -> Unicode.Scalar? {
        var decoder = UTF8()
        var iterator = UnsafeBufferPointer(rebasing: bytes[index..<index + width]).makeIterator()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return nil
    }
}
