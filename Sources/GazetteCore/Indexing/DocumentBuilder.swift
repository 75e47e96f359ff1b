import Foundation

/// An article with its identity settled, ready to be analysed.
struct PreparedArticle: Sendable {
    var article: Article
    var id: String
    var format: InputFormat
    var contentHash: String
}

/// A finished Xapian document (built off the writer thread) and what the index catalog needs.
struct BuiltDocument {
    var id: String
    var terms: PackedTerms
    var data: [UInt8]
    var dateKey: String?
    var contentHash: String
    var language: String
    var mentions: [(actor: ActorRef, surface: String)]
    /// Documents for the statement index (empty when statements are off or none were found).
    var statements: [BuiltStatement] = []
}

/// Turns an article into terms, values and stored data using Schema's prefix table. One per
/// worker thread (it owns an analyzer).
final class DocumentBuilder {
    let analyzer: Analyzer
    let extractor: ActorExtractor
    /// The user's merges, drops and names, applied as documents are written.
    let actorMap: ActorMap
    /// nil when the run does not extract statements (`Indexer.Options.statements` off).
    let statements: StatementDocuments?

    init(extractor: ActorExtractor, actorMap: ActorMap = .identity, statements: Bool = true) throws(GazetteError) {
        analyzer = try Analyzer()
        self.extractor = extractor
        self.actorMap = actorMap
        self.statements = statements ? StatementDocuments(extractor: StatementExtractor(gazetteer: extractor.gazetteer)) : nil
    }

    /// Analysis only (the floor of indexing cost): what `build` does before extraction.
    func analyze(_ article: Article, times: inout StageTimes) -> Int {
        let language = article.language ?? Language.defaultCode
        return times.measure(.analyze) {
            let title = analyzer.analyze(article.title, language: language, firstPosition: 1)
            let body = analyzer.analyze(article.body, language: language, firstPosition: title.nextPosition)
            return title.tokens.count + body.tokens.count
        }
    }

    /// The actor a mention stands for under the alias file; nil when the user dropped it.
    private func mapped(_ actor: ActorRef) -> ActorRef? {
        guard !actorMap.isIdentity else { return actor }
        guard let id = actorMap.canonical(actor.id) else { return nil }
        if id == actor.id, actorMap.name(of: id) == nil { return actor }
        return ActorRef(id: id, name: actorMap.name(of: id) ?? actor.name, type: ActorMap.type(of: id) ?? actor.type)
    }

    func build(_ prepared: PreparedArticle, times: inout StageTimes) -> BuiltDocument {
        let article = prepared.article
        let language = article.language ?? Language.defaultCode
        var terms = PackedTerms()
        var counts: [String: (actor: ActorRef, mentions: Int)] = [:]
        var mentions: [(actor: ActorRef, surface: String)] = []

        let (title, body) = times.measure(.analyze) {
            let title = analyzer.analyze(article.title, language: language, firstPosition: 1)
            return (title, analyzer.analyze(article.body, language: language, firstPosition: title.nextPosition))
        }
        let found = times.measure(.extract) {
            [(article.title, title), (article.body, body)].map { text, analyzed in
                (analyzed, extractor.extract(text: text, analyzed: analyzed, language: language))
            }
        }
        let startBuild = StageTimes.threadCPU()
        for token in title.tokens {
            terms.addPosting(prefix: Schema.Prefix.title, token.term, position: token.position)
            terms.addPosting(token.term, position: token.position)
            // Title words weigh more in BM25 through extra within-document frequency.
            for _ in 1..<Schema.titleWdfBoost { terms.addTerm(token.term) }
        }
        for token in body.tokens { terms.addPosting(token.term, position: token.position) }

        for (analyzed, extracted) in found {
            for mention in extracted {
                guard let extracted = mention.actor, let actor = mapped(extracted) else { continue }
                terms.addPosting(TermNames.actor(actor.id), position: analyzed.tokens[mention.firstToken].position)
                counts[actor.id, default: (actor, 0)].mentions += 1
                mentions.append((actor, mention.text))
            }
        }

        addWords(of: article.source, prefix: Schema.Prefix.source, to: &terms)
        for author in article.authors { addWords(of: author, prefix: Schema.Prefix.author, to: &terms) }
        terms.addTerm(TermNames.id(prepared.id), boolean: true)
        terms.addTerm(TermNames.path(article.origin.path), boolean: true)
        terms.addTerm(prefix: Schema.Prefix.language, language, boolean: true)
        if let date = article.date {
            terms.addTerm(prefix: Schema.Prefix.day, date.dayKey, boolean: true)
            terms.addTerm(prefix: Schema.Prefix.month, date.monthKey, boolean: true)
            terms.addTerm(prefix: Schema.Prefix.year, date.yearKey, boolean: true)
        } else {
            terms.addTerm(Schema.Prefix.undated, boolean: true)
        }

        let actors = counts.values
            .sorted { $0.mentions != $1.mentions ? $0.mentions > $1.mentions : $0.actor.id < $1.actor.id }
            .map { StoredArticle.StoredActor(id: $0.actor.id, name: $0.actor.name, type: $0.actor.type, mentions: $0.mentions) }
        let stored = StoredArticle(
            id: prepared.id, title: article.title, body: article.body, date: article.date?.iso8601, source: article.source,
            url: article.url, authors: article.authors, language: language, path: article.origin.path,
            line: article.origin.line, record: article.origin.record, format: prepared.format.rawValue, actors: actors)
        let data = stored.documentData()
        times.add(.build, StageTimes.threadCPU() - startBuild)
        let startStatements = StageTimes.threadCPU()
        let statementDocuments = statements?.build(
            article: article, id: prepared.id, language: language, body: body, mentions: found[1].1) ?? []
        times.add(.statements, StageTimes.threadCPU() - startStatements)
        return BuiltDocument(
            id: prepared.id, terms: terms, data: data, dateKey: article.date?.sortKey, contentHash: prepared.contentHash,
            language: language, mentions: mentions, statements: statementDocuments)
    }

    /// Words of a metadata field as positional prefixed terms, so `source:"kyiv independent"`
    /// works as a phrase; no stemming, names are matched as written (folded).
    private func addWords(of text: String?, prefix: String, to terms: inout PackedTerms) {
        guard let text, !text.isEmpty else { return }
        for token in analyzer.analyze(text, language: "none").tokens {
            terms.addPosting(prefix: prefix, token.folded, position: token.position)
        }
    }

    /// The document id: the record's own, else the file path plus the line or record number.
    static func documentID(for article: Article) -> String {
        if let id = article.id { return id }
        if let line = article.origin.line { return "\(article.origin.path):\(line)" }
        if let record = article.origin.record { return "\(article.origin.path)#\(record)" }
        return article.origin.path
    }

    /// `statements`: whether the run extracts statements, so that an article written without
    /// them (`--no-statements`) counts as changed for the next run that does.
    static func contentHash(of article: Article, id: String, format: InputFormat, statements: Bool = true) -> String {
        var hash = ContentHash()
        hash.combine(Schema.version)
        if !statements { hash.combine("no-statements") }
        hash.combine(id)
        hash.combine(format.rawValue)
        hash.combine(article.title)
        hash.combine(article.body)
        hash.combine(article.date?.sortKey)
        hash.combine(article.source)
        hash.combine(article.url)
        hash.combine(article.authors.joined(separator: "\u{1}"))
        hash.combine(article.language)
        hash.combine(article.origin.description)
        return hash.hex
    }
}
