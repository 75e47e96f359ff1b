import Foundation
import GazetteCore

/// Human-readable output.
enum TextRenderer {
    static func search(_ response: SearchResponse, into out: inout OutputBuffer) {
        let decorate = Terminal.decorate
        let bold = decorate ? "\u{1B}[1m" : ""
        let dim = decorate ? "\u{1B}[2m" : ""
        let reset = decorate ? "\u{1B}[0m" : ""
        let about = response.totalIsExact ? "" : "about "
        if response.hits.isEmpty {
            out.line("No articles match.")
        } else {
            let first = response.offset + 1
            let last = response.offset + response.hits.count
            out.line("\(about)\(Format.count(response.total)) articles match; showing \(first)-\(last).")
        }
        for hit in response.hits {
            out.line()
            let date = hit.date.map { String($0.prefix(10)) } ?? "undated   "
            let source = hit.source.map { " — \($0)" } ?? ""
            out.line("\(hit.rank). \(date)  \(bold)\(hit.title)\(reset)\(source)")
            let location = hit.id == hit.path ? hit.path : "\(hit.id)  \(dim)\(hit.path)\(reset)"
            out.line("   \(location)")
            if !hit.snippet.text.isEmpty {
                out.line("   " + (decorate ? hit.snippet.marked(open: bold, close: reset) : hit.snippet.marked()))
            }
            if !hit.actors.isEmpty {
                out.line("   \(dim)Actors: \(hit.actors.map(\.name).joined(separator: ", "))\(reset)")
            }
        }
        if !response.facets.isEmpty {
            out.line()
            out.line("Actors in all matching articles:")
            actorTable(response.facets, into: &out)
        }
    }

    static func statements(_ response: StatementResponse, timeline: Bool, into out: inout OutputBuffer) {
        let decorate = Terminal.decorate
        let bold = decorate ? "\u{1B}[1m" : ""
        let dim = decorate ? "\u{1B}[2m" : ""
        let reset = decorate ? "\u{1B}[0m" : ""
        let about = response.totalIsExact ? "" : "about "
        if response.hits.isEmpty {
            out.line("No statements match.")
        } else {
            let first = response.hits[0].rank
            let last = first + response.hits.count - 1
            out.line("\(about)\(Format.count(response.total)) statements match; showing \(first)-\(last).")
        }
        for hit in response.hits {
            let statement = hit.statement
            out.line()
            let date = statement.date.map { String($0.prefix(10)) } ?? "undated   "
            let name = statement.speaker.name ?? statement.speaker.text
            // The words the article used, when they differ from the actor's name ("He", "U.S. envoys").
            let words = statement.speaker.name != nil && statement.speaker.text != name ? " (\"\(statement.speaker.text)\")" : ""
            let quote = statement.direct ? "quoted" : "reported"
            out.line("\(hit.rank). \(date)  \(bold)\(name)\(reset)\(words) — \(statement.verb), \(quote)")
            let text = decorate ? hit.highlighted.marked(open: bold, close: reset) : hit.highlighted.marked()
            out.line("   " + (statement.direct ? "“\(text)”" : text))
            out.line("   \(dim)\(statement.title)  \(statement.article)\(reset)")
        }
        if timeline {
            out.line()
            out.line("Statements per month:")
            let widest = response.timeline.map(\.statements).max() ?? 0
            for month in response.timeline {
                let bar = widest > 0 ? String(repeating: "▇", count: max(1, month.statements * 40 / widest)) : ""
                out.line("  \(month.month.padding(toLength: 8, withPad: " ", startingAt: 0)) \(String(format: "%6d", month.statements))  \(bar)")
            }
        }
    }

    /// Where indexing time went (thread-seconds per stage, so they may add up to more than the
    /// wall time when several threads worked).
    static func stageTimes(_ report: IndexReport, into out: inout OutputBuffer) {
        let total = report.stageTimes.seconds.values.reduce(0, +)
        guard total > 0 else { return }
        out.line("Time per stage (thread-seconds; wall time \(String(format: "%.2f", report.elapsedSeconds)) s):")
        for stage in StageTimes.Stage.allCases {
            guard let seconds = report.stageTimes.seconds[stage] else { continue }
            out.line("  \(stage.rawValue.padding(toLength: 28, withPad: " ", startingAt: 0)) \(String(format: "%8.2f s  %5.1f%%", seconds, seconds / total * 100))")
        }
    }

    /// One line per month: count and a bar scaled to the busiest month.
    static func timeline(_ months: [ActorRelations.MonthCount], into out: inout OutputBuffer) {
        let most = months.map(\.documents).max() ?? 0
        let width = months.map { Format.count($0.documents).count }.max() ?? 1
        for month in months {
            let number = Format.count(month.documents)
            let bar = most == 0 ? "" : String(repeating: "#", count: (month.documents * 40 + most - 1) / most)
            out.line("  \(month.month)  \(String(repeating: " ", count: width - number.count))\(number)  \(bar)")
        }
    }

    static func actorTable(_ counts: [ActorCount], into out: inout OutputBuffer) {
        let width = counts.map { Format.count($0.documents).count }.max() ?? 1
        for count in counts {
            let number = Format.count(count.documents)
            let padded = String(repeating: " ", count: width - number.count) + number
            out.line("  \(padded)  \(count.actor.name)  (\(count.actor.type.rawValue), \(count.actor.id))")
        }
    }
}
