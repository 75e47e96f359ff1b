import Testing
@testable import GazetteCore

@Suite("DateParser")
struct DateParserTests {
    typealias Precision = ParsedDate.Precision

    /// The UTC result as "YYYY-MM-DDTHH:MM:SSZ", or the failure reason prefixed with "error: ".
    func parsed(_ text: String) -> String {
        switch DateParser.parse(text) {
        case .success(let parsed): parsed.date.iso8601
        case .failure(let error): "error: \(error.reason)"
        }
    }

    func precision(_ text: String) -> Precision? {
        try? DateParser.parse(text).get().precision
    }

    @Test("ISO 8601", arguments: [
        ("2025", "2025-01-01T00:00:00Z", Precision.year),
        ("2025-12", "2025-12-01T00:00:00Z", .month),
        ("2025-12-14", "2025-12-14T00:00:00Z", .day),
        ("  2025-12-14\n", "2025-12-14T00:00:00Z", .day),
        ("2025-12-14T09:30", "2025-12-14T09:30:00Z", .time),
        ("2025-12-14T09:30:00", "2025-12-14T09:30:00Z", .time),
        ("2025-12-14 09:30:00", "2025-12-14T09:30:00Z", .time),
        ("2025-12-14t09:30:00z", "2025-12-14T09:30:00Z", .time),
        ("2025-12-14T09:30:00.123456", "2025-12-14T09:30:00Z", .time),
        ("2025-12-14T09:30:00,5Z", "2025-12-14T09:30:00Z", .time),
        ("2025-12-14T09:30:00Z", "2025-12-14T09:30:00Z", .time),
        ("2025-12-14T09:30:00.123456Z", "2025-12-14T09:30:00Z", .time),
        ("2025-12-14T09:30:00+02:00", "2025-12-14T07:30:00Z", .time),
        ("2025-12-14T09:30:00+0200", "2025-12-14T07:30:00Z", .time),
        ("2025-12-14T09:30:00-05", "2025-12-14T14:30:00Z", .time),
        ("2025-12-14T09:30:00+05:30", "2025-12-14T04:00:00Z", .time),
        ("2025-12-14T09:30:00.5-03:30", "2025-12-14T13:00:00Z", .time),
        ("20251214", "2025-12-14T00:00:00Z", .day),
        ("20251214T093000Z", "2025-12-14T09:30:00Z", .time),
        ("20251214T0930+0100", "2025-12-14T08:30:00Z", .time),
        ("20251214093000", "2025-12-14T09:30:00Z", .time),
        ("2025/12/14", "2025-12-14T00:00:00Z", .day),
        ("2025/12/14 09:30", "2025-12-14T09:30:00Z", .time),
        ("2025-1-5", "2025-01-05T00:00:00Z", .day),
        ("2024-02-29", "2024-02-29T00:00:00Z", .day),
        ("2000-02-29", "2000-02-29T00:00:00Z", .day),
        ("2016-12-31T23:59:60Z", "2016-12-31T23:59:59Z", .time),
        ("1000-01-01", "1000-01-01T00:00:00Z", .day),
        ("2999-12-31T23:59:59", "2999-12-31T23:59:59Z", .time),
    ])
    func iso8601(text: String, expected: String, precision: Precision) {
        #expect(parsed(text) == expected)
        #expect(self.precision(text) == precision)
    }

    @Test("offsets roll the date over day, month and year boundaries", arguments: [
        ("2025-12-31T23:30:00-02:00", "2026-01-01T01:30:00Z"),
        ("2026-01-01T00:30:00+01:00", "2025-12-31T23:30:00Z"),
        ("2024-03-01T00:00:00+00:30", "2024-02-29T23:30:00Z"),
        ("2025-03-01T05:00:00+09:00", "2025-02-28T20:00:00Z"),
        ("2025-04-30T22:00:00-05:00", "2025-05-01T03:00:00Z"),
        ("Wed, 31 Dec 2025 23:00:00 EST", "2026-01-01T04:00:00Z"),
    ])
    func rollover(text: String, expected: String) {
        #expect(parsed(text) == expected)
    }

