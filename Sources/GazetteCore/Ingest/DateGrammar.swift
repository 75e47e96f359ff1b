/// Calendar and clock fields as the text wrote them, before validation and conversion to UTC.
struct DateFields: Equatable {
    var year: Int
    var month: Int?
    var day: Int?
    var hour: Int?
    var minute = 0
    var second = 0
    /// Seconds east of UTC that the written time is in.
    var utcOffset = 0

    /// Checks every field, then moves the time to UTC (which may roll it into another day, month or year).
    func resolved() throws(DateParseError) -> ParsedDate {
        try CivilCalendar.checkYear(year)
        if let month { try CivilCalendar.checkMonth(month) }
        if let month, let day { try CivilCalendar.checkDay(day, month: month, year: year) }
        if let hour {
            guard (0...23).contains(hour) else { throw DateParseError("hour \(hour) is out of range 0-23") }
            guard (0...59).contains(minute) else { throw DateParseError("minute \(minute) is out of range 0-59") }
            // 60 is a leap second (RFC 3339 allows it); ArticleDate cannot hold it, so it becomes :59.
            guard (0...60).contains(second) else { throw DateParseError("second \(second) is out of range 0-59") }
        }
        let precision: ParsedDate.Precision = hour != nil ? .time : day != nil ? .day : month != nil ? .month : .year
        var date = ArticleDate(
            year: year, month: month ?? 1, day: day ?? 1, hour: hour ?? 0, minute: minute, second: min(second, 59))
        if utcOffset != 0 {
            date = ArticleDate(epochSeconds: date.epochSeconds - utcOffset)
            try CivilCalendar.checkYear(date.year, after: " after conversion to UTC")
        }
        return ParsedDate(date: date, precision: precision)
    }
}

/// The grammar of the date formats `DateParser` accepts, over `DateToken`s:
///
///     date    = iso | compact | day-first | name-first
///     iso     = year [("-" | "/") month [("-" | "/") day [time]]]        2025-12-14T09:30:00Z, 2025/12/14
///     compact = yyyymmdd ["T" hhmm[ss]] [zone]                             20251214T093000Z
///     day-first  = day [ordinal] ["-"] month-name ["-" | ","] year [time]  14 Dec 2025, 26-FEB-1987 15:01:01.79
///     name-first = [weekday [","]] (day-first | month-name (day [ordinal] [","] year | [","] year) [time])
///     time    = ["," | "at" | "T"] hh ":" mm [":" ss [fraction]] [am-pm] [zone] ["(" comment ")"]
///     zone    = name [offset] | offset;   offset = ("+" | "-") (hh | hhmm | hh ":" mm)
enum DateGrammar {
    static func read(_ text: String) throws(DateParseError) -> DateFields {
        var cursor = DateTokenCursor(try DateTokenizer.tokens(text))
        var fields: DateFields
        switch cursor.peek() {
        case nil: throw .empty
        case .number(_, let digits) where digits >= 3: fields = try readYearFirst(&cursor)
        case .number: fields = try readDayFirst(&cursor)
        case .word: fields = try readNameFirst(&cursor)
        case .symbol: throw .unrecognised
        }
        if fields.day != nil { try readTime(&cursor, into: &fields) }
        guard cursor.isAtEnd else {
            throw DateParseError("unrecognised date format (unexpected '\(cursor.nextDescription)')")
        }
        return fields
    }

    // MARK: Calendar part

    private static func readYearFirst(_ cursor: inout DateTokenCursor) throws(DateParseError) -> DateFields {
        guard let (value, digits) = cursor.takeNumber() else { throw .unrecognised }
        let separator = cursor.peekSymbol()
        if separator != "-" && separator != "/" {
            // Basic ISO 8601 forms without separators; 14 digits is also `ArticleDate.sortKey`.
            switch digits {
            case 8: return DateFields(year: value / 10_000, month: value / 100 % 100, day: value % 100)
            case 14:
                let day = value / 1_000_000
                return DateFields(
                    year: day / 10_000, month: day / 100 % 100, day: day % 100, hour: value / 10_000 % 100,
                    minute: value / 100 % 100, second: value % 100)
            default: return DateFields(year: value)
            }
        }
        var fields = DateFields(year: value)
        guard let separator, cursor.take(separator) else { return fields }
        fields.month = try readSmallNumber(&cursor)
        if cursor.take(separator) { fields.day = try readSmallNumber(&cursor) }
        return fields
    }

