/// Finds the attributions in one unit and the content each one reports, before speakers are
/// resolved: reporting verbs in their constructions (`X said that…`, `"…," X said`, `"…," said X`,
/// `…, X said.`, `X, who…, said…`, `…, warning that…`, `… and urged…`), `according to X`,
/// dash attributions (`"…" — X`) and `X's message … : …`.
struct AttributionFinder {
    typealias Gap = StatementText.Gap

    /// One attribution found in a unit.
    struct Candidate {
        enum Speaker: Equatable {
            /// These words name the speaker.
            case phrase(SpeakerPhrase)
            /// The speaker of the unit's previous statement, else its subject ("…, insisting that…").
            case inherit
            /// The unit's subject ("Zelensky, speaking in his evening address, said…").
            case subject
        }

        var anchor: Int
        var verb: String
        var speaker: Speaker
        var content: Range<Int>
        var direct: Bool
        /// Where this statement's own clause begins; an earlier statement's content ends there.
        var clauseStart: Int
        /// The clause follows punctuation or a conjunction, so it ends the content before it
        /// (otherwise an attribution inside an earlier content is a reported one, not labelled).
        var isBoundary: Bool
        /// The content runs on after the attribution and may be cut by later clauses.
        var runsForward: Bool
        var isAccordingTo = false
        /// The content ends at the next comma ("…, which Zelensky said had been passed to Washington, …").
        var isRelative = false
        /// "countered such arguments by warning that…": one statement, the first verb's, with this content.
        var mergesWithPrevious = false
    }

    /// Reporting verbs that take any content as participles (", saying Ukraine had…").
    private static let anyContentLemmas: Set<String> = ["say", "urge", "call", "appeal"]
    /// Verbs that report only a clause or a quotation ("added that…", not "adding costs").
    private static let clauseOnlyLemmas: Set<String> = ["add", "note", "ask", "write"]

    let text: StatementText
    let unit: StatementText.Unit
    /// First token of the unit after any dateline.
    let floor: Int
    let subject: SpeakerPhrase?
    /// Where the unit's own words start (after an opening phrase), for telling content from introductions.
    private let subjectStart: Int?
    private var candidates: [Candidate] = []
    /// Tokens before this index already belong to an attribution found earlier in the unit.
    private var consumed: Int

    init(text: StatementText, unit: StatementText.Unit, subject: SpeakerPhrase?) {
        self.text = text
        self.unit = unit
        self.subject = subject
        var floor = unit.tokens.lowerBound
        while floor < unit.tokens.upperBound, text.tokens[floor].start < text.datelineEnd { floor += 1 }
        self.floor = floor
        consumed = floor
        subjectStart = text.subjectStart(of: unit)
    }

    var end: Int { unit.tokens.upperBound }

    mutating func find() -> [Candidate] {
        var index = floor
        while index < end {
            defer { index += 1 }
            if text.isQuoted(index) {
                if index > floor, text.gapBefore(index).contains(.quoteClose), text.gapBefore(index).contains(.dash) {
                    dashAttribution(at: index)
                }
                continue
            }
            if text.classes[index].contains(.according), index + 1 < end, text.folded(index + 1) == "to" {
                accordingTo(at: index)
            } else if let verb = text.verbs[index], text.mentionOf[index] < 0 {
                reportingVerb(verb, at: index)
            } else if text.classes[index].contains(.positionNoun) {
                position(at: index)
            } else if index > floor, text.gapBefore(index).contains(.quoteClose), text.gapBefore(index).contains(.dash) {
                dashAttribution(at: index)
            }
        }
        return candidates
    }

    // MARK: Reporting verbs