    @Test("RFC 2822", arguments: [
        ("Sun, 14 Dec 2025 10:00:00 +0000", "2025-12-14T10:00:00Z"),
        ("14 Dec 2025 10:00:00 +0000", "2025-12-14T10:00:00Z"),
        ("Sun, 14 Dec 2025 10:00 +0100", "2025-12-14T09:00:00Z"),
        ("Sun, 14 Dec 2025 10:00:00 -0500 (EST)", "2025-12-14T15:00:00Z"),
        ("Sun, 14 Dec 2025 10:00:00 GMT", "2025-12-14T10:00:00Z"),
        ("Sun, 14 Dec 2025 10:00:00 UT", "2025-12-14T10:00:00Z"),
        ("Sun, 14 Dec 2025 10:00:00 UTC", "2025-12-14T10:00:00Z"),
        ("Sun, 14 Dec 2025 10:00:00 EST", "2025-12-14T15:00:00Z"),
        ("Sun, 14 Dec 2025 10:00:00 EDT", "2025-12-14T14:00:00Z"),
        ("Sun, 14 Dec 2025 10:00:00 CST", "2025-12-14T16:00:00Z"),
        ("Sun, 14 Dec 2025 10:00:00 CDT", "2025-12-14T15:00:00Z"),
        ("Sun, 14 Dec 2025 10:00:00 MST", "2025-12-14T17:00:00Z"),
        ("Sun, 14 Dec 2025 10:00:00 MDT", "2025-12-14T16:00:00Z"),
        ("Sun, 14 Dec 2025 10:00:00 PST", "2025-12-14T18:00:00Z"),
        ("Sun, 14 Dec 2025 10:00:00 PDT", "2025-12-14T17:00:00Z"),
        ("SUN, 14 DEC 2025 10:00 gmt", "2025-12-14T10:00:00Z"),
        ("14 Dec 2025 10:00 GMT+2", "2025-12-14T08:00:00Z"),
    ])
    func rfc2822(text: String, expected: String) {
        #expect(parsed(text) == expected)
        #expect(precision(text) == .time)
    }

    @Test("prose", arguments: [
        ("December 14, 2025", "2025-12-14T00:00:00Z", Precision.day),
        ("Dec 14, 2025", "2025-12-14T00:00:00Z", .day),
        ("Dec. 14 2025", "2025-12-14T00:00:00Z", .day),
        ("dec 14 2025", "2025-12-14T00:00:00Z", .day),
        ("DECEMBER 14, 2025", "2025-12-14T00:00:00Z", .day),
        ("December 14th, 2025", "2025-12-14T00:00:00Z", .day),
        ("14 December 2025", "2025-12-14T00:00:00Z", .day),
        ("14 Dec 2025", "2025-12-14T00:00:00Z", .day),
        ("14 Dec. 2025", "2025-12-14T00:00:00Z", .day),
        ("Sept. 3, 2025", "2025-09-03T00:00:00Z", .day),
        ("Sunday, December 14, 2025", "2025-12-14T00:00:00Z", .day),
        ("Sun. Dec. 14, 2025", "2025-12-14T00:00:00Z", .day),
        ("February 29, 2024", "2024-02-29T00:00:00Z", .day),
        ("December 14, 2025 10:00", "2025-12-14T10:00:00Z", .time),
        ("December 14, 2025 10:00 AM", "2025-12-14T10:00:00Z", .time),
        ("December 14, 2025 10:00 PM", "2025-12-14T22:00:00Z", .time),
        ("December 14, 2025 10:00pm", "2025-12-14T22:00:00Z", .time),
        ("December 14, 2025 10:00 a.m.", "2025-12-14T10:00:00Z", .time),
        ("December 14, 2025 10:00 p.m.", "2025-12-14T22:00:00Z", .time),
        ("December 14, 2025 12:00 a.m.", "2025-12-14T00:00:00Z", .time),
        ("December 14, 2025 12:30 p.m.", "2025-12-14T12:30:00Z", .time),
        ("December 14, 2025 10:00 GMT", "2025-12-14T10:00:00Z", .time),
        ("December 14, 2025 10:00 a.m. EST", "2025-12-14T15:00:00Z", .time),
        ("Dec 14, 2025, 9:05 PM EDT", "2025-12-15T01:05:00Z", .time),
        ("December 14, 2025 at 10:00", "2025-12-14T10:00:00Z", .time),
        ("Sunday, December 14, 2025 10:00 a.m. EST", "2025-12-14T15:00:00Z", .time),
        ("December 2025", "2025-12-01T00:00:00Z", .month),
        ("Dec 2025", "2025-12-01T00:00:00Z", .month),
        ("dec. 2025", "2025-12-01T00:00:00Z", .month),
    ])
    func prose(text: String, expected: String, precision: Precision) {
        #expect(parsed(text) == expected)
        #expect(self.precision(text) == precision)
    }

