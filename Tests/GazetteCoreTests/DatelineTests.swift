import Testing
@testable import GazetteCore

// Nested in the DateParser suite so `swift test --filter DateParser` runs the dateline cases too.
extension DateParserTests {
    @Suite("Dateline")
    struct DatelineTests {
        @Test("wire datelines", arguments: [
            ("KYIV, Dec 14, 2025 (Reuters) - Text", "KYIV", "2025-12-14"),
            ("WASHINGTON, December 15, 2025 — Text", "WASHINGTON", "2025-12-15"),
            ("LONDON, 14 December 2025 – Text", "LONDON", "2025-12-14"),
            ("NEW YORK (AP) — Text", "NEW YORK", nil),
            ("SALVADOR, Feb 26 - Text", "SALVADOR", nil),
            ("BRUSSELS/WARSAW, Jan 8 (Gazette Wire) - Text", "BRUSSELS/WARSAW", nil),
            ("Kyiv, Ukraine — Text", "Kyiv, Ukraine", nil),
            ("KYIV, Ukraine, Dec 14, 2025 (AP) -- Text", "KYIV, Ukraine", "2025-12-14"),
            ("PORT-AU-PRINCE, Haiti (AP) — Text", "PORT-AU-PRINCE, Haiti", nil),
            ("Rio de Janeiro, Brazil — Text", "Rio de Janeiro, Brazil", nil),
            ("ST. LOUIS, Jan. 8 - Text", "ST. LOUIS", nil),
            ("WASHINGTON — Text", "WASHINGTON", nil),
            ("WASHINGTON, D.C., Monday, Dec 15, 2025 — Text", "WASHINGTON, D.C.", "2025-12-15"),
            ("Kyiv, Dec 14, 2025 - Text", "Kyiv", "2025-12-14"),
            ("  TOKYO, Dec 15, 2025 09:00 JST (Reuters) - Text", "TOKYO", "2025-12-15"),
            ("HONG KONG, 14 Dec (Reuters) —Text", "HONG KONG", nil),
        ] as [(String, String, String?)])
        func datelines(text: String, place: String, day: String?) throws {
            let dateline = try #require(DatelineParser.parse(leadOf: text))
            #expect(dateline.place == place)
            #expect(dateline.date?.date.isoDay == day)
            #expect(String(decoding: Array(text.utf8).dropFirst(dateline.length), as: UTF8.self) == "Text")
        }

        @Test func datelineDatesKeepTheirPrecisionAndZone() throws {
            let dateline = try #require(DatelineParser.parse(leadOf: "TOKYO, Dec 15, 2025 09:00 JST (Reuters) - Text"))
            #expect(dateline.date == ParsedDate(date: ArticleDate(year: 2025, month: 12, day: 15), precision: .time))
        }

        @Test("ordinary leads are not datelines", arguments: [
            "The talks began on Dec 14, 2025 - officials said",
            "Officials said on Monday, Dec 14 — the talks would resume",
            "However, Russia - which denies it - says otherwise",
            "Meanwhile, Kyiv — under fire — held",
            "US - China talks resumed on Monday",
            "Kyiv - the capital - was quiet",
            "A well-known case was reopened",
            "No dash in this lead at all.",
            "KYIV, Dec 14, 2025\n(Reuters) - Text on the next line",
            "KYIV, Feb 30 - Text",
            "KYIV, 14/12/2025 - Text",
            "KYIV, the capital - Text",
            "KYIV (said officials) - Text",
            "In 2025, Ukraine — Text",
            "— Text",
            "",
            "   ",
        ])
        func notDatelines(text: String) {
            #expect(DatelineParser.parse(leadOf: text) == nil)
        }

        @Test func onlyTheFirstFewDozenCharactersAreSearched() {
            let lead = "WASHINGTON" + String(repeating: " ", count: 200) + "— Text"
            #expect(DatelineParser.parse(leadOf: lead) == nil)
        }
    }
}
