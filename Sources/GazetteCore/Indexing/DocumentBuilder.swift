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
}

/// Turns an article into terms, values and stored data using Schema's prefix table. One per
/// worker thread (it owns an analyzer).
final class DocumentBuilder {
    let analyzer: Analyzer
    let extractor: ActorExtractor
    private let encoder: JSONEncoder

    init(extractor: ActorExtractor) throws(GazetteError) {
        analyzer = try Analyzer()
        self.extractor = extractor
        encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
    }

    func build(_ prepared: PreparedArticle) -> BuiltDocument {
        let article = prepared.article
        let language = article.language ?? Language.defaultCode
        var terms = PackedTerms()
        var counts: [String: (actor: ActorRef, mentions: Int)] = [:]
        var mentions: [(actor: ActorRef, surface: String)] = []

        let title = analyzer.analyze(article.title, language: language, firstPosition: 1)
        for token in title.tokens {
            terms.addPosting(prefix: "S", token.term.utf8, position: token.position)
            terms.addPosting(token.term.utf8, position: token.position)
            // Title words weigh more in BM25 through extra within-document frequency.
            for _ in 1..<Schema.titleWdfBoost { terms.addTerm(token.term.utf8) }
        }
        let body = analyzer.analyze(article.body, language: language, firstPosition: title.nextPosition)
        for token in body.tokens { terms.addPosting(token.term.utf8, position: token.position) }

        for (text, analyzed) in [(article.title, title), (article.body, body)] {
            for mention in extractor.extract(text: text, analyzed: analyzed, language: language) {
                guard let actor = mention.actor else { continue }
                let term = TermNames.actor(actor.id)
                terms.addPosting(term.utf8, position: analyzed.tokens[mention.firstToken].position)
                counts[actor.id, default: (actor, 0)].mentions += 1
                mentions.append((actor, mention.text))
            }
        }

        addWords(of: article.source, prefix: "XS", to: &terms)
        for author in article.authors { addWords(of: author, prefix: "A", to: &terms) }
        terms.addTerm(TermNames.id(prepared.id).utf8, boolean: true)
        terms.addTerm(TermNames.path(article.origin.path).utf8, boolean: true)
        terms.addTerm(("XF" + prepared.format.rawValue).utf8, boolean: true)
        terms.addTerm(("L" + language).utf8, boolean: true)
        if let date = article.date {
            terms.addTerm(("D" + date.dayKey).utf8, boolean: true)
            terms.addTerm(("M" + date.monthKey).utf8, boolean: true)
            terms.addTerm(("Y" + date.yearKey).utf8, boolean: true)
        } else {
            terms.addTerm(Schema.Prefix.undated.utf8, boolean: true)
        }

        let actors = counts.values
            .sorted { $0.mentions != $1.mentions ? $0.mentions > $1.mentions : $0.actor.id < $1.actor.id }
            .map { StoredArticle.StoredActor(id: $0.actor.id, name: $0.actor.name, type: $0.actor.type, mentions: $0.mentions) }
        let stored = StoredArticle(
            id: prepared.id, title: article.title, body: article.body, date: article.date?.iso8601, source: article.source,
            url: article.url, authors: article.authors, language: language, path: article.origin.path,
            line: article.origin.line, record: article.origin.record, format: prepared.format.rawValue, actors: actors)
        let data = (try? encoder.encode(stored)).map { Array($0) } ?? []
        return BuiltDocument(
            id: prepared.id, terms: terms, data: data, dateKey: article.date?.sortKey, contentHash: prepared.contentHash,
            language: language, mentions: mentions)
    }

    /// Words of a metadata field as positional prefixed terms, so `source:"kyiv independent"`
    /// works as a phrase; no stemming, names are matched as written (folded).
    private func addWords(of text: String?, prefix: StaticString, to terms: inout PackedTerms) {
        guard let text, !text.isEmpty else { return }
        for token in analyzer.analyze(text, language: "none").tokens {
            terms.addPosting(prefix: prefix, token.folded.utf8, position: token.position)
        }
    }

    /// The document id: the record's own, else the file path plus the line or record number.
    static func documentID(for article: Article) -> String {
        if let id = article.id { return id }
        if let line = article.origin.line { return "\(article.origin.path):\(line)" }
        if let record = article.origin.record { return "\(article.origin.path)#\(record)" }
        return article.origin.path
    }

    static func contentHash(of article: Article, id: String, format: InputFormat) -> String {
        var hash = ContentHash()
        hash.combine(Schema.version)
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
