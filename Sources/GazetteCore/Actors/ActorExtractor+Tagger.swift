/// Mentions from the trained tagger, merged with gazetteer matches.
extension ActorExtractor {
    func taggedSpans(_ context: TokenContext, _ tagger: EntityTagger) -> [Span] {
        let input = TaggerInput(context: context, gazetteer: gazetteer)
        let tagged = tagger.tag(input)
        var spans: [Span] = []
        var next = 0
        for sentence in input.sentences {
            let heading = input.attributes[sentence.lowerBound].casing.contains(.headingLine)
            // A headline-style phrase ("Ukraine Signals Willingness to Compromise") rather than a
            // name line (a byline, a dateline, a sports result).
            let phrase = heading && sentence.contains { context.tokens[$0].kind == .letter && !context.isCapitalized($0) }
            var found: [Span] = []
            while next < tagged.count, tagged[next].range.lowerBound < sentence.upperBound {
                let range = tagged[next].range
                let span = Span(first: range.lowerBound, count: range.count, kind: tagged[next].entity.mentionKind, actor: nil, source: .tagger)
                next += 1
                if context.isTickerSymbol(span.first..<span.end) { continue }
                // Title-case headings make ordinary words look like names ("Ukraine Signals
                // Willingness"): there a name the gazetteer does not know must not contain a word
                // the text also writes in lower case, or a word that never starts a name.
                if heading, phrase || isOrdinaryHeadingWords(span, input), aliasEntries(span, context).isEmpty,
                    !(span.kind == .person && span.count >= 2 && input.lexicon[span.first].contains(.givenName))
                {
                    continue
                }
                found.append(span)
            }
            let startsAlias: LexiconFlags = [.alias(.place, .begin), .alias(.place, .unit), .alias(.org, .begin), .alias(.org, .unit),
                                             .alias(.person, .begin), .alias(.person, .unit), .demonym]
            for match in gazetteerSpans(sentence, context, heading: heading, mayStart: { !input.lexicon[$0].isDisjoint(with: startsAlias) }) {
                if let index = found.firstIndex(where: { $0.first == match.first && $0.count == match.count }) {
                    // Same words: a demonym the tagger called OTHER gets its place.
                    if found[index].kind == .other, match.kind == .other { found[index].actor = match.actor }
                    continue
                }
                if found.contains(where: { $0.overlaps(match) }) || context.isTickerSymbol(match.first..<match.end) { continue }
                if addsGazetteerMatch(match, context, input) { found.append(match) }
            }
            spans += found
        }
        return spans
    }

    private func isOrdinaryHeadingWords(_ span: Span, _ input: TaggerInput) -> Bool {
        (span.first..<span.end).contains { index in
            input.attributes[index].casing.contains(.seenLowercase) || input.lexicon[index].contains(.nonEntity)
        }
    }

    /// Whether a gazetteer alias the tagger left out is still a mention: demonyms (kept as OTHER
    /// with their place), acronyms and names in capitals ("NATO", "U.S."), and known people
    /// ("Zelenskyy"). Other single words the tagger passed over are often ordinary words
    /// ("Turkey" in a list of dishes, "Chad" as a given name); measured on CoNLL and Reuters, adding
    /// them costs precision and gains nothing.
    private func addsGazetteerMatch(_ match: Span, _ context: TokenContext, _ input: TaggerInput) -> Bool {
        match.kind == .other || match.kind == .person || context.isAcronym(match.first) || context.isAllCaps(match.first)
    }
}