    @Test("Reuters-21578", arguments: [
        ("26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01Z"),
        ("3-MAR-1987 09:18:21.26", "1987-03-03T09:18:21Z"),
        ("26-Feb-1987", "1987-02-26T00:00:00Z"),
    ])
    func reuters(text: String, expected: String) {
        #expect(parsed(text) == expected)
    }

    @Test("named time zones", arguments: [
        ("UTC", "12:00"), ("GMT", "12:00"), ("UT", "12:00"), ("Z", "12:00"),
        ("EST", "17:00"), ("EDT", "16:00"), ("CST", "18:00"), ("CDT", "17:00"),
        ("MST", "19:00"), ("MDT", "18:00"), ("PST", "20:00"), ("PDT", "19:00"),
        ("BST", "11:00"), ("CET", "11:00"), ("CEST", "10:00"), ("EET", "10:00"), ("EEST", "09:00"),
        ("MSK", "09:00"), ("JST", "03:00"), ("KST", "03:00"), ("HKT", "04:00"), ("SGT", "04:00"),
        ("AEST", "02:00"), ("AEDT", "01:00"),
    ])
    func namedZones(zone: String, utcClock: String) {
        #expect(parsed("2025-12-14 12:00 \(zone)") == "2025-12-14T\(utcClock):00Z")
        #expect(parsed("December 14, 2025 12:00 p.m. \(zone.lowercased())") == "2025-12-14T\(utcClock):00Z")
    }

    @Test("rejections name the cause", arguments: [
        ("", "empty date"),
        ("   ", "empty date"),
        ("0000-01-01", "year 0 is out of range 1000-2999"),
        ("99999-01-01", "year 99999 is out of range 1000-2999"),
        ("0999", "year 999 is out of range"),
        ("2025-13-01", "month 13 is out of range 1-12"),
        ("2025-00", "month 0 is out of range"),
        ("2025-02-30", "February 30 does not exist"),
        ("February 30, 2025", "February 30 does not exist"),
        ("31 Apr 2025", "April 31 does not exist"),
        ("2025-02-29", "February 29 does not exist in 2025 (not a leap year)"),
        ("Feb 29, 1900", "February 29 does not exist in 1900"),
        ("2025-12-32", "day 32 is out of range 1-31"),
        ("2025-12-00", "day 0 is out of range"),
        ("2025-12-14T25:00", "hour 25 is out of range 0-23"),
        ("2025-12-14T24:00", "hour 24 is out of range"),
        ("2025-12-14T10:61", "minute 61 is out of range 0-59"),
        ("2025-12-14T10:00:61", "second 61 is out of range"),
        ("December 14, 2025 13:00 PM", "hour 13 is out of range 1-12 with PM"),
        ("December 14, 2025 0:30 a.m.", "hour 0 is out of range 1-12 with AM"),
        ("2025-12-14T10:00 IST", "time zone IST is ambiguous"),
        ("2025-12-14T10:00 XYZ", "unknown time zone 'XYZ'"),
        ("2025-12-14T10:00+2500", "time-zone offset +25:00 is out of range"),
        ("2025-12-14T10:00+05:75", "time-zone offset +05:75 is out of range"),
        ("2999-12-31T23:00:00-05:00", "year 3000 is out of range 1000-2999 after conversion to UTC"),
        ("Dec 14", "date has no year"),
        ("Dec 14 10:00", "date has no year"),
        ("December", "date has no year"),
        ("14 Dec 25", "two-digit year 25 is ambiguous"),
        ("12/14/2025", "all-numeric dates"),
        ("14.12.2025", "all-numeric dates"),
        ("hello world", "unrecognised date format"),
        ("garbage", "unrecognised date format"),
        ("--", "unrecognised date format"),
        ("December 14, 2025 and then", "unrecognised date format"),
        ("2025-12-14T", "unrecognised date format"),
        ("2025-12-14 10:00 (EST", "unclosed parenthesis"),
        ("2025年12月14日", "unrecognised date format"),
        (String(repeating: "2025 ", count: 30), "too long"),
    ])
    func rejections(text: String, reason: String) {
        let result = parsed(text)
        #expect(result.hasPrefix("error: "), "\(text) -> \(result)")
        #expect(result.contains(reason), "\(text) -> \(result)")
    }

