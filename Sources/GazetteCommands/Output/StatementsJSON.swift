import GazetteCore

/// The JSON form of `gazette statements` (schema in the README).
struct StatementsJSON: Encodable {
    var query: String
    var total: Int
    var totalExact: Bool
    var notices: [String]
    var statements: [Item]
    var timeline: [Month]?

    enum CodingKeys: String, CodingKey {
        case query, total, notices, statements, timeline
        case totalExact = "total_exact"
    }

    init(_ response: StatementResponse, timeline: Bool) {
        query = response.query
        total = response.total
        totalExact = response.totalIsExact
        notices = response.notices
        statements = response.hits.map(Item.init)
        self.timeline = timeline ? response.timeline.map { Month(month: $0.month, statements: $0.statements) } : nil
    }

    struct Month: Encodable {
        var month: String
        var statements: Int
    }

    /// One statement; `speaker.id` and `speaker.name` are null when the speaker was not resolved.
    struct Item: Encodable {
        var hit: StatementHit

        init(_ hit: StatementHit) { self.hit = hit }

        enum CodingKeys: String, CodingKey {
            case id, article, title, date, speaker, verb, text, direct, sentence, rank, score, highlights
        }

        enum SpeakerKeys: String, CodingKey { case id, name, text }

        func encode(to encoder: Encoder) throws {
            let statement = hit.statement
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(statement.id, forKey: .id)
            try container.encode(statement.article, forKey: .article)
            try container.encode(statement.title, forKey: .title)
            try container.encode(statement.date, forKey: .date)
            var speaker = container.nestedContainer(keyedBy: SpeakerKeys.self, forKey: .speaker)
            try speaker.encode(statement.speaker.id, forKey: .id)
            try speaker.encode(statement.speaker.name, forKey: .name)
            try speaker.encode(statement.speaker.text, forKey: .text)
            try container.encode(statement.verb, forKey: .verb)
            try container.encode(statement.text, forKey: .text)
            try container.encode(statement.direct, forKey: .direct)
            try container.encode(statement.sentence, forKey: .sentence)
            try container.encode(hit.rank, forKey: .rank)
            try container.encode(hit.score, forKey: .score)
            // Code-point ranges of the query's words in "text" (as search hits' snippets give them).
            try container.encode(hit.highlighted.codePointHighlights, forKey: .highlights)
        }
    }
}
