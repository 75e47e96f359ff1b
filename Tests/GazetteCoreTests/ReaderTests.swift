import Foundation
import Testing
@testable import GazetteCore

@Suite("Readers")
struct ReaderTests {
    let directory = TemporaryDirectory()

    @Test func plainTextWithHeadlineAndDateline() throws {
        let path = directory.write("talks.txt", """
            Envoys Return to Geneva for Second Round

            GENEVA, Dec 14, 2025 (Gazette Wire) - U.S. and Ukrainian negotiators met again on Sunday.
            Talks focused on security guarantees.

            Leave a Reply
            Share this article
            """)
        let article = try #require(try readItems(path).first?.article)
        #expect(article.title == "Envoys Return to Geneva for Second Round")
        #expect(article.date?.isoDay == "2025-12-14")
        #expect(article.body.hasPrefix("GENEVA, Dec 14, 2025 (Gazette Wire) - U.S. and Ukrainian"))
        #expect(!article.body.contains("Leave a Reply"))
        #expect(!article.body.contains("Share this"))
        #expect(article.id == nil)
    }

    @Test func plainTextWithoutHeadlineTakesFirstSentenceAndNoDate() throws {
        let path = directory.write("scrape.txt", """
            Ukrainian President Volodymyr Zelensky has held talks with U.S. envoys. The meetings took place in Geneva.
            Talks With U.S. Envoys
            During the discussions, officials stressed progress.
            """)
        let article = try #require(try readItems(path).first?.article)
        #expect(article.title == "Ukrainian President Volodymyr Zelensky has held talks with U.S. envoys.")
        #expect(article.date == nil)
        #expect(article.body.split(separator: "\n").count == 3)
    }

    @Test func frontMatterInText() throws {
        let path = directory.write("fm.txt", """
            ---
            title: Grain corridor reopens
            date: 2025-11-04T08:00:00+02:00
            source: Gazette Wire
            authors: [Ana Petrenko, John Hale]
            ---
            Ships left Odesa on Tuesday.
            """)
        let article = try #require(try readItems(path).first?.article)
        #expect(article.title == "Grain corridor reopens")
        #expect(article.date?.iso8601 == "2025-11-04T06:00:00Z")
        #expect(article.source == "Gazette Wire")
        #expect(article.authors == ["Ana Petrenko", "John Hale"])
    }

    @Test func hardWrappedTextIsUnwrapped() throws {
        let path = directory.write("wire.txt", """
            WARSAW, Dec 3 - Poland's prime minister said on Wednesday that
            security guarantees for Ukraine must be binding, adding that
            the alliance would discuss them next week.
                He spoke after meeting envoys from the United States and
            the European Union in the capital.
            """)
        let article = try #require(try readItems(path).first?.article)
        let paragraphs = article.body.split(separator: "\n")
        #expect(paragraphs.count == 2)
        #expect(paragraphs[0].contains("that security guarantees for Ukraine"))
        #expect(article.date == nil) // a dateline without a year gives no date
    }

    @Test func markdownFrontMatterAndFormattingRemoved() throws {
        let path = directory.write("story.md", """
            ---
            id: gz-1
            title: Allies sketch security guarantees
            date: December 14, 2025
            language: en
            authors:
              - Mira Holt
            ---
            ## Background

            **Zelensky** met [envoys](https://example.org) in *Geneva*.

            - first point
            - second point
            """)
        let article = try #require(try readItems(path).first?.article)
        #expect(article.id == "gz-1")
        #expect(article.date?.isoDay == "2025-12-14")
        #expect(article.authors == ["Mira Holt"])
        #expect(article.body == "Background\nZelensky met envoys in Geneva.\nfirst point\nsecond point")
    }

    @Test func jsonLinesWithCommonFieldNames() throws {
        let path = directory.write("feed.jsonl", """
            {"id": "a1", "headline": "First", "maintext": "Body one.", "published_at": "2025-12-01T10:00:00Z", "link": "https://x/1", "publication": {"name": "Wire"}, "byline": ["A. Writer"], "lang": "en-GB"}
            {"id": 2, "title": "Second", "text": ["Para one.", "Para two."], "date": 1764583200}
            not json at all
            {"title": {"nested": true}, "body": "Has a wrong title type."}
            {"id": "empty"}
            """)
        let items = try readItems(path)
        #expect(items.count == 5)
        let first = try #require(items[0].article)
        #expect(first.id == "a1")
        #expect(first.title == "First")
        #expect(first.body == "Body one.")
        #expect(first.url == "https://x/1")
        #expect(first.source == "Wire")
        #expect(first.authors == ["A. Writer"])
        #expect(first.language == "en")
        #expect(first.origin.line == 1)
        let second = try #require(items[1].article)
        #expect(second.id == "2")
        #expect(second.body == "Para one.\nPara two.")
        #expect(second.date?.isoDay == "2025-12-01")
        #expect(items[2].problem?.location.line == 3)
        #expect(items[2].problem?.reason.hasPrefix("invalid JSON") == true)
        #expect(items[3].article?.title == "")
        #expect(items[3].warnings.contains { $0.reason.contains("\"title\" is an object") })
        #expect(items[4].problem?.reason == "no title and no body text")
    }