    private mutating func reportingVerb(_ verb: StatementLexicon.Verb, at verbIndex: Int) {
        // Look left past adverbs and auxiliaries: "has repeatedly said", "did not say".
        var previous = verbIndex - 1
        var hasAuxiliary = false
        var isPassive = false
        while previous >= floor, text.gapAfter[previous].isDisjoint(with: Gap.phraseBreak), !text.isQuoted(previous) {
            let wordClass = text.classes[previous]
            if wordClass.contains(.negation) { return }
            // "The United Nations on Friday appealed…": a time phrase between subject and verb.
            if let start = text.timePhraseStart(endingAt: previous, floor: floor) {
                previous = start - 1
                continue
            }
            if wordClass.contains(.auxiliary) {
                hasAuxiliary = true
                if verb.form == .past, text.classes[previous].contains(.beForm) { isPassive = true }
            } else if !wordClass.contains(.adverb) {
                break
            }
            previous -= 1
        }
        if isPassive { return }
        // "entities accused of helping…", "a document seen by…": a participle, not a report.
        if verb.form == .past, verbIndex + 1 < end, text.gapAfter[verbIndex].isDisjoint(with: Gap.phraseBreak),
            text.folded(verbIndex + 1) == "by" || (verb.lemma == "accuse" && text.folded(verbIndex + 1) == "of")
        {
            return
        }
        // "declined to say", "expected to announce": not said. "continues to demand": said.
        if previous >= floor, text.folded(previous) == "to", text.gapAfter[previous].isDisjoint(with: Gap.phraseBreak) {
            guard previous - 1 >= floor, text.folded(previous - 1).hasPrefix("continu") else { return }
            previous -= 2
            hasAuxiliary = true
            while previous >= floor, text.gapAfter[previous].isDisjoint(with: Gap.phraseBreak),
                !text.classes[previous].isDisjoint(with: [.auxiliary, .adverb])
            {
                previous -= 1
            }
        }
        // "Ukraine's stated conditions", "Putin's demand that…": after a possessive, a noun.
        if previous >= floor, text.isPossessive(previous), text.gapAfter[previous].isDisjoint(with: Gap.phraseBreak) {
            nominal(verb, at: verbIndex, possessor: previous)
            return
        }
        guard previous >= floor else { return }
        let before = text.gapAfter[previous]
        if verb.form == .participle {
            participle(verb, at: verbIndex, previous: previous, before: before)
        } else {
            finite(verb, at: verbIndex, previous: previous, before: before, hasAuxiliary: hasAuxiliary)
        }
    }

    private mutating func finite(_ verb: StatementLexicon.Verb, at verbIndex: Int, previous: Int, before: Gap, hasAuxiliary: Bool) {
        // ", said X" after a quotation or clause, or "X, who…, said…" with the subject further back.
        if !before.isDisjoint(with: Gap.phraseBreak) {
            if !before.isDisjoint(with: [.comma, .quoteClose]), let speaker = text.phrase(startingAt: verbIndex + 1, limit: end),
                speaker.last + 1 >= end || !text.gapAfter[speaker.last].isDisjoint(with: [.comma, .period, .semicolon])
                    || (text.classes[speaker.last + 1].contains(.relativePronoun) && text.folded(speaker.last + 1) != "that")
            {
                backward(verb.lemma, anchor: verbIndex, speaker: .phrase(speaker), regionEnd: previous, tailEnd: speaker.last + 1)
                return
            }
            guard before.contains(.comma) else { return }
            // "Gavin Ashworth, the IMF's mission chief for Ukraine, said…": the name before the appositive.
            if let named = appositiveSubject(endingAt: previous) {
                attribute(verb, at: verbIndex, speaker: named, hasAuxiliary: hasAuxiliary)
            } else if subject != nil {
                forward(verb, at: verbIndex, speaker: .subject, clauseStart: text.tokens[verbIndex].start, isBoundary: false)
            }
            return
        }
        let word = text.folded(previous)
        if text.classes[previous].contains(.coordinator) {
            // "…thanked Poland for its support and said…": the same subject's next clause.
            let commaBefore = previous > floor && text.gapAfter[previous - 1].contains(.comma)
            let start = commaBefore ? text.tokens[previous - 1].end : text.tokens[previous].start
            forward(verb, at: verbIndex, speaker: .inherit, clauseStart: start, isBoundary: true)
            return
        }
        if word == "which" || word == "who", previous > floor, text.gapAfter[previous - 1].contains(.comma) {
            // "…, according to the U.N. mission, which says the real figure is higher".
            if let antecedent = text.speakerPhrase(endingAt: previous - 1, floor: floor) {
                forward(verb, at: verbIndex, speaker: .phrase(antecedent), clauseStart: text.tokens[previous - 1].end, isBoundary: true)
            }
            return
        }
        guard let speaker = text.speakerPhrase(endingAt: previous, floor: floor) else { return }
        attribute(verb, at: verbIndex, speaker: speaker, hasAuxiliary: hasAuxiliary)
    }

