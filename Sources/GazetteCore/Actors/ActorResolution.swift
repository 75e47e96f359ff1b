/// Turns spans into canonical actors: gazetteer aliases first, then people by surname within the
/// same block of text, then ids made from the name itself.
extension ActorExtractor {
    /// Gazetteer entries whose alias is exactly the span's words.
    func aliasEntries(_ span: Span, _ context: TokenContext) -> [Gazetteer.Entry] {
        var key = context.tokens[span.first].folded
        for index in span.first + 1..<span.end {
            key += " "
            key += context.tokens[index].folded
        }
        return (gazetteer.entriesByAlias[key] ?? []).map { gazetteer.entries[$0] }
    }

    func resolve(_ spans: [Span], _ context: TokenContext) -> [Span] {
        var spans = spans.sorted { $0.first < $1.first }
        let blocks = blockNumbers(context)

        // 1. Aliases. A name the tagger typed differently from the gazetteer keeps the tagger's
        //    type when it is an organisation named after a place (a sports team, "Washington" as
        //    a club) or a person named like a place ("Chad"); otherwise the gazetteer's type wins.
        for index in spans.indices where spans[index].actor == nil && spans[index].kind != .other {
            let entries = aliasEntries(spans[index], context)
            guard !entries.isEmpty else { continue }
            let kind = spans[index].kind
            if let same = entries.first(where: { Mention.Kind($0.actor.type) == kind }) {
                spans[index].actor = same.actor
            } else if kind == .org, spans[index].count == 1, isShortAcronym(spans[index].first, context),
                let place = entries.first(where: { $0.actor.type == .place })
            {
                // "US", "U.K." are places even where the tagger read an organisation.
                spans[index].actor = place.actor
                spans[index].kind = .place
            } else if kind == .place, let org = entries.first(where: { $0.actor.type == .org }) {
                spans[index].actor = org.actor
                spans[index].kind = .org
            } else if kind != .person, let person = entries.first(where: { $0.actor.type == .person }) {
                // A known spelling of a person ("Zelenskyy") the tagger could not place.
                spans[index].actor = person.actor
                spans[index].kind = .person
            } else if kind == .person, let org = entries.first(where: { $0.actor.type == .org }) {
                spans[index].actor = org.actor
                spans[index].kind = .org
            }
        }

        // 2. People: full names become actors and index their surname within the block.
        struct SurnameKey: Hashable { var block: Int; var surname: String }
        var bySurname: [SurnameKey: ActorRef] = [:]
        var ambiguous = Set<SurnameKey>()
        for index in spans.indices where spans[index].kind == .person && spans[index].count >= 2 {
            if spans[index].actor == nil {
                let name = displayName(context.surface(spans[index]))
                spans[index].actor = ActorRef(id: ActorRef.makeID(type: .person, name: name), name: name, type: .person)
            }
            guard let actor = spans[index].actor else { continue }
            let key = SurnameKey(block: blocks[spans[index].first], surname: context.tokens[spans[index].end - 1].folded)
            if let existing = bySurname[key], existing.id != actor.id { ambiguous.insert(key) }
            bySurname[key] = actor
        }
        func linked(_ token: Int) -> ActorRef? {
            let key = SurnameKey(block: blocks[token], surname: context.tokens[token].folded)
            if !ambiguous.contains(key), let actor = bySurname[key] { return actor }
            let people = gazetteer.people(withSurname: key.surname)
            return people.count == 1 ? people[0].actor : nil
        }
        for index in spans.indices where spans[index].kind == .person && spans[index].actor == nil {
            let surface = displayName(context.surface(spans[index]))
            spans[index].actor = (spans[index].count == 1 ? linked(spans[index].first) : nil)
                ?? ActorRef(id: ActorRef.makeID(type: .person, name: surface), name: surface, type: .person)
        }

        // 3. A capitalised word nobody claimed that is the surname of a person named in full in
        //    the same block (or of exactly one well-known person) is that person.
        var covered = [Bool](repeating: false, count: context.tokens.count)
        for span in spans { for index in span.first..<span.end { covered[index] = true } }
        for index in context.tokens.indices where !covered[index] && context.isCapitalized(index) {
            let folded = context.tokens[index].folded
            guard context.tokens[index].kind == .letter, folded.utf8.count >= 3, !gazetteer.nonEntities.contains(folded) else { continue }
            let key = SurnameKey(block: blocks[index], surname: folded)
            let known = !ambiguous.contains(key) ? bySurname[key] : nil
            let famous = gazetteer.people(withSurname: folded)
            if let actor = known ?? (famous.count == 1 && !gazetteer.givenNames.contains(folded) ? famous[0].actor : nil) {
                spans.append(Span(first: index, count: 1, kind: .person, actor: actor, source: .surname))
            }
        }

        // 4. Everything else is known by its own name.
        for index in spans.indices where spans[index].actor == nil {
            let surface = displayName(context.surface(spans[index]))
            switch spans[index].kind {
            case .org: spans[index].actor = ActorRef(id: ActorRef.makeID(type: .org, name: surface), name: surface, type: .org)
            case .place: spans[index].actor = ActorRef(id: ActorRef.makeID(type: .place, name: surface), name: surface, type: .place)
            case .person, .other: break
            }
        }
        return spans
    }

    private func isShortAcronym(_ index: Int, _ context: TokenContext) -> Bool {
        let token = context.tokens[index]
        return token.isAcronym || (context.isAllCaps(index) && token.end - token.start <= 3)
    }

    /// The block (text separated by two or more blank lines) of every token.
    private func blockNumbers(_ context: TokenContext) -> [Int] {
        var blocks = [Int](repeating: 0, count: context.tokens.count)
        var block = 0
        for index in context.tokens.indices.dropFirst() {
            if context.isBlockBreak(before: index) { block += 1 }
            blocks[index] = block
        }
        return blocks
    }
}
