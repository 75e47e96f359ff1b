/// The words naming a speaker: a noun phrase around a reporting verb ("Russia's defence ministry",
/// "U.S. special envoy Daniel Whitcombe", "officials in Washington", "she").
struct SpeakerPhrase: Equatable {
    /// First and last token, inclusive.
    var first: Int
    var last: Int

    var tokens: ClosedRange<Int> { first...last }
}

/// Chunking speaker phrases without a parser: a phrase is a run of determiners, capitalised words,
/// mentions, role and group nouns and their modifiers, with "of/for/in…" phrases and "and" inside,
/// that no punctuation interrupts.
extension StatementText {
    /// A word that can be part of a speaker phrase on its own merits.
    func isPhraseWord(_ index: Int) -> Bool {
        if mentionOf[index] >= 0 { return true }
        let wordClass = classes[index]
        if wordClass.contains(.auxiliary) || wordClass.contains(.pronoun) { return false }
        if !wordClass.isDisjoint(with: [.determiner, .modifier, .quantifier]) || !wordClass.isDisjoint(with: .headNoun) { return true }
        if verbs[index] != nil && !isCapitalized(index) { return false }
        if wordClass.contains(.clauseWord) || wordClass.contains(.preposition) { return false }
        return isCapitalized(index) || tokens[index].kind == .number
    }

    /// A word a phrase may end on: a mention, a role, group, institution or document noun, or a capitalised word.
    func isHeadWord(_ index: Int) -> Bool {
        if mentionOf[index] >= 0 { return true }
        let wordClass = classes[index]
        if !wordClass.isDisjoint(with: .headNoun) { return true }
        if !wordClass.isDisjoint(with: [.determiner, .auxiliary, .clauseWord, .preposition, .pronoun, .adverb, .timeWord]) { return false }
        return isCapitalized(index) && verbs[index] == nil
    }

    /// The phrase ending at token `last` (a subject before its verb), not reaching before `floor`.
    func phrase(endingAt last: Int, floor: Int) -> SpeakerPhrase? {
        guard last >= floor, !isQuoted(last) else { return nil }
        if classes[last].contains(.pronoun) { return SpeakerPhrase(first: last, last: last) }
        guard isHeadWord(last) else { return nil }
        var first = last
        var index = last - 1
        while index >= floor {
            if !gapAfter[index].isDisjoint(with: .phraseBreak) || isQuoted(index) { break }
            let wordClass = classes[index]
            if mentionOf[index] >= 0 {
                first = index
            } else if tokens[index].folded == "and" {
                // "France and Britain", "the Kharkiv and Kherson regions"; not "…support and said".
                guard index - 1 >= floor, gapAfter[index - 1].isDisjoint(with: .phraseBreak), isPhraseWord(index - 1) else { break }
            } else if wordClass.contains(.preposition) {
                // Inside the phrase only: "officials in Washington", "a spokesperson for the WFP".
                guard index - 1 >= floor, gapAfter[index - 1].isDisjoint(with: .phraseBreak), isPhraseWord(index - 1) else { break }
            } else if wordClass.contains(.determiner) {
                first = index
                // "a spokesperson for the World Food Programme": the determiner closes "the WFP" only.
                if index - 1 >= floor, classes[index - 1].contains(.preposition), gapAfter[index - 1].isDisjoint(with: .phraseBreak) {
                    index -= 1
                    continue
                }
                break
            } else if isPhraseWord(index) {
                first = index
            } else if isUnknownModifier(index, floor: floor) {
                first = index
            } else {
                break
            }
            index -= 1
        }
        return SpeakerPhrase(first: first, last: last)
    }

    /// The subject phrase ending at `last`, reaching back across "of/in/at/for…" phrases:
    /// "Workers at the existing plant in northern Sweden", "Supporters of the plan",
    /// "Ukraine's coordination headquarters for prisoners of war".
    func speakerPhrase(endingAt last: Int, floor: Int) -> SpeakerPhrase? {
        if var found = phrase(endingAt: last, floor: floor) {
            let before = found.first - 1
            if before > floor, isPhrasePreposition(before), gapAfter[before].isDisjoint(with: .phraseBreak),
                gapAfter[before - 1].isDisjoint(with: .phraseBreak), !classes[found.first].contains(.pronoun),
                let outer = speakerPhrase(endingAt: before - 1, floor: floor)
            {
                found.first = outer.first
            }
            return found
        }
        // The phrase ends in a plain noun ("…in the district"): find the preposition it hangs from.
        var index = last
        while index > floor, last - index < 6, gapAfter[index - 1].isDisjoint(with: .phraseBreak), !isQuoted(index) {
            let wordClass = classes[index]
            if isPhrasePreposition(index) {
                guard let outer = speakerPhrase(endingAt: index - 1, floor: floor) else { return nil }
                return SpeakerPhrase(first: outer.first, last: last)
            }
            // "NATO foreign ministers meeting in Brussels": a participle after the head noun.
            let word = tokens[index].folded
            if word.hasSuffix("ing"), index < last, mentionOf[index] < 0, !isCapitalized(index),
                let head = phrase(endingAt: index - 1, floor: floor), !classes[index - 1].isDisjoint(with: .headNoun) || mentionOf[index - 1] >= 0
            {
                return SpeakerPhrase(first: head.first, last: last)
            }
            let allowed = word == "and" || mentionOf[index] >= 0
                || (tokens[index].kind == .letter && verbs[index] == nil && !isCapitalized(index)
                    && (wordClass.isDisjoint(with: [.auxiliary, .clauseWord, .pronoun, .adverb]) || wordClass.contains(.preposition)))
            guard allowed else { return nil }
            index -= 1
        }
        return nil
    }