    /// A finite reporting verb with its subject phrase: decides whether the content comes before
    /// ("…, X said.") or after ("X said that…") and whether the clause closes an earlier one.
    private mutating func attribute(_ verb: StatementLexicon.Verb, at verbIndex: Int, speaker: SpeakerPhrase, hasAuxiliary: Bool) {
        if verb.nounLike && !hasAuxiliary && !isClearSubject(speaker, verb: verb) { return }
        let beforeSpeaker = speaker.first > floor ? text.gapAfter[speaker.first - 1] : []
        let atBoundary = speaker.first > floor && !beforeSpeaker.isDisjoint(with: [.comma, .quoteClose, .dash, .semicolon])
        let afterConjunction = speaker.first > floor && beforeSpeaker.isDisjoint(with: Gap.phraseBreak)
            && text.classes[speaker.first - 1].contains(.subordinator)
        let isRelative = speaker.first > floor && beforeSpeaker.isDisjoint(with: Gap.phraseBreak)
            && (text.classes[speaker.first - 1].contains(.relativePronoun) || isZeroRelative(before: speaker.first))
        let clauseStart: Int
        // "…, an offer the Kremlin said was premature": a relative clause on an apposition after a
        // comma ends whatever content came before the comma.
        let appositionComma = isRelative ? commaBeforeApposition(endingAt: speaker.first - 1) : nil
        let relativeAfterComma = appositionComma != nil
        if let appositionComma {
            clauseStart = appositionComma
        } else if atBoundary {
            clauseStart = text.tokens[speaker.first - 1].end
        } else if afterConjunction {
            clauseStart = speaker.first - 1 > floor && text.gapAfter[speaker.first - 2].contains(.comma)
                ? text.tokens[speaker.first - 2].end : text.tokens[speaker.first - 1].start
        } else {
            clauseStart = text.tokens[speaker.first].start
        }
        let after = self.after(verb: verbIndex, kind: verb.kind)
        // Only verbs of saying close a clause before them ("…, he said."), and "asked"/"wrote" only a
        // quotation ("…?" she asked); "a condition Kyiv rejects" or "…licenses, X asked for" do not.
        let reportsBackward = (verb.kind == .speech || verb.kind == .tell) && !verb.nounLike
        let quotationOnly = verb.lemma == "ask" || verb.lemma == "write"
        if atBoundary, !isRelative, reportsBackward, !quotationOnly || (consumed < speaker.first && wholeQuote(consumed...(speaker.first - 1)) != nil) {
            switch after {
            case .ends(let tailEnd):
                backward(verb.lemma, anchor: verbIndex, speaker: .phrase(speaker), regionEnd: speaker.first - 1, tailEnd: tailEnd)
                return
            case .quote(let quote) where text.gapAfter[verbIndex].contains(.comma):
                // "Shipowners were still willing to go, one trader said, "but…"": both halves.
                backward(verb.lemma, anchor: verbIndex, speaker: .phrase(speaker), regionEnd: speaker.first - 1, tailEnd: nil)
                addQuote(quote, verb: verb.lemma, anchor: verbIndex, speaker: .phrase(speaker), clauseStart: clauseStart, isBoundary: true)
                return
            default:
                break
            }
        }
        forward(verb, at: verbIndex, speaker: .phrase(speaker), clauseStart: clauseStart,
            isBoundary: atBoundary || afterConjunction || relativeAfterComma, isRelative: isRelative, after: after)
    }

    /// The offset of a comma at most three words before `last` ("…, an offer"), if there is one.
    private func commaBeforeApposition(endingAt last: Int) -> Int? {
        var index = last
        while index > floor, last - index < 3 {
            if text.gapAfter[index - 1].contains(.comma) { return text.tokens[index - 1].end }
            if !text.gapAfter[index - 1].isDisjoint(with: Gap.phraseBreak) { return nil }
            index -= 1
        }
        return nil
    }