    private static func readDayFirst(_ cursor: inout DateTokenCursor) throws(DateParseError) -> DateFields {
        let day = try readSmallNumber(&cursor)
        if let word = cursor.peekWord(), DateNames.isOrdinalSuffix(word) { _ = cursor.takeWord() }
        let dashed = cursor.take("-")
        if cursor.peekNumber() != nil || (cursor.peekSymbol().map { "/.".contains($0) } ?? false) {
            throw DateParseError("all-numeric dates with the day or month first are ambiguous; use YYYY-MM-DD")
        }
        guard let word = cursor.takeWord(), let month = DateNames.month(word) else { throw .unrecognised }
        if !(dashed && cursor.take("-")) { _ = cursor.take(",") }
        return DateFields(year: try readYear(&cursor), month: month, day: day)
    }

    private static func readNameFirst(_ cursor: inout DateTokenCursor) throws(DateParseError) -> DateFields {
        if let word = cursor.peekWord(), DateNames.isWeekday(word) {
            _ = cursor.takeWord()
            _ = cursor.take(",")
            if cursor.peekNumber() != nil { return try readDayFirst(&cursor) }
        }
        guard let word = cursor.takeWord() else { throw .unrecognised }
        guard let month = DateNames.month(word) else {
            throw DateParseError("unrecognised date format (unknown word '\(word)')")
        }
        _ = cursor.take(",")
        guard let (_, digits) = cursor.peekNumber() else { throw DateParseError("date has no year") }
        if digits >= 3 { return DateFields(year: try readYear(&cursor), month: month) }
        let day = try readSmallNumber(&cursor)
        if let word = cursor.peekWord(), DateNames.isOrdinalSuffix(word) { _ = cursor.takeWord() }
        _ = cursor.take(",")
        return DateFields(year: try readYear(&cursor), month: month, day: day)
    }

    private static func readYear(_ cursor: inout DateTokenCursor) throws(DateParseError) -> Int {
        // "Dec 14 10:00" has no year: the number after the day is an hour.
        guard let (value, digits) = cursor.peekNumber(), cursor.peekSymbol(1) != ":" else {
            throw DateParseError("date has no year")
        }
        guard digits >= 3 else { throw DateParseError("two-digit year \(value) is ambiguous; write all four digits") }
        _ = cursor.takeNumber()
        return value
    }

    /// A month, day, hour, minute or second: one or two digits.
    private static func readSmallNumber(_ cursor: inout DateTokenCursor) throws(DateParseError) -> Int {
        guard let (value, digits) = cursor.peekNumber() else { throw .unrecognised }
        guard digits <= 2 else { throw DateParseError("unrecognised date format (unexpected '\(value)')") }
        _ = cursor.takeNumber()
        return value
    }

    // MARK: Clock part