    @Test("bounds cover the named year, month or UTC day", arguments: [
        ("2025", "2025-01-01T00:00:00Z", "2025-12-31T23:59:59Z"),
        ("2025-12", "2025-12-01T00:00:00Z", "2025-12-31T23:59:59Z"),
        ("2025-02", "2025-02-01T00:00:00Z", "2025-02-28T23:59:59Z"),
        ("2024-02", "2024-02-01T00:00:00Z", "2024-02-29T23:59:59Z"),
        ("2025-04", "2025-04-01T00:00:00Z", "2025-04-30T23:59:59Z"),
        ("Dec 2025", "2025-12-01T00:00:00Z", "2025-12-31T23:59:59Z"),
        ("2025-12-14", "2025-12-14T00:00:00Z", "2025-12-14T23:59:59Z"),
        ("December 14, 2025", "2025-12-14T00:00:00Z", "2025-12-14T23:59:59Z"),
        ("2025-12-14T09:30:00Z", "2025-12-14T00:00:00Z", "2025-12-14T23:59:59Z"),
        ("2025-12-31T23:30:00-02:00", "2026-01-01T00:00:00Z", "2026-01-01T23:59:59Z"),
    ])
    func bounds(text: String, low: String, high: String) throws {
        let bounds = try DateParser.bounds(text).get()
        #expect(bounds.low.iso8601 == low)
        #expect(bounds.high.iso8601 == high)
    }

    @Test func boundsRejectWhatParseRejects() {
        #expect(throws: DateParseError("month 13 is out of range 1-12")) { try DateParser.bounds("2025-13").get() }
        #expect(throws: DateParseError.self) { try DateParser.bounds("yesterday").get() }
    }

    @Test("epoch seconds and milliseconds", arguments: [
        (0, "1970-01-01T00:00:00Z"),
        (1_765_704_600, "2025-12-14T09:30:00Z"),
        (1_765_704_600.9, "2025-12-14T09:30:00Z"),
        (1_765_704_600_000, "2025-12-14T09:30:00Z"),
        (1_765_704_600_999, "2025-12-14T09:30:00Z"),
        (-86_400, "1969-12-31T00:00:00Z"),
        (-1.5, "1969-12-31T23:59:58Z"),
        (100_000_000_001, "1973-03-03T09:46:40Z"),
        (-1_000_000_000_000, "1938-04-24T22:13:20Z"),
    ] as [(Double, String)])
    func epoch(value: Double, expected: String) throws {
        let parsed = try DateParser.fromEpoch(value).get()
        #expect(parsed.date.iso8601 == expected)
        #expect(parsed.precision == .time)
    }