    /// In "NAME, APPOSITIVE, said", the phrase before the appositive, when the appositive reads
    /// like one (a role, "who…", "speaking…").
    private func appositiveSubject(endingAt last: Int) -> SpeakerPhrase? {
        var comma = last - 1
        while comma >= floor, !text.gapAfter[comma].contains(.comma) {
            if !text.gapAfter[comma].isDisjoint(with: Gap.phraseBreak) || text.isQuoted(comma) { return nil }
            comma -= 1
        }
        guard comma >= floor, last - comma <= 14, !text.isQuoted(comma) else { return nil }
        let opener = comma + 1
        let openerClass = text.classes[opener]
        let looksAppositive = !openerClass.isDisjoint(with: [.determiner, .personNoun, .modifier])
            || (openerClass.contains(.relativePronoun) && text.folded(opener) != "that") || text.folded(opener).hasSuffix("ing")
            || text.mentionOf[opener] >= 0
        guard looksAppositive, let named = text.speakerPhrase(endingAt: comma, floor: floor) else { return nil }
        // "Romania's energy minister, Ioana Petrescu, said": the appositive is the name; keep both.
        let nameOnly = (opener...last).allSatisfy { text.isCapitalized($0) && text.tokens[$0].kind == .letter }
        if nameOnly, last - opener < 4, text.classes[named.last].contains(.personNoun) || text.mention(at: opener)?.kind == .person {
            return SpeakerPhrase(first: named.first, last: last)
        }
        return named
    }

    /// "an offer the Kremlin said was premature": a plain noun after a determiner, then the speaker.
    private func isZeroRelative(before first: Int) -> Bool {
        let noun = first - 1
        guard noun - 1 >= floor, text.classes[noun].isEmpty, !text.isCapitalized(noun), text.verbs[noun] == nil,
            text.tokens[noun].kind == .letter, text.gapAfter[noun - 1].isDisjoint(with: Gap.phraseBreak)
        else { return false }
        let before = text.classes[noun - 1]
        return before.contains(.determiner) || (before.isEmpty && noun - 2 >= floor && text.classes[noun - 2].contains(.determiner))
    }

    /// Noun-like verb forms ("signals", "demand") count only after a name, a pronoun or a group.
    private func isClearSubject(_ speaker: SpeakerPhrase, verb: StatementLexicon.Verb) -> Bool {
        let last = speaker.last
        if let mention = text.mention(at: last) { return mention.kind != .other }
        if text.classes[last].contains(.pronoun) { return true }
        if verb.form == .base { return text.classes[last].contains(.groupNoun) }
        return !text.classes[last].isDisjoint(with: [.personNoun, .institutionNoun])
    }

    private mutating func participle(_ verb: StatementLexicon.Verb, at verbIndex: Int, previous: Int, before: Gap) {
        let word = text.folded(previous)
        if !before.isDisjoint(with: [.comma, .semicolon, .dash]) {
            // ", saying…", ", urging…", ", warning that…"; not a list such as ", countering disinformation,".
            let takesAnyContent = Self.anyContentLemmas.contains(verb.lemma)
            forward(verb, at: verbIndex, speaker: .inherit, clauseStart: text.tokens[previous].end, isBoundary: true,
                needsClause: !takesAnyContent)
            return
        }
        guard before.isDisjoint(with: Gap.phraseBreak) else { return }
        if text.classes[previous].contains(.participleLead) {
            forward(verb, at: verbIndex, speaker: .inherit, clauseStart: text.tokens[previous].start, isBoundary: true,
                mergesWithPrevious: word == "by")
            return
        }
        if word == "as" {
            // "X was quoted by a news site as saying…" / "Tass quoted X as saying…".
            guard let quoted = (floor..<previous).last(where: { text.folded($0) == "quoted" }) else { return }
            if quoted > floor, text.classes[quoted - 1].contains(.auxiliary) {
                if subject != nil { forward(verb, at: verbIndex, speaker: .subject, clauseStart: text.tokens[floor].start, isBoundary: false) }
            } else if let speaker = text.phrase(startingAt: quoted + 1, limit: previous) {
                forward(verb, at: verbIndex, speaker: .phrase(speaker), clauseStart: text.tokens[floor].start, isBoundary: false)
            }
            return
        }
        // "with France and Britain saying…", "with Belgium warning…".
        guard let speaker = text.speakerPhrase(endingAt: previous, floor: floor), speaker.first > floor,
            text.folded(speaker.first - 1) == "with", text.gapAfter[speaker.first - 1].isDisjoint(with: Gap.phraseBreak)
        else { return }
        let withWord = speaker.first - 1
        let start = withWord > floor && text.gapAfter[withWord - 1].contains(.comma) ? text.tokens[withWord - 1].end : text.tokens[withWord].start
        forward(verb, at: verbIndex, speaker: .phrase(speaker), clauseStart: start, isBoundary: true)
    }

