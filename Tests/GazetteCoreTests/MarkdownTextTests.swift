import Foundation
import Testing
@testable import GazetteCore

@Suite("Markdown text")
struct MarkdownTextTests {
    @Test("blocks and inline markup", arguments: [
        ("# Title\n\nBody *em* and **strong**.", ["Title", "Body em and strong."]),
        ("Setext Title\n============\n\nText", ["Setext Title", "Text"]),
        ("line one\nline two\n\nnext", ["line one line two", "next"]),
        ("- a\n- b\n  continued\n1. c", ["a", "b continued", "c"]),
        ("> quoted\n> more\n\nafter", ["quoted more", "after"]),
        ("```\ncode [x](y)\n\nmore\n```\nafter", ["code [x](y)", "more", "after"]),
        ("See [the site](https://example.org/a_b) and ![a chart](c.png).", ["See the site and a chart."]),
        ("A [ref][1] link.\n\n[1]: https://example.org", ["A ref link."]),
        ("Code `a [b](c) *d*` here", ["Code a [b](c) *d* here"]),
        ("&amp; &#8217; &#x2014; &bogus; &#0;", ["& ’ — &bogus; \u{FFFD}"]),
        ("<https://example.org> and <span class=\"x\">tagged</span>", ["https://example.org and tagged"]),
        ("snake_case_name, 5 * 3, ~approx, ~~struck~~", ["snake_case_name, 5 * 3, ~approx, struck"]),
        ("Escaped \\*stars\\* and \\[brackets\\](x)", ["Escaped *stars* and [brackets](x)"]),
        ("| a | b |\n|---|:-:|\n| c | d |", ["a b", "c d"]),
        ("<script>\nvar x = 1;\n</script>\ntext", ["text"]),
        ("---\n\nafter a rule", ["after a rule"]),
    ])
    func reduces(markdown: String, paragraphs: [String]) {
        #expect(MarkdownText.extract(markdown[...]).paragraphs == paragraphs)
    }

    @Test func firstLevelOneHeadingIsKept() {
        #expect(MarkdownText.extract("## Sub\n\n# Main\n\n# Other"[...]).firstHeading == "Main")
    }

    /// Inputs that made the Markdown renderer used before take exponential time or overflow the
    /// stack; each must now finish at once.
    @Test(.timeLimit(.minutes(1)), arguments: [
        String(repeating: "[", count: 5_000) + " x",
        String(repeating: "[ ", count: 5_000),
        String(repeating: "[", count: 2_000) + "x" + String(repeating: "](u)", count: 2_000),
        String(repeating: "![", count: 5_000),
        String(repeating: "<p", count: 5_000),
        String(repeating: "&", count: 50_000),
        String(repeating: "`", count: 50_000) + "x",
        String(repeating: "*a ", count: 20_000),
        (0..<3_000).map { String(repeating: " ", count: $0) + "- item" }.joined(separator: "\n"),
        String(repeating: ">", count: 10_000) + " deep",
    ])
    func pathologicalInputsFinish(markdown: String) {
        let content = MarkdownText.extract(markdown[...])
        #expect(content.paragraphs.count < 10_000)
    }
}