    @Test("epoch values outside the accepted years", arguments: [
        100_000_000_000, 32_503_680_000, -40_000_000_000, 1e300, -1e300, .nan, .infinity, -.infinity,
    ] as [Double])
    func epochRejections(value: Double) {
        #expect(throws: DateParseError.self) { try DateParser.fromEpoch(value).get() }
    }

    @Test func calendarArithmeticRoundTripsEveryAcceptedDay() {
        #expect(CivilCalendar.daysSinceEpoch(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilCalendar.daysSinceEpoch(year: 2000, month: 3, day: 1) == 11_017)
        #expect(CivilCalendar.daysSinceEpoch(year: 1000, month: 1, day: 1) == -354_285)
        var days = -354_285
        var mismatches = 0
        for year in CivilCalendar.years {
            for month in 1...12 {
                for day in 1...CivilCalendar.daysIn(month: month, year: year) {
                    if CivilCalendar.daysSinceEpoch(year: year, month: month, day: day) != days
                        || CivilCalendar.civilDate(daysSinceEpoch: days) != (year, month, day)
                    {
                        mismatches += 1
                    }
                    days += 1
                }
            }
        }
        #expect(mismatches == 0)
        #expect(days - 1 == 376_199)  // 2999-12-31
    }

    /// Garbage and near-miss inputs must come back as a result, never a crash, and anything accepted
    /// must be a real date in range.
    @Test func arbitraryInputNeverCrashes() {
        var random = SeededRandom(seed: 0x6A7E77E)
        let pieces = [
            "2025", "-", "12", "14", "T", "09", ":", "30", "Z", "+", "02", "00", ".", ",", " ", "Dec", "December",
            "Sun", "a.m.", "PM", "EST", "IST", "(", ")", "/", "99999", "0", "—", "é", "日", "\u{0}", "\n",
            "99999999999999999999999", "feb", "29", "60", "24", "-05", "GMT", "at", "th",
        ]
        let samples = [
            "2025-12-14T09:30:00.123456+02:00", "Sun, 14 Dec 2025 10:00:00 +0000", "26-FEB-1987 15:01:01.79",
            "Sunday, December 14, 2025 10:00 a.m. EST", "20251214T093000Z",
        ]
        for round in 0..<600 {
            var text: String
            if round % 2 == 0 {
                text = (0..<random.next(upTo: 12)).map { _ in pieces[random.next(upTo: pieces.count)] }.joined()
            } else {
                // A valid date with a few characters replaced, dropped or duplicated.
                var characters = Array(samples[random.next(upTo: samples.count)])
                for _ in 0..<(1 + random.next(upTo: 3)) where !characters.isEmpty {
                    let at = random.next(upTo: characters.count)
                    switch random.next(upTo: 3) {
                    case 0: characters[at] = Array("0123456789:-+TZ .,x")[random.next(upTo: 19)]
                    case 1: characters.remove(at: at)
                    default: characters.insert(characters[at], at: at)
                    }
                }
                text = String(characters)
            }
            if case .success(let parsed) = DateParser.parse(text) {
                let date = parsed.date
                #expect(CivilCalendar.years.contains(date.year), "\(text)")
                #expect((1...12).contains(date.month) && (1...31).contains(date.day), "\(text)")
                #expect((0...23).contains(date.hour) && (0...59).contains(date.minute), "\(text)")
                #expect((0...59).contains(date.second), "\(text)")
            }
            _ = DateParser.bounds(text)
            _ = DatelineParser.parse(leadOf: text + " - body")
        }
        for _ in 0..<200 {
            _ = DateParser.fromEpoch(Double(bitPattern: random.nextBits()))
        }
    }
}

/// A small deterministic generator (SplitMix64) so a failing fuzz case reproduces.
private struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func nextBits() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    mutating func next(upTo bound: Int) -> Int {
        Int(nextBits() % UInt64(bound))
    }
}
