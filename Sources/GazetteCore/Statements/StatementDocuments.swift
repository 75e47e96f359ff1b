/// A statement document ready to write into the statement index.
struct BuiltStatement {
    var terms: PackedTerms
    var data: [UInt8]
    var dateKey: String?
}

/// Turns an article's statements into documents of the statement index. It reuses the article's
/// body tokens (same analyzer, same positions and sentence gaps) and actor mentions, so a
/// statement costs no second analysis: its terms are the body terms inside its content span.
struct StatementDocuments {
    let extractor: StatementExtractor

    func build(
        article: Article, id: String, language: String, body: AnalyzedText, mentions: [Mention]
    ) -> [BuiltStatement] {
        guard StatementExtractor.supports(language: language), !body.tokens.isEmpty else { return [] }
        let statements = extractor.extract(text: article.body, analyzed: body, mentions: mentions)
        guard !statements.isEmpty else { return [] }
        let tokens = body.tokens
        var built: [BuiltStatement] = []
        built.reserveCapacity(statements.count)
        for (number, statement) in statements.enumerated() {
            var terms = PackedTerms()
            let first = Self.firstToken(in: tokens, atOrAfter: statement.content.lowerBound)
            var index = first
            while index < tokens.count, tokens[index].end <= statement.content.upperBound {
                terms.addPosting(tokens[index].term, position: tokens[index].position)
                index += 1
            }
            let contentTokens = first..<index
            for mention in mentions where contentTokens.contains(mention.firstToken) {
                guard let actor = mention.actor else { continue }
                terms.addPosting(TermNames.actor(actor.id), position: tokens[mention.firstToken].position)
            }
            terms.addTerm(TermNames.statementArticle(id), boolean: true)
            terms.addTerm(TermNames.verb(statement.verb), boolean: true)
            if let actor = statement.speaker.actor { terms.addTerm(TermNames.speaker(actor.id), boolean: true) }
            if statement.isDirect { terms.addTerm(Schema.Prefix.direct, boolean: true) }
            terms.addTerm(prefix: Schema.Prefix.language, language, boolean: true)
            if let date = article.date {
                terms.addTerm(prefix: Schema.Prefix.day, date.dayKey, boolean: true)
                terms.addTerm(prefix: Schema.Prefix.month, date.monthKey, boolean: true)
                terms.addTerm(prefix: Schema.Prefix.year, date.yearKey, boolean: true)
            } else {
                terms.addTerm(Schema.Prefix.undated, boolean: true)
            }
            let stored = StoredStatement(
                id: "\(id)#s\(number + 1)", article: id, title: article.title, date: article.date?.iso8601,
                speaker: .init(id: statement.speaker.actor?.id, name: statement.speaker.actor?.name, text: statement.speaker.text),
                verb: statement.verb, text: statement.contentText(in: article.body), direct: statement.isDirect,
                sentence: statement.sentenceText(in: article.body), language: language,
                spans: .init(
                    content: [statement.content.lowerBound, statement.content.upperBound],
                    sentence: [statement.sentence.lowerBound, statement.sentence.upperBound],
                    speaker: [statement.speaker.range.lowerBound, statement.speaker.range.upperBound]))
            built.append(BuiltStatement(terms: terms, data: stored.documentData(), dateKey: article.date?.sortKey))
        }
        return built
    }

    /// Index of the first token starting at or after `offset` (tokens are in text order).
    static func firstToken(in tokens: [Token], atOrAfter offset: Int) -> Int {
        var low = 0
        var high = tokens.count
        while low < high {
            let middle = (low + high) / 2
            if tokens[middle].start < offset { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
