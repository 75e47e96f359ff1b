/// The wire-service dateline that opens many articles: "KYIV, Dec 14, 2025 (Reuters) - ".
public struct Dateline: Sendable, Equatable {
    /// The place as written: "KYIV", "BRUSSELS/WARSAW", or with its region "Kyiv, Ukraine".
    public var place: String
    /// nil when the dateline has no date or a date without a year: a year is never guessed.
    public var date: ParsedDate?
    /// UTF-8 bytes of the dateline including the trailing dash and spaces
    /// (and any whitespace before it), so `body.utf8.dropFirst(length)` is the article's first sentence.
    public var length: Int

    public init(place: String, date: ParsedDate?, length: Int) {
        self.place = place
        self.date = date
        self.length = length
    }
}

/// Recognises a dateline at the very start of an article body.
///
/// Shape: place [", " region] [", " date] [" (" agency ")"] dash, where the dash is `-`, `--`, `–` or `—`.
/// The place is 1-4 words in capitals ("NEW YORK"), or in Title Case when a comma and a region or date
/// follow ("Kyiv, Ukraine"). Those conditions keep ordinary opening sentences out:
/// "The talks began on Dec 14, 2025 - officials said" has lowercase words before its comma.
public enum DatelineParser {
    /// A dateline fits in the first line's first few dozen characters; searching further only finds prose.
    static let maximumLength = 160

    public static func parse(leadOf text: String) -> Dateline? {
        guard let (head, dash, length) = splitAtFirstDash(text) else { return nil }
        var remaining = head
        var agency: Substring?
        if remaining.hasSuffix(")"), let open = remaining.lastIndex(of: "(") {
            let name = trimmed(remaining[remaining.index(after: open)..<remaining.index(before: remaining.endIndex)])
            guard isAgency(name) else { return nil }
            agency = name
            remaining = trimmed(remaining[..<open])
        }
        var segments = remaining.split(separator: ",", omittingEmptySubsequences: false).map(trimmed)[...]
        guard let first = segments.popFirst() else { return nil }
        let inCapitals = isInCapitals(first)
        guard inCapitals || isTitleCasePlace(first) else { return nil }

        var place = String(first)
        var region: Substring?
        var date: DatelineDate?
        if !segments.isEmpty {
            date = DatelineDate(segments.joined(separator: ", "))
            if date == nil {
                guard let name = segments.popFirst(), isRegion(name) else { return nil }
                region = name
                place += ", " + name
                if !segments.isEmpty {
                    date = DatelineDate(segments.joined(separator: ", "))
                    guard date != nil else { return nil }
                }
            }
        }

        if !inCapitals {
            guard region != nil || date != nil else { return nil }
        } else if region == nil, date == nil, agency == nil {
            // "NEW YORK — " alone is a common style, but "US - China talks" opens prose with a hyphen.
            guard dash != .hyphen else { return nil }
        }
        return Dateline(place: place, date: date?.parsed, length: length)
    }

    // MARK: Finding the dash

    private enum Dash { case hyphen, doubleHyphen, typographic }

    /// The text before the first dash of the first line, the kind of dash, and the byte length through the
    /// dash and the spaces after it.
    private static func splitAtFirstDash(_ text: String) -> (head: Substring, dash: Dash, length: Int)? {
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex, isSpace(scalars[index]) { index = scalars.index(after: index) }
        let headStart = index
        var previous: Unicode.Scalar = " "
        while index < scalars.endIndex {
            guard text.utf8.distance(from: text.startIndex, to: index) < maximumLength else { return nil }
            let scalar = scalars[index]
            if scalar == "\n" || scalar == "\r" { return nil }
            let next = scalars.index(after: index)
            var dash: Dash?
            var dashEnd = next
            if scalar == "\u{2014}" || scalar == "\u{2013}" {
                dash = .typographic
            } else if scalar == "-", isSpace(previous) {
                if next < scalars.endIndex, scalars[next] == "-" {
                    dash = .doubleHyphen
                    dashEnd = scalars.index(after: next)
                } else {
                    dash = .hyphen
                }
                // A hyphen joined to the next word ("-based") is not a separator.
                if dashEnd < scalars.endIndex, !isSpace(scalars[dashEnd]) { dash = nil }
            }
            if let dash {
                var end = dashEnd
                while end < scalars.endIndex, isSpace(scalars[end]) { end = scalars.index(after: end) }
                let head = trimmed(text[headStart..<index])
                guard !head.isEmpty else { return nil }
                return (head, dash, text.utf8.distance(from: text.startIndex, to: end))
            }
            previous = scalar
            index = next
        }
        return nil
    }