    private func isPhrasePreposition(_ index: Int) -> Bool {
        classes[index].contains(.phrasePreposition) && mentionOf[index] < 0
    }

    /// "on Friday", "last week", "on Monday evening", "earlier this week": returns the first token
    /// of a time phrase ending at `last`.
    func timePhraseStart(endingAt last: Int, floor: Int) -> Int? {
        guard classes[last].contains(.timeNoun) else { return nil }
        var start = last
        while start > floor, last - start < 4, gapAfter[start - 1].isDisjoint(with: .phraseBreak) {
            if !classes[start - 1].isDisjoint(with: [.timeNoun, .timeLead]) {
                start -= 1
            } else {
                break
            }
        }
        return start
    }

    /// An unlisted lower-case word inside a phrase: "Ukraine's coordination headquarters",
    /// accepted only when a determiner, possessive or name stands right before it.
    private func isUnknownModifier(_ index: Int, floor: Int) -> Bool {
        guard tokens[index].kind == .letter, verbs[index] == nil, classes[index].isEmpty, !isCapitalized(index) else { return false }
        // Only before a listed noun: not "a condition Kyiv rejects".
        guard index + 1 < tokens.count else { return false }
        let nextIsDemonym = mention(at: index + 1)?.kind == .other
        guard nextIsDemonym || (mentionOf[index + 1] < 0 && !classes[index + 1].isDisjoint(with: [.headNoun, .modifier])) else { return false }
        for back in [index - 1, index - 2] where back >= floor {
            if !gapAfter[back].isDisjoint(with: .phraseBreak.subtracting(.possessive)) { return false }
            if classes[back].contains(.determiner) || isPossessive(back) || mentionOf[back] >= 0 { return true }
            if !classes[back].contains(.modifier) { return false }
        }
        return false
    }

    /// The phrase starting at token `first` (a speaker after "said", "according to", a dash).
    func phrase(startingAt first: Int, limit: Int) -> SpeakerPhrase? {
        guard first < limit, !isQuoted(first) else { return nil }
        if classes[first].contains(.pronoun) { return SpeakerPhrase(first: first, last: first) }
        var last = -1
        var index = first
        while index < limit {
            if index > first, !gapAfter[index - 1].isDisjoint(with: .phraseBreak) { break }
            let wordClass = classes[index]
            if mentionOf[index] >= 0 {
                last = index
            } else if tokens[index].folded == "and" || wordClass.contains(.preposition) {
                // Only inside a phrase that already has a head: "officials in Paris and London".
                if last < 0 { break }
            } else if wordClass.contains(.determiner) || wordClass.contains(.quantifier) {
                // continues
            } else if wordClass.contains(.auxiliary) || (wordClass.contains(.clauseWord) && !wordClass.contains(.preposition)) {
                break
            } else if isPhraseWord(index) {
                if isHeadWord(index) || tokens[index].kind == .number { last = index }
            } else if tokens[index].kind == .letter, verbs[index] == nil, classes[index].isEmpty, !isCapitalized(index),
                index + 1 < limit, gapAfter[index].isDisjoint(with: .phraseBreak), !classes[index + 1].isDisjoint(with: .headNoun)
            {
                // "a sanctions researcher", "a volunteer repair network": an unlisted modifier before a listed noun.
            } else {
                break
            }
            index += 1
        }
        guard last >= first else { return nil }
        return SpeakerPhrase(first: first, last: last)
    }

    /// Where a unit's own words start: after a dateline and after an opening phrase such as
    /// "In Moscow," or "Speaking to reporters,".
    func subjectStart(of unit: Unit) -> Int? {
        var start = unit.tokens.lowerBound
        while start < unit.tokens.upperBound, tokens[start].start < datelineEnd { start += 1 }
        guard start < unit.tokens.upperBound else { return nil }
        let opener = classes[start].contains(.introWord) || (verbs[start].map { $0.form == .participle || $0.form == .past } ?? false)
            || (tokens[start].folded.hasSuffix("ing") && mentionOf[start] < 0)
        if opener {
            var comma = start
            while comma < unit.tokens.upperBound - 1, !gapAfter[comma].contains(.comma) { comma += 1 }
            // "In Berlin and Paris they have pressed…": no comma after the opening phrase, a pronoun subject.
            let window = (start + 1)..<max(start + 1, min(comma, start + 10))
            if let pronoun = window.first(where: { classes[$0].contains(.pronoun) && !isQuoted($0) }) {
                start = pronoun
            } else if comma < unit.tokens.upperBound - 1 {
                start = comma + 1
            } else {
                return nil
            }
        }
        return start
    }

    /// The subject of a unit: the phrase it opens with (with an appositive name: "Ukraine's energy
    /// minister, Halyna Moroz, who…"). Nil when the unit opens with a quotation.
    func subject(of unit: Unit) -> SpeakerPhrase? {
        guard let start = subjectStart(of: unit), !isQuoted(start) else { return nil }
        guard var phrase = phrase(startingAt: start, limit: unit.tokens.upperBound) else { return nil }
        // "The mayor of Haldenport, Petra Voss, says": the name in the appositive is the speaker.
        let next = phrase.last + 1
        if next < unit.tokens.upperBound, gapAfter[phrase.last].contains(.comma), let mention = mention(at: next),
            mention.kind == .person, mention.firstToken == next
        {
            let end = next + mention.tokenCount - 1
            if end + 1 >= unit.tokens.upperBound || gapAfter[end].contains(.comma) { phrase.last = end }
        }
        return phrase
    }
}