    @Test func jsonArrayAndFieldOverride() throws {
        let path = directory.write("export.json", """
            {"articles": [{"story_text": "Alpha text.", "title": "A"}, {"story_text": "Beta text.", "title": "B"}]}
            """)
        var mapping = FieldMapping.standard
        mapping.prefer("story_text", for: .body)
        let items = try readItems(path, mapping: mapping)
        #expect(items.compactMap(\.article).map(\.body) == ["Alpha text.", "Beta text."])
        #expect(items.compactMap(\.article).map(\.origin.record) == [1, 2])
    }

    @Test func datelineFieldIsKeptAsText() throws {
        let path = directory.write("r.jsonl", #"{"id": "r1", "title": "COCOA", "body": "Showers continued.", "dateline": "SALVADOR, Feb 26 -"}"# + "\n")
        let article = try #require(try readItems(path).first?.article)
        #expect(article.body == "SALVADOR, Feb 26 - Showers continued.")
    }

    @Test func invalidDateIsAWarningNotAFailure() throws {
        let path = directory.write("d.jsonl", #"{"id": "d1", "title": "T", "body": "B.", "date": "2025-02-30"}"# + "\n")
        let item = try #require(try readItems(path).first)
        #expect(item.article?.date == nil)
        #expect(item.warnings.first?.reason.contains("February 30 does not exist") == true)
    }

    @Test func htmlMainTextWithoutFurniture() throws {
        let path = directory.write("page.html", """
            <html lang="en"><head><title>Talks resume | Daily Wire</title>
            <meta property="og:site_name" content="Daily Wire">
            <meta property="article:published_time" content="2026-01-20T08:15:00Z">
            <script>var tracking = "security guarantees";</script><style>p { color: red }</style></head>
            <body><nav><a>Home</a><a>World</a></nav><header>Site header</header>
            <article><h1>Talks resume</h1><p>Negotiators met in <b>Geneva</b>.</p>
            <div class="share-buttons">Share on X</div><p>Second paragraph.</p></article>
            <aside>Most read: ski jumping</aside><footer>© 2026 Daily Wire. Cookies.</footer></body></html>
            """)
        let article = try #require(try readItems(path).first?.article)
        #expect(article.title == "Talks resume")
        #expect(article.date?.iso8601 == "2026-01-20T08:15:00Z")
        #expect(article.source == "Daily Wire")
        #expect(article.language == "en")
        #expect(article.body == "Negotiators met in Geneva.\nSecond paragraph.")
    }

    @Test func gzipIsReadTransparently() throws {
        let plain = directory.write("z.txt", "Headline Here\n\nSome body text follows here.")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-9", plain]
        try process.run()
        process.waitUntilExit()
        let article = try #require(try readItems(plain + ".gz").first?.article)
        #expect(article.title == "Headline Here")
    }

    @Test func textDecodingRepairsAndRefuses() throws {
        let utf16: [UInt8] = [0xFF, 0xFE] + Array("Hello".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(try TextDecoding.decode(utf16).get().text == "Hello")
        let invalid: [UInt8] = Array("caf".utf8) + [0xE9] + Array(" noir\r\nnext\rline".utf8)
        let decoded = try TextDecoding.decode(invalid).get()
        #expect(decoded.text == "caf\u{FFFD} noir\nnext\nline")
        #expect(decoded.repairs.contains { $0.contains("invalid UTF-8 at byte 3") })
        let binary = [UInt8](repeating: 0x01, count: 100) + [0x00, 0x02]
        #expect(throws: TextDecoding.Refusal.self) { try TextDecoding.decode(binary).get() }
        #expect(throws: TextDecoding.Refusal.self) { try TextDecoding.decode([]).get() }
    }

    @Test func unknownExtensionNamedDirectlyIsReported() throws {
        let path = directory.write("notes.docx", "x")
        #expect(try readItems(path).first?.problem?.reason.contains("unknown file type") == true)
    }
}
