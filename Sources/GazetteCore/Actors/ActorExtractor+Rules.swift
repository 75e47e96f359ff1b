/// Rule-based name finding, used for languages that have no trained tagger model: a person title
/// followed by a capitalised name ("President Volodymyr Zelensky"), a known given name followed
/// by capitalised words, and capitalised runs ending in an organisation word ("Standard Oil Co").
extension ActorExtractor {
    func titledPersonSpans(_ range: Range<Int>, _ context: TokenContext) -> [Span] {
        var spans: [Span] = []
        var index = range.lowerBound
        while index < range.upperBound {
            let candidates = gazetteer.personTitlesByFirstToken[context.tokens[index].folded] ?? []
            guard let title = candidates.first(where: { context.matchesWords($0, at: index, limit: range.upperBound) }) else {
                index += 1
                continue
            }
            let nameStart = index + title.count
            let length = context.nameLength(from: nameStart, limit: range.upperBound, gazetteer: gazetteer)
            if length > 0 {
                spans.append(Span(first: nameStart, count: length, kind: .person, actor: nil, source: .titled))
                index = nameStart + length
            } else {
                index += title.count
            }
        }
        return spans
    }

    func givenNamePersonSpans(_ range: Range<Int>, _ context: TokenContext) -> [Span] {
        var spans: [Span] = []
        var index = range.lowerBound
        while index < range.upperBound {
            let token = context.tokens[index]
            let isGivenName = gazetteer.givenNames.contains(token.folded) && !gazetteer.ambiguousGivenNames.contains(token.folded)
            if isGivenName, context.isCapitalized(index), !context.isAllCaps(index),
                !(index == range.lowerBound && gazetteer.nonEntities.contains(token.folded))
            {
                let rest = context.nameLength(from: index + 1, limit: range.upperBound, gazetteer: gazetteer)
                if rest > 0, context.adjacent(index, index + 1) {
                    spans.append(Span(first: index, count: rest + 1, kind: .person, actor: nil, source: .givenName))
                    index += rest + 1
                    continue
                }
            }
            index += 1
        }
        return spans
    }

    private static let nameConnectors: Set<String> = ["of", "for", "and", "&", "the", "de", "du", "des", "la", "le", "di", "del"]

    func organisationSpans(_ range: Range<Int>, _ context: TokenContext) -> [Span] {
        var spans: [Span] = []
        var index = range.lowerBound
        while index < range.upperBound {
            guard context.isCapitalized(index) else {
                index += 1
                continue
            }
            // The longest capitalised run (with connectors inside) starting here.
            var end = index + 1
            var lastCapital = index
            while end < range.upperBound, context.adjacent(end - 1, end) {
                if context.isCapitalized(end) {
                    lastCapital = end
                } else if !Self.nameConnectors.contains(context.tokens[end].folded) {
                    break
                }
                end += 1
            }
            var start = index
            if start == range.lowerBound, gazetteer.nonEntities.contains(context.tokens[start].folded), lastCapital > start {
                start += 1
            }
            var found: Span?
            // The run ends at its first organisation word ("Standard Oil Co", "Workers Union")...
            if let last = (start...lastCapital).first(where: { OrganisationWords.endings.contains(context.tokens[$0].folded) }) {
                var end = last
                // ...extended by "of Capitalised words" ("Ministry of Energy", "Bank of Japan").
                if end + 2 <= lastCapital, context.tokens[end + 1].folded == "of", context.isCapitalized(end + 2) {
                    end += 2
                    while end + 1 <= lastCapital, context.isCapitalized(end + 1) { end += 1 }
                }
                // A lone generic word ("Ministry", "Party") is not a name.
                if end > start {
                    found = Span(first: start, count: end - start + 1, kind: .org, actor: nil, source: .organisation)
                }
            }
            if let found {
                spans.append(found)
                index = found.end
            } else {
                index = max(index + 1, lastCapital + 1)
            }
        }
        return spans
    }
}
