/// Gregorian calendar arithmetic in plain integers: enough to validate dates and move them to UTC
/// without Foundation's `Calendar`, whose time-zone machinery we do not need for fixed offsets.
enum CivilCalendar {
    /// Years we accept. Anything outside is a typo or a mis-read number in a news archive, and keeping
    /// four-digit years keeps `ArticleDate.sortKey` sortable as text.
    static let years = 1000...2999

    static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// Days in `month` (1-12) of `year`.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func checkYear(_ year: Int, after what: String = "") throws(DateParseError) {
        guard years.contains(year) else {
            throw DateParseError("year \(year) is out of range \(years.lowerBound)-\(years.upperBound)\(what)")
        }
    }

    static func checkMonth(_ month: Int) throws(DateParseError) {
        guard (1...12).contains(month) else { throw DateParseError("month \(month) is out of range 1-12") }
    }

    /// `month` must already be valid.
    static func checkDay(_ day: Int, month: Int, year: Int) throws(DateParseError) {
        guard (1...31).contains(day) else { throw DateParseError("day \(day) is out of range 1-31") }
        guard day <= daysIn(month: month, year: year) else {
            let name = monthNames[month - 1]
            if month == 2, day == 29 {
                throw DateParseError("February 29 does not exist in \(year) (not a leap year)")
            }
            throw DateParseError("\(name) \(day) does not exist")
        }
    }

    static func yearOutOfRangeError(forEpoch value: Double) -> DateParseError {
        DateParseError("epoch time \(value) is outside the years \(years.lowerBound)-\(years.upperBound)")
    }

    /// Days from 1970-01-01 to a Gregorian date (negative before it).
    ///
    /// The days-from-civil method: count years from March, so the leap day is the last day of a
    /// counted year, then whole 400-year eras (146,097 days each) plus the day within the era.
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let marchYear = month <= 2 ? year - 1 : year
        let era = floorDivide(marchYear, 400)
        let yearOfEra = marchYear - era * 400
        let monthFromMarch = (month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        // 719,468 days separate 0000-03-01, where era 0 starts, from 1970-01-01.
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `daysSinceEpoch`.
    static func civilDate(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
        let fromEraZero = days + 719_468
        let era = floorDivide(fromEraZero, 146_097)
        let dayOfEra = fromEraZero - era * 146_097
        // Removes the era's leap days (one per 4 years, less one per 100, plus one at 400) before dividing.
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Division rounding towards minus infinity, so dates before 1970 land on the right day.
    static func floorDivide(_ a: Int, _ b: Int) -> Int {
        let quotient = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
    }
}

extension ArticleDate {
    /// Seconds since 1970-01-01T00:00:00Z.
    var epochSeconds: Int {
        CivilCalendar.daysSinceEpoch(year: year, month: month, day: day) * 86_400 + hour * 3_600 + minute * 60 + second
    }

    init(epochSeconds: Int) {
        let days = CivilCalendar.floorDivide(epochSeconds, 86_400)
        let secondOfDay = epochSeconds - days * 86_400
        let (year, month, day) = CivilCalendar.civilDate(daysSinceEpoch: days)
        self.init(
            year: year, month: month, day: day, hour: secondOfDay / 3_600, minute: secondOfDay % 3_600 / 60,
            second: secondOfDay % 60)
    }
}
