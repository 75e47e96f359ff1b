/// The English names dates are written with, keyed by their lowercased, dot-free form
/// (the way `DateTokenizer` hands words over).
enum DateNames {
    static func month(_ word: String) -> Int? { months[word] }

    static func isWeekday(_ word: String) -> Bool { weekdays.contains(word) }

    static func isOrdinalSuffix(_ word: String) -> Bool { ["st", "nd", "rd", "th"].contains(word) }

    /// "am" -> false, "pm" -> true; nil for any other word.
    static func isAfternoon(_ word: String) -> Bool? {
        switch word {
        case "am": false
        case "pm": true
        default: nil
        }
    }

    /// Seconds east of UTC for a zone abbreviation.
    static func zoneOffset(_ word: String) -> Int? { zones[word].map { $0 * 60 } }

    /// Zones that may carry a numeric offset after them ("GMT+2", "UTC-05:00").
    static func isUniversal(_ word: String) -> Bool { ["utc", "gmt", "ut", "z"].contains(word) }

    /// Abbreviations used by several zones at different offsets: naming one is an error, not a guess.
    static func isAmbiguousZone(_ word: String) -> Bool { ["ist"].contains(word) }

    private static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
        "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
        "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
        "december": 12, "dec": 12,
    ]

    private static let weekdays: Set<String> = [
        "monday", "mon", "tuesday", "tue", "tues", "wednesday", "wed", "thursday", "thu", "thur", "thurs",
        "friday", "fri", "saturday", "sat", "sunday", "sun",
    ]

    /// Minutes east of UTC. Only abbreviations with one meaning in news use; "IST" (India, Ireland,
    /// Israel) is deliberately absent.
    private static let zones: [String: Int] = [
        "utc": 0, "gmt": 0, "ut": 0, "z": 0,
        "est": -5 * 60, "edt": -4 * 60, "cst": -6 * 60, "cdt": -5 * 60,
        "mst": -7 * 60, "mdt": -6 * 60, "pst": -8 * 60, "pdt": -7 * 60,
        "bst": 60, "cet": 60, "cest": 2 * 60, "eet": 2 * 60, "eest": 3 * 60, "msk": 3 * 60,
        "jst": 9 * 60, "kst": 9 * 60, "hkt": 8 * 60, "sgt": 8 * 60, "aest": 10 * 60, "aedt": 11 * 60,
    ]
}
