/// Token shapes and neighbourhood questions over one analysed text.
struct TokenContext {
    let bytes: UnsafeBufferPointer<UInt8>
    let tokens: [Token]

    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    func surface(_ span: ActorExtractor.Span) -> String {
        text(tokens[span.first].start, tokens[span.end - 1].end)
    }

    func firstScalar(_ index: Int) -> Unicode.Scalar? {
        let token = tokens[index]
        let byte = bytes[token.start]
        if byte < 0x80 { return Unicode.Scalar(byte) }
        return text(token.start, min(token.end, token.start + 4)).unicodeScalars.first
    }

    func isCapitalized(_ index: Int) -> Bool {
        let byte = bytes[tokens[index].start]
        if byte < 0x80 { return byte >= 0x41 && byte <= 0x5A }
        guard let scalar = firstScalar(index) else { return false }
        return scalar.properties.isUppercase
    }

    func isAllCaps(_ index: Int) -> Bool {
        let token = tokens[index]
        var letters = 0
        var ascii = true
        for offset in token.start..<token.end {
            let byte = bytes[offset]
            if byte >= 0x80 {
                ascii = false
                break
            }
            if byte >= 0x61 && byte <= 0x7A { return false }
            if byte >= 0x41 && byte <= 0x5A { letters += 1 }
        }
        if ascii { return letters >= 2 }
        letters = 0
        for scalar in text(token.start, token.end).unicodeScalars where scalar.properties.isAlphabetic {
            if !scalar.properties.isUppercase { return false }
            letters += 1
        }
        return letters >= 2
    }

    func isAcronym(_ index: Int) -> Bool { tokens[index].isAcronym }

    /// Two tokens are adjacent when only spaces or a hyphen separate them (no comma, no period).
    func adjacent(_ a: Int, _ b: Int) -> Bool {
        guard b < tokens.count, tokens[a].sentence == tokens[b].sentence else { return false }
        let gap = tokens[a].end..<tokens[b].start
        if gap.count > 3 { return false }
        return gap.allSatisfy { bytes[$0] == 0x20 || bytes[$0] == UInt8(ascii: "-") }
    }

    func matches(_ alias: Gazetteer.Alias, at index: Int) -> Bool {
        for offset in 0..<alias.tokens.count {
            let position = index + offset
            guard position < tokens.count, tokens[position].folded == alias.tokens[offset] else { return false }
            if offset > 0, tokens[position].sentence != tokens[index].sentence { return false }
        }
        if let exact = alias.exactCase {
            return text(tokens[index].start, tokens[index + alias.tokens.count - 1].end) == exact
        }
        return true
    }

    func matchesWords(_ words: [String], at index: Int, limit: Int) -> Bool {
        guard index + words.count <= limit else { return false }
        for offset in 0..<words.count where tokens[index + offset].folded != words[offset] { return false }
        return true
    }

    /// Length of a personal name starting at `start`: capitalised words, initials ("A."), inner
    /// particles ("de", "van", "bin"); at most four words.
    func nameLength(from start: Int, limit: Int, gazetteer: Gazetteer) -> Int {
        guard start < limit, isCapitalized(start), tokens[start].kind == .letter, !isAcronym(start),
            !gazetteer.nonEntities.contains(tokens[start].folded)
        else { return 0 }
        var length = 1
        var index = start + 1
        while index < limit, length < 4, adjacent(index - 1, index) {
            let folded = tokens[index].folded
            if isCapitalized(index), tokens[index].kind == .letter, !gazetteer.nonEntities.contains(folded) {
                length = index - start + 1
            } else if !Self.particles.contains(folded) {
                break
            }
            index += 1
        }
        return length
    }

    static let particles: Set<String> = ["de", "da", "di", "du", "van", "von", "der", "den", "la", "le", "bin", "ibn", "al", "el", "y", "dos", "das"]

    /// A heading or an all-capital line: short, mostly capitalised, not ending like a sentence.
    func isHeading(_ range: Range<Int>) -> Bool {
        let letterTokens = range.filter { tokens[$0].kind == .letter }
        guard !letterTokens.isEmpty else { return false }
        let allCaps = letterTokens.filter { isAllCaps($0) || (tokens[$0].end - tokens[$0].start == 1 && isCapitalized($0)) }.count
        if allCaps * 10 >= letterTokens.count * 8 && letterTokens.count >= 2 { return true }
        guard letterTokens.count >= 2, letterTokens.count <= 14 else { return false }
        let capitalized = letterTokens.filter { isCapitalized($0) || TokenContext.minorWords.contains(tokens[$0].folded) }.count
        guard capitalized * 10 >= letterTokens.count * 9 else { return false }
        // A heading has no sentence-final punctuation after its last word.
        var offset = tokens[range.upperBound - 1].end
        while offset < bytes.count, bytes[offset] == 0x20 || bytes[offset] == UInt8(ascii: "\"") { offset += 1 }
        return offset >= bytes.count || !(bytes[offset] == UInt8(ascii: ".") || bytes[offset] == UInt8(ascii: "!"))
    }
}

extension TokenContext {
    /// Words headline style leaves in lower case.
    static let minorWords: Set<String> = ["a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "with", "by", "as", "from", "vs"]

    /// A stock symbol in angle brackets, as wire copy writes them: "<UK>" (Union Carbide),
    /// "<SKDS.ST>". Not a mention of a place or a person, whatever the letters spell.
    func isTickerSymbol(_ range: Range<Int>) -> Bool {
        guard range.count == 1, isAllCaps(range.lowerBound) || tokens[range.lowerBound].end - tokens[range.lowerBound].start == 1 else { return false }
        let token = tokens[range.lowerBound]
        guard token.start > 0, bytes[token.start - 1] == UInt8(ascii: "<") else { return false }
        var offset = token.end
        while offset < bytes.count, offset < token.end + 8, bytes[offset] != UInt8(ascii: ">") {
            let byte = bytes[offset]
            guard byte == UInt8(ascii: ".") || (byte >= 0x41 && byte <= 0x5A) else { return false }
            offset += 1
        }
        return offset < bytes.count && bytes[offset] == UInt8(ascii: ">")
    }
}