    /// "Putin's demand that Ukraine leave the Donbas".
    private mutating func nominal(_ verb: StatementLexicon.Verb, at verbIndex: Int, possessor: Int) {
        guard verb.form == .base, verbIndex + 1 < end, text.folded(verbIndex + 1) == "that",
            let speaker = text.speakerPhrase(endingAt: possessor, floor: floor)
        else { return }
        let content = contentRange(from: verbIndex + 2, to: end)
        guard !content.isEmpty else { return }
        candidates.append(Candidate(
            anchor: verbIndex, verb: verb.lemma, speaker: .phrase(speaker), content: content, direct: false,
            clauseStart: text.tokens[speaker.first].start, isBoundary: false, runsForward: true, isRelative: true))
    }

    // MARK: What follows a verb

    private enum After {
        /// A quotation follows (`said: "…"`, `told reporters, "…"`).
        case quote(Int)
        /// Content starts at this token (after "that" or the verb itself).
        case content(Int)
        /// Only the attribution's own words follow ("told reporters after the meeting."), up to this token.
        case ends(Int)
    }

    private func after(verb verbIndex: Int, kind: StatementLexicon.VerbKind) -> After {
        let next = verbIndex + 1
        guard next < end else { return .ends(end) }
        let gap = text.gapAfter[verbIndex]
        if gap.contains(.quoteOpen), text.isQuoted(next) { return .quote(Int(text.quoteOf[next])) }
        if !gap.isDisjoint(with: [.comma, .period, .semicolon, .dash, .parenthesis]) { return .ends(next) }
        if gap.contains(.colon) { return .content(next) }
        let wordClass = text.classes[next]
        let opensAdjunct = kind == .tell || !wordClass.isDisjoint(with: [.preposition, .timeWord])
            || wordClass.contains(.adjunctOpener)
        guard opensAdjunct else { return .content(next) }
        var index = next
        while index < end, index - verbIndex <= 24 {
            if text.isQuoted(index) {
                return kind == .tell || text.gapBefore(index).contains(.colon) ? .quote(Int(text.quoteOf[index])) : .content(next)
            }
            let word = text.folded(index)
            if word == "that" { return .content(index + 1) }
            if index > next, kind != .tell, text.classes[index].contains(.auxiliary)
                || (text.verbs[index].map { !$0.nounLike && $0.form != .participle } ?? false)
            {
                return .content(next)
            }
            let gapAfter = text.gapAfter[index]
            if gapAfter.contains(.quoteOpen), index + 1 < end, text.isQuoted(index + 1),
                !gapAfter.isDisjoint(with: [.colon, .comma]) || kind == .tell
            {
                return .quote(Int(text.quoteOf[index + 1]))
            }
            if !gapAfter.isDisjoint(with: [.comma, .period, .semicolon, .dash, .colon]) { return .ends(index + 1) }
            index += 1
        }
        if index >= end { return .ends(end) }
        return .content(next)
    }

    /// A statement whose content follows the attribution.
    private mutating func forward(
        _ verb: StatementLexicon.Verb, at verbIndex: Int, speaker: Candidate.Speaker, clauseStart: Int, isBoundary: Bool,
        isRelative: Bool = false, after computed: After? = nil, needsClause clauseRequired: Bool = false, mergesWithPrevious: Bool = false
    ) {
        var lemma = verb.lemma
        var after = computed ?? self.after(verb: verbIndex, kind: verb.kind)
        if verb.kind == .call, verbIndex + 1 < end, text.folded(verbIndex + 1) == "on" || text.folded(verbIndex + 1) == "for" {
            lemma = "call " + text.folded(verbIndex + 1)
            after = .content(verbIndex + 2)
        }
        // Only the attribution's own words follow when read backwards; read forwards they are the
        // content ("promised to brief Congress…"), unless punctuation ends the clause at the verb.
        if case .ends = after, verbIndex + 1 < end, text.gapAfter[verbIndex].isDisjoint(with: Gap.phraseBreak) {
            after = .content(verbIndex + 1)
        }
        // "adding several thousand dollars", "these signals of…": such words report only a clause.
        let needsClause = clauseRequired || verb.kind == .tell || Self.clauseOnlyLemmas.contains(verb.lemma)
            || (verb.nounLike && verb.form == .thirdPerson)
        switch after {
        case .quote(let quote):
            addQuote(quote, verb: lemma, anchor: verbIndex, speaker: speaker, clauseStart: clauseStart, isBoundary: isBoundary)
        case .ends:
            return
        case .content(var start):
            defer { if mergesWithPrevious, !candidates.isEmpty, candidates[candidates.count - 1].anchor == verbIndex { candidates[candidates.count - 1].mergesWithPrevious = true } }
            guard start < end else { return }
            let afterThat = start > verbIndex + 1 && text.folded(start - 1) == "that"
            let clauseWithoutThat = verb.kind != .tell && !(verb.nounLike && verb.form == .thirdPerson) && opensClause(at: start)
            if needsClause && !afterThat && !clauseWithoutThat { return }
            if verb.kind == .characterize || (verb.kind == .call && lemma == "call") {
                guard let adjusted = characterization(from: start, verb: verb) else { return }
                start = adjusted
            }
            let content = contentRange(from: start, to: isRelative ? relativeEnd(from: start) : end)
            guard !content.isEmpty else { return }
            candidates.append(Candidate(
                anchor: verbIndex, verb: lemma, speaker: speaker, content: content, direct: isWhollyQuoted(content), clauseStart: clauseStart,
                isBoundary: isBoundary, runsForward: true, isRelative: isRelative))
        }
    }