    private static func readTime(_ cursor: inout DateTokenCursor, into fields: inout DateFields) throws(DateParseError) {
        let start = cursor.position
        let afterT = cursor.take(word: "t")
        if !afterT, !cursor.take(word: "at") { _ = cursor.take(",") }
        guard let (value, digits) = cursor.peekNumber() else {
            // No time after all: leave the separator for the caller to reject as trailing text.
            cursor.position = start
            return
        }
        if cursor.peekSymbol(1) == ":" {
            fields.hour = try readSmallNumber(&cursor)
            _ = cursor.take(":")
            fields.minute = try readTwoDigits(&cursor)
            if cursor.take(":") { fields.second = try readTwoDigits(&cursor) }
        } else if afterT, digits == 4 || digits == 6 {
            // Basic ISO 8601 time: "T0930" or "T093000".
            _ = cursor.takeNumber()
            let hhmmss = digits == 4 ? value * 100 : value
            fields.hour = hhmmss / 10_000
            fields.minute = hhmmss / 100 % 100
            fields.second = hhmmss % 100
        } else {
            cursor.position = start
            return
        }
        // Fractions of a second are dropped: the index keeps whole seconds.
        if let symbol = cursor.peekSymbol(), symbol == "." || symbol == ",", cursor.peekNumber(1) != nil {
            cursor.position += 2
        }
        try readMeridiem(&cursor, into: &fields)
        fields.utcOffset = try readZone(&cursor)
        try skipComment(&cursor)
    }

    private static func readTwoDigits(_ cursor: inout DateTokenCursor) throws(DateParseError) -> Int {
        guard let (value, digits) = cursor.takeNumber(), digits == 2 else { throw .unrecognised }
        return value
    }

    private static func readMeridiem(_ cursor: inout DateTokenCursor, into fields: inout DateFields) throws(DateParseError) {
        guard let word = cursor.peekWord(), let afternoon = DateNames.isAfternoon(word), let hour = fields.hour else {
            return
        }
        _ = cursor.takeWord()
        guard (1...12).contains(hour) else {
            throw DateParseError("hour \(hour) is out of range 1-12 with \(word.uppercased())")
        }
        // 12 a.m. is midnight and 12 p.m. is noon.
        fields.hour = hour % 12 + (afternoon ? 12 : 0)
    }

    /// Seconds east of UTC; 0 when no zone is written.
    private static func readZone(_ cursor: inout DateTokenCursor) throws(DateParseError) -> Int {
        if let word = cursor.peekWord() {
            guard let offset = DateNames.zoneOffset(word) else {
                if DateNames.isAmbiguousZone(word) {
                    throw DateParseError("time zone \(word.uppercased()) is ambiguous; write a numeric offset")
                }
                throw DateParseError("unknown time zone '\(word.uppercased())'")
            }
            _ = cursor.takeWord()
            if DateNames.isUniversal(word), let sign = cursor.peekSymbol(), sign == "+" || sign == "-" {
                return try readOffset(&cursor)
            }
            return offset
        }
        if let sign = cursor.peekSymbol(), sign == "+" || sign == "-" { return try readOffset(&cursor) }
        return 0
    }

    /// "+02:00", "+0200", "-05", "+2".
    private static func readOffset(_ cursor: inout DateTokenCursor) throws(DateParseError) -> Int {
        let sign = cursor.take("-") ? -1 : 1
        if sign == 1 { _ = cursor.take("+") }
        guard let (value, digits) = cursor.takeNumber() else { throw .unrecognised }
        var hours = value
        var minutes = 0
        switch digits {
        case 1, 2:
            if cursor.take(":") { minutes = try readTwoDigits(&cursor) }
        case 4:
            hours = value / 100
            minutes = value % 100
        default:
            throw DateParseError("unrecognised time-zone offset '\(value)'")
        }
        guard hours <= 18, minutes <= 59 else {
            let twoDigits = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
            let written = (sign < 0 ? "-" : "+") + twoDigits(hours) + ":" + twoDigits(minutes)
            throw DateParseError("time-zone offset \(written) is out of range")
        }
        return sign * (hours * 3_600 + minutes * 60)
    }

    /// RFC 2822 allows a comment after the zone, as in "-0500 (EST)"; it repeats the zone, so it is skipped.
    private static func skipComment(_ cursor: inout DateTokenCursor) throws(DateParseError) {
        guard cursor.take("(") else { return }
        while !cursor.isAtEnd {
            if cursor.take(")") { return }
            cursor.position += 1
        }
        throw DateParseError("unrecognised date format (unclosed parenthesis)")
    }
}
