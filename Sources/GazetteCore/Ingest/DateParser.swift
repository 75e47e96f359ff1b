/// A date read from an input record, with how much of it the text actually said.
public struct ParsedDate: Sendable, Equatable {
    /// How much of the date the text gave. Missing parts are filled with their first value
    /// ("December 2025" is 2025-12-01T00:00:00Z with precision `.month`).
    public enum Precision: Int, Sendable, Comparable, CaseIterable {
        case year, month, day, time

        public static func < (a: Precision, b: Precision) -> Bool { a.rawValue < b.rawValue }
    }

    /// The date in UTC.
    public var date: ArticleDate
    public var precision: Precision

    public init(date: ArticleDate, precision: Precision) {
        self.date = date
        self.precision = precision
    }
}

/// Why a text is not a date we accept. `reason` is written for the person reading an ingest report.
public struct DateParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }

    static let empty = DateParseError("empty date")
    static let unrecognised = DateParseError("unrecognised date format")
}

/// Reads the dates news archives write: ISO 8601, RFC 2822 mail dates, prose ("Dec. 14, 2025 10:00 a.m.
/// EST") and the Reuters-21578 form ("26-FEB-1987 15:01:01.79").
///
/// Hand-written rather than built on Foundation's `DateFormatter`: a formatter accepts exactly one pattern,
/// so covering these formats would mean trying dozens of formatters in turn on every record, which is slow
/// across millions of records and still gives no reason when all of them fail.
///
/// Times without a zone are taken as UTC. Two-digit years and all-numeric day/month orders
/// ("03/04/2025") are rejected rather than guessed.
public enum DateParser {
    /// Parses `text` (surrounding whitespace ignored; month, weekday and zone names in any case).
    public static func parse(_ text: String) -> Result<ParsedDate, DateParseError> {
        Result { () throws(DateParseError) in try DateGrammar.read(text).resolved() }
    }

    /// JSON numbers: Unix epoch seconds, or milliseconds when the value is above 10^11.
    ///
    /// 10^11 seconds is in the year 5138 while 10^11 milliseconds is in 1973, so the magnitude alone tells
    /// the two apart for every date we accept. Fractions of a second are dropped.
    public static func fromEpoch(_ value: Double) -> Result<ParsedDate, DateParseError> {
        Result { () throws(DateParseError) in
            guard value.isFinite else { throw DateParseError("epoch time \(value) is not a finite number") }
            let seconds = (abs(value) > 1e11 ? value / 1000 : value).rounded(.down)
            // Checked before converting to Int, which would trap on values beyond its range.
            guard abs(seconds) < 1e12 else { throw CivilCalendar.yearOutOfRangeError(forEpoch: value) }
            let date = ArticleDate(epochSeconds: Int(seconds))
            guard CivilCalendar.years.contains(date.year) else { throw CivilCalendar.yearOutOfRangeError(forEpoch: value) }
            return ParsedDate(date: date, precision: .time)
        }
    }

    /// Query-side bounds for --since/--until and date: fields: "2025" -> 2025-01-01T00:00:00 ... 2025-12-31T23:59:59;
    /// "2025-12"; "2025-12-14"; also any full date parse() accepts (day range of its UTC day).
    public static func bounds(_ text: String) -> Result<(low: ArticleDate, high: ArticleDate), DateParseError> {
        parse(text).map { parsed in
            let date = parsed.date
            switch parsed.precision {
            case .year:
                return (ArticleDate(year: date.year, month: 1, day: 1),
                        ArticleDate(year: date.year, month: 12, day: 31, hour: 23, minute: 59, second: 59))
            case .month:
                let lastDay = CivilCalendar.daysIn(month: date.month, year: date.year)
                return (ArticleDate(year: date.year, month: date.month, day: 1),
                        ArticleDate(year: date.year, month: date.month, day: lastDay, hour: 23, minute: 59, second: 59))
            case .day, .time:
                // A query names days, not instants: "--since 2025-12-14T09:30" still means that whole day.
                return (ArticleDate(year: date.year, month: date.month, day: date.day),
                        ArticleDate(year: date.year, month: date.month, day: date.day, hour: 23, minute: 59, second: 59))
            }
        }
    }
}