    /// "adding a freeze could have destroyed…": an auxiliary soon after marks a clause, not an object
    /// ("adding several thousand dollars to the cost").
    private func opensClause(at start: Int) -> Bool {
        var index = start
        while index < end, index - start < 6 {
            if text.classes[index].contains(.auxiliary) { return index > start }
            if index > start, !text.gapBefore(index).isDisjoint(with: Gap.phraseBreak) { return false }
            index += 1
        }
        return false
    }

    /// "described the talks as frank": the content starts after the verb (after "as" when it comes
    /// first); nil when no "as" (or, for describe, a colon; for call, a quotation) follows in the clause.
    private func characterization(from start: Int, verb: StatementLexicon.Verb) -> Int? {
        if text.folded(start) == "as" { return start + 1 < end ? start + 1 : nil }
        var index = start
        while index < end, index - start < 16 {
            if !text.isQuoted(index) {
                if verb.kind == .call { if text.gapAfter[index].contains(.quoteOpen) { return start } }
                else if text.folded(index) == "as" { return start }
                if verb.lemma == "describe" || verb.lemma == "outline", text.gapAfter[index].contains(.colon) { return start }
            }
            if text.gapAfter[index].contains(.comma) || text.gapAfter[index].contains(.period) { break }
            index += 1
        }
        return nil
    }

    // MARK: Content before the attribution

    /// `…, X said.` / `"…," said X`: the content is the clause before the attribution.
    private mutating func backward(_ lemma: String, anchor: Int, speaker: Candidate.Speaker, regionEnd: Int, tailEnd: Int?) {
        let regionStart = consumed
        defer { consumed = max(consumed, tailEnd ?? anchor + 1) }
        guard regionStart <= regionEnd else { return }
        // "Speaking to reporters in Moscow, Putin said": an opening phrase is not content, unless the
        // sentence goes on after the attribution ("Until the questions are settled, analysts say, …").
        if regionStart == floor, subjectStart.map({ $0 > regionEnd }) ?? false {
            guard let tailEnd else { return }
            if continuesClause(at: tailEnd) {
                let content = contentRange(from: regionStart, to: end)
                candidates.append(Candidate(
                    anchor: anchor, verb: lemma, speaker: speaker, content: content, direct: false,
                    clauseStart: text.tokens[regionStart].start, isBoundary: false, runsForward: false))
                consumed = end
            } else {
                continuation(after: tailEnd, lemma: lemma, anchor: anchor, speaker: speaker, regionStart: nil)
            }
            return
        }
        // The attribution closes whatever content ran up to it: "X suggested that Y, he said" is all
        // his (a statement reported inside it is dropped when the candidates are settled).
        let attributionStart = text.tokens[regionEnd].end
        if let quote = wholeQuote(regionStart...regionEnd) {
            addQuote(quote, verb: lemma, anchor: anchor, speaker: speaker, clauseStart: attributionStart, isBoundary: true, forward: false)
        } else {
            let content = contentRange(from: regionStart, to: regionEnd + 1)
            guard !content.isEmpty else { return }
            candidates.append(Candidate(
                anchor: anchor, verb: lemma, speaker: speaker, content: content, direct: false,
                clauseStart: attributionStart, isBoundary: true, runsForward: false))
        }
        if let tailEnd { continuation(after: tailEnd, lemma: lemma, anchor: anchor, speaker: speaker, regionStart: regionStart) }
    }