    /// Whitespace within a line.
    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar != "\n" && scalar != "\r" && scalar.properties.isWhitespace
    }

    private static func trimmed(_ text: Substring) -> Substring {
        let isBlank: (Character) -> Bool = { $0.isWhitespace }
        guard let first = text.firstIndex(where: { !isBlank($0) }), let last = text.lastIndex(where: { !isBlank($0) })
        else { return text[text.endIndex...] }
        return text[first...last]
    }

    // MARK: Words

    /// "NEW YORK", "BRUSSELS/WARSAW", "ST. LOUIS": 1-4 words with no lowercase letter.
    private static func isInCapitals(_ place: Substring) -> Bool {
        let words = place.split(separator: " ")
        return (1...4).contains(words.count) && words.allSatisfy { isPlaceWord($0) && !$0.contains(where: \.isLowercase) }
            && place.filter(\.isUppercase).count >= 2
    }

    /// "Kyiv", "The Hague", "Rio de Janeiro": 1-4 capitalised words, lowercase joining words inside.
    private static func isTitleCasePlace(_ place: Substring) -> Bool {
        let words = place.split(separator: " ")
        guard (1...4).contains(words.count), let first = words.first, let last = words.last,
              !sentenceOpeners.contains(first.lowercased())
        else { return false }
        return words.allSatisfy { word in
            isPlaceWord(word) && (word.first?.isUppercase == true || (word != first && word != last && joiningWords.contains(String(word))))
        }
    }

    /// The region after a place: "Ukraine", "D.C.", "South Korea"; never a month or weekday name.
    private static func isRegion(_ name: Substring) -> Bool {
        let folded = name.lowercased().filter { $0 != "." }
        return (isInCapitals(name) || isTitleCasePlace(name)) && name.split(separator: " ").count <= 3
            && DateNames.month(folded) == nil && !DateNames.isWeekday(folded)
    }

    private static func isPlaceWord(_ word: Substring) -> Bool {
        guard let first = word.first, first.isLetter else { return false }
        return word.allSatisfy { $0.isLetter || ".-/'’&".contains($0) }
    }

    /// "Reuters", "AP", "Gazette Wire".
    private static func isAgency(_ name: Substring) -> Bool {
        guard let first = name.first, first.isUppercase, name.count <= 40 else { return false }
        return name.allSatisfy { $0.isLetter || " .&-'’".contains($0) }
    }

    private static let joiningWords: Set<String> = [
        "de", "da", "do", "dos", "das", "del", "della", "di", "du", "des", "la", "le", "les", "el", "al",
        "of", "on", "upon", "am", "an", "im", "sur", "and",
    ]

    /// Capitalised words that open sentences ("However, Russia - ...") rather than name places.
    private static let sentenceOpeners: Set<String> = [
        "however", "meanwhile", "still", "yet", "also", "instead", "now", "today", "yesterday", "tomorrow",
        "separately", "earlier", "later", "finally", "overall", "again", "then", "indeed", "moreover",
        "nevertheless", "nonetheless", "otherwise", "thus", "therefore", "besides", "furthermore",
        "additionally", "elsewhere", "here", "there", "yes", "no", "well", "so", "but", "and", "or", "in",
        "on", "at", "by", "for", "after", "before", "since", "while", "when", "if", "as", "officials",
    ]
}

/// The date part of a dateline: a full date, or a month and day without a year ("Feb 26").
private struct DatelineDate {
    var parsed: ParsedDate?

    init?(_ text: String) {
        if case .success(let date) = DateParser.parse(text), date.precision >= .day {
            parsed = date
        } else if Self.isMonthAndDay(text) {
            parsed = nil
        } else {
            return nil
        }
    }

    /// "Feb 26", "Jan. 8", "26 February", "Monday, Jan 8": a real day of some year.
    private static func isMonthAndDay(_ text: String) -> Bool {
        guard let tokens = try? DateTokenizer.tokens(text) else { return false }
        var cursor = DateTokenCursor(tokens)
        if let word = cursor.peekWord(), DateNames.isWeekday(word) {
            _ = cursor.takeWord()
            _ = cursor.take(",")
        }
        let month: Int
        let day: Int
        if let word = cursor.peekWord(), let named = DateNames.month(word), let number = cursor.peekNumber(1) {
            (month, day) = (named, number.value)
        } else if let number = cursor.peekNumber(), let word = cursor.peekWord(1), let named = DateNames.month(word) {
            (month, day) = (named, number.value)
        } else {
            return false
        }
        cursor.position += 2
        if let word = cursor.peekWord(), DateNames.isOrdinalSuffix(word) { _ = cursor.takeWord() }
        // 2000 is a leap year, so February 29 counts as a day that exists.
        return cursor.isAtEnd && (1...CivilCalendar.daysIn(month: month, year: 2000)).contains(day)
    }
}
