import ArgumentParser
import Foundation
import GazetteCore

/// A developer command: reads articles the way `gazette index` does, extracts statements from
/// their bodies and prints one JSON line per article. `eval/statements/evaluate.py` drives it; it
/// also measures what statement extraction costs next to analysis and actor extraction.
struct StatementsExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statements-extract",
        abstract: "Print the statements found in article files as JSON lines (for evaluation and benchmarks).",
        shouldDisplay: false)

    @Argument(help: "Files and folders to read.")
    var paths: [String]

    @Flag(help: "Include each article's body text in its line.")
    var text = false

    @Flag(help: "Include the actor mentions the statements were resolved against.")
    var mentions = false

    @Flag(help: "Print no statements; report on stderr the time spent in analysis, actor extraction and statement extraction.")
    var timing = false

    @Option(help: "With --timing: how many passes over the whole input (the best pass of each step is reported).")
    var repeats = 1

    func validate() throws {
        if repeats < 1 { throw ValidationError("--repeats must be at least 1") }
    }

    func run() throws {
        let walk = FileWalker().expand(paths)
        for problem in walk.problems { Terminal.stderr("\(problem)\n") }
        var articles: [Article] = []
        for file in walk.files {
            try ArticleSource().read(file) { item in
                switch item {
                case .article(let article, _): articles.append(article)
                case .problem(let problem): Terminal.stderr("\(problem)\n")
                }
            }
        }
        try ErrorReporting.run {
            let analyzer = try Analyzer()
            let actors = ActorExtractor()
            let statements = StatementExtractor(gazetteer: actors.gazetteer)
            if timing {
                try reportTiming(articles, analyzer, actors, statements)
                return
            }
            var out = OutputBuffer()
            for article in articles {
                let language = article.language ?? Language.defaultCode
                let analyzed = analyzer.analyze(article.body, language: language)
                let found = actors.extract(text: article.body, analyzed: analyzed)
                let extracted = StatementExtractor.supports(language: language)
                    ? statements.extract(text: article.body, analyzed: analyzed, mentions: found) : []
                var line = ArticleStatementsJSON(article, extracted, includeText: text)
                if mentions {
                    line.mentions = found.map { MentionSpanJSON(text: $0.text, span: [$0.start, $0.end], kind: $0.kind.rawValue, id: $0.actor?.id) }
                }
                out.line(JSON.encode(line))
            }
            out.flush()
        }
    }

    /// Times the three steps over the whole input `repeats` times and reports each step's best
    /// pass: on a shared machine the minimum is the least disturbed measurement.
    private func reportTiming(_ articles: [Article], _ analyzer: Analyzer, _ actors: ActorExtractor, _ statements: StatementExtractor) throws {
        var best = (analysis: Double.infinity, actors: Double.infinity, statements: Double.infinity)
        var count = 0
        var bytes = 0
        let clock = ContinuousClock()
        func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
        for _ in 0..<repeats {
            var pass = (analysis: 0.0, actors: 0.0, statements: 0.0)
            count = 0
            bytes = 0
            for article in articles {
                let language = article.language ?? Language.defaultCode
                var analyzed: AnalyzedText?
                var mentions: [Mention] = []
                pass.analysis += seconds(clock.measure { analyzed = analyzer.analyze(article.body, language: language) })
                pass.actors += seconds(clock.measure { mentions = actors.extract(text: article.body, analyzed: analyzed!) })
                bytes += article.body.utf8.count
                guard StatementExtractor.supports(language: language) else { continue }
                pass.statements += seconds(clock.measure {
                    count += statements.extract(text: article.body, analyzed: analyzed!, mentions: mentions).count
                })
            }
            best = (min(best.analysis, pass.analysis), min(best.actors, pass.actors), min(best.statements, pass.statements))
        }
        let base = best.analysis + best.actors
        Terminal.stderr(String(
            format: "articles %d, %.1f MB, best of %d: analysis %.3f s, actors %.3f s, statements %.3f s (%d found); statements / (analysis + actors) = %.1f%%\n",
            articles.count, Double(bytes) / 1e6, repeats, best.analysis, best.actors, best.statements, count,
            base > 0 ? 100 * best.statements / base : 0))
    }
}

/// One article and its statements, as printed by `statements-extract`.
struct ArticleStatementsJSON: Encodable {
    var path: String
    var line: Int?
    var record: Int?
    var id: String?
    var bodyBytes: Int
    var body: String?
    var statements: [StatementJSON]
    var mentions: [MentionSpanJSON]?

    enum CodingKeys: String, CodingKey {
        case path, line, record, id, body, statements, mentions
        case bodyBytes = "body_bytes"
    }

    init(_ article: Article, _ statements: [Statement], includeText: Bool) {
        path = article.origin.path
        line = article.origin.line
        record = article.origin.record
        id = article.id
        bodyBytes = article.body.utf8.count
        body = includeText ? article.body : nil
        self.statements = statements.map { StatementJSON($0, in: article.body) }
    }
}

struct MentionSpanJSON: Encodable {
    var text: String
    var span: [Int]
    var kind: String
    var id: String?
}

struct StatementJSON: Encodable {
    var speaker: SpeakerJSON
    var verb: String
    var content: [Int]
    var text: String
    var direct: Bool
    var sentence: [Int]
    var sentenceIndex: Int

    enum CodingKeys: String, CodingKey {
        case speaker, verb, content, text, direct, sentence
        case sentenceIndex = "sentence_index"
    }

    struct SpeakerJSON: Encodable {
        var id: String?
        var name: String?
        var text: String
        var span: [Int]
        var resolution: String
    }

    init(_ statement: Statement, in body: String) {
        speaker = SpeakerJSON(
            id: statement.speaker.actor?.id, name: statement.speaker.actor?.name, text: statement.speaker.text,
            span: [statement.speaker.range.lowerBound, statement.speaker.range.upperBound],
            resolution: statement.speaker.resolution.rawValue)
        verb = statement.verb
        content = [statement.content.lowerBound, statement.content.upperBound]
        text = statement.contentText(in: body)
        direct = statement.isDirect
        sentence = [statement.sentence.lowerBound, statement.sentence.upperBound]
        sentenceIndex = statement.sentenceIndex
    }
}