    /// After `…, she said,` the sentence may go on: a quotation (another statement) or the rest
    /// of the clause ("Debt, she said, was…": one statement over the whole sentence).
    private mutating func continuation(after tailEnd: Int, lemma: String, anchor: Int, speaker: Candidate.Speaker, regionStart: Int?) {
        guard tailEnd < end, tailEnd > floor, text.gapAfter[tailEnd - 1].contains(.comma) else { return }
        if text.gapAfter[tailEnd - 1].contains(.quoteOpen), text.isQuoted(tailEnd) {
            addQuote(Int(text.quoteOf[tailEnd]), verb: lemma, anchor: anchor, speaker: speaker,
                clauseStart: text.tokens[tailEnd].start, isBoundary: true)
            return
        }
        guard let regionStart, let last = candidates.indices.last, candidates[last].anchor == anchor, !candidates[last].direct,
            continuesClause(at: tailEnd)
        else { return }
        candidates[last].content = contentRange(from: regionStart, to: end)
        consumed = end
    }

    /// After a parenthetical attribution, does the interrupted clause go on ("…, she said, was…")?
    private func continuesClause(at index: Int) -> Bool {
        guard index < end, index > floor, text.gapAfter[index - 1].contains(.comma), !text.isQuoted(index) else { return false }
        let wordClass = text.classes[index]
        if wordClass.contains(.auxiliary) { return true }
        return !wordClass.contains(.clauseWord) && !wordClass.contains(.introWord) && !text.isCapitalized(index)
            && !text.folded(index).hasSuffix("ing") && text.verbs[index] == nil
    }

    // MARK: Other attributions

    /// "According to X, …" and "…, according to X."
    private mutating func accordingTo(at index: Int) {
        let first = index + 2
        guard first < end else { return }
        var last = first
        while last + 1 < end, text.gapAfter[last].isDisjoint(with: Gap.phraseBreak) { last += 1 }
        let speaker = SpeakerPhrase(first: first, last: last)
        if index == floor || (index > floor && subjectStart == index) || (index > floor && !text.gapAfter[index - 1].contains(.comma)) {
            guard last + 1 < end, text.gapAfter[last].contains(.comma) else { return }
            let content = contentRange(from: last + 1, to: end)
            guard !content.isEmpty else { return }
            candidates.append(Candidate(
                anchor: index, verb: "according to", speaker: .phrase(speaker), content: content, direct: isWhollyQuoted(content),
                clauseStart: text.tokens[index].start, isBoundary: true, runsForward: true, isAccordingTo: true))
        } else {
            let regionStart = consumed
            defer { consumed = max(consumed, last + 1) }
            guard regionStart <= index - 1 else { return }
            let content = contentRange(from: regionStart, to: index)
            guard !content.isEmpty else { return }
            candidates.append(Candidate(
                anchor: index, verb: "according to", speaker: .phrase(speaker), content: content, direct: isWhollyQuoted(content),
                clauseStart: text.tokens[index - 1].end, isBoundary: true, runsForward: false, isAccordingTo: true))
        }
    }

    /// `"…" — Olena Marchuk, Ukrainian foreign minister`.
    private mutating func dashAttribution(at index: Int) {
        guard index > floor, text.isQuoted(index - 1), let speaker = text.phrase(startingAt: index, limit: end) else { return }
        let quote = Int(text.quoteOf[index - 1])
        addQuote(quote, verb: "say", anchor: index, speaker: .phrase(speaker), clauseStart: text.quotes[quote].open, isBoundary: false, forward: false)
        consumed = max(consumed, speaker.last + 1)
    }

    /// "Zelensky's message to allies remains consistent: peace is…".
    private mutating func position(at index: Int) {
        guard let possessor = stride(from: index - 1, through: max(floor, index - 3), by: -1).first(where: { text.isPossessive($0) }),
            let owner = text.speakerPhrase(endingAt: possessor, floor: floor)
        else { return }
        var colon = index
        while colon < end - 1, colon - index < 12, !text.gapAfter[colon].contains(.colon) {
            if !text.gapAfter[colon].isDisjoint(with: [.period, .semicolon, .quoteOpen]) { return }
            colon += 1
        }
        guard colon < end - 1, text.gapAfter[colon].contains(.colon), !text.isQuoted(colon) else { return }
        let content = contentRange(from: colon + 1, to: end)
        guard !content.isEmpty else { return }
        // "Zelensky used the talks to reinforce Ukraine's core position: …" is Zelensky's statement.
        var speaker = Candidate.Speaker.phrase(owner)
        if let subject, subject.first != owner.first, subject.last < owner.first, text.mention(at: subject.last)?.kind == .person {
            speaker = .subject
        }
        candidates.append(Candidate(
            anchor: index, verb: text.folded(index), speaker: speaker, content: content, direct: isWhollyQuoted(content),
            clauseStart: text.tokens[owner.first].start, isBoundary: false, runsForward: true))
    }

    // MARK: Content spans

    private mutating func addQuote(
        _ quote: Int, verb: String, anchor: Int, speaker: Candidate.Speaker, clauseStart: Int, isBoundary: Bool, forward: Bool = true
    ) {
        let content = quoteContent(quote)
        guard !content.isEmpty, !candidates.contains(where: { $0.content == content }) else { return }
        candidates.append(Candidate(
            anchor: anchor, verb: verb, speaker: speaker, content: content, direct: true, clauseStart: clauseStart, isBoundary: isBoundary,
            runsForward: false))
        if forward {
            // The quotation's tokens are consecutive: step past them from the anchor.
            var last = anchor
            while last + 1 < end, text.quoteOf[last + 1] == Int32(quote) || text.tokens[last + 1].start < text.quotes[quote].inner.lowerBound {
                last += 1
            }
            consumed = max(consumed, last + 1)
        }
    }

    /// The text inside a quotation, without the comma that hands over to the attribution.
    func quoteContent(_ quote: Int) -> Range<Int> {
        var range = text.quotes[quote].inner
        trim(&range, trailing: [UInt8(ascii: ","), UInt8(ascii: " "), UInt8(ascii: ";"), UInt8(ascii: ":")])
        return range
    }

    /// Bytes from token `first` to the end of token `end - 1`, with a closing quotation mark kept
    /// when the content opened one, and without trailing punctuation.
    func contentRange(from first: Int, to end: Int) -> Range<Int> {
        guard first < end else { return 0..<0 }
        var start = text.tokens[first].start
        if text.gapBefore(first).contains(.quoteOpen), text.isQuoted(first) { start = text.quotes[Int(text.quoteOf[first])].open }
        var stop = text.tokens[end - 1].end
        if text.isQuoted(end - 1) {
            let quote = text.quotes[Int(text.quoteOf[end - 1])]
            if let close = quote.close, quote.open >= start { stop = close + closingMarkLength(at: close) }
        }
        var range = start..<max(start, stop)
        trim(&range, trailing: [UInt8(ascii: ","), UInt8(ascii: " "), UInt8(ascii: ";"), UInt8(ascii: ":")])
        return range
    }

    private func closingMarkLength(at offset: Int) -> Int {
        let byte = text.bytes[offset]
        if byte == UInt8(ascii: "\"") { return 1 }
        if byte == 0xC2 { return 2 }
        return 3
    }

    private func trim(_ range: inout Range<Int>, trailing: Set<UInt8>) {
        var upper = range.upperBound
        while upper > range.lowerBound, trailing.contains(text.bytes[upper - 1]) { upper -= 1 }
        range = range.lowerBound..<upper
    }

    /// The first comma after `first`, for relative clauses.
    private func relativeEnd(from first: Int) -> Int {
        var index = first
        while index < end - 1, !text.gapAfter[index].contains(.comma) { index += 1 }
        return index + 1
    }

    /// The quotation covering every token of `range`, if one does.
    private func wholeQuote(_ range: ClosedRange<Int>) -> Int? {
        // An empty or out-of-text region (everything before the speaker already consumed) is no quotation.
        guard range.upperBound < text.quoteOf.count else { return nil }
        let quote = text.quoteOf[range.lowerBound]
        guard quote >= 0, range.allSatisfy({ text.quoteOf[$0] == quote }) else { return nil }
        return Int(quote)
    }

    private func isWhollyQuoted(_ content: Range<Int>) -> Bool {
        var sawToken = false
        var index = unit.tokens.lowerBound
        var high = unit.tokens.upperBound
        while index < high {  // the first token at or after the content's start
            let middle = (index + high) / 2
            if text.tokens[middle].start < content.lowerBound { index = middle + 1 } else { high = middle }
        }
        while index < unit.tokens.upperBound, text.tokens[index].end <= content.upperBound {
            sawToken = true
            if !text.isQuoted(index) { return false }
            index += 1
        }
        return sawToken
    }
}
