/// Finds attributed statements in an article: who said what, with which reporting verb, and where
/// the reported content is. English only; it reads what indexing already computed (the
/// `Analyzer`'s tokens and sentences and the `ActorExtractor`'s mentions), so it adds little to
/// indexing time.
///
/// For each unit (a sentence, or sentences one quotation spans) it finds attributions
/// (`AttributionFinder`), settles which clause each content ends at, and resolves speakers in
/// reading order (`SpeakerResolver`), so "he" and "the Ukrainian leader" can point back to
/// whoever the article named before. A quotation standing alone right after a statement (or
/// running on into the next paragraph) continues that statement's speaker. The extractor keeps no
/// state between calls.
public struct StatementExtractor: Sendable {
    public let gazetteer: Gazetteer
    /// Gazetteer organisations that are companies ("the company said" may point to them).
    private let companies: Set<String>

    public init(gazetteer: Gazetteer = .builtIn) {
        self.gazetteer = gazetteer
        companies = Set(gazetteer.entries.lazy.filter { $0.kind == "company" }.map(\.actor.id))
    }

    /// Languages the extractor reads: its word lists are English.
    public static func supports(language: String) -> Bool { Language.normalize(language) == "en" }

    public func extract(text: String, analyzed: AnalyzedText, mentions: [Mention]) -> [Statement] {
        var text = text
        return text.withUTF8 { extract(bytes: $0, analyzed: analyzed, mentions: mentions) }
    }

    /// Statements in `bytes` (the text `analyzed` and `mentions` were computed from), ordered by
    /// where their content starts.
    public func extract(bytes: UnsafeBufferPointer<UInt8>, analyzed: AnalyzedText, mentions: [Mention]) -> [Statement] {
        guard !analyzed.tokens.isEmpty else { return [] }
        let text = StatementText(bytes: bytes, analyzed: analyzed, mentions: mentions)
        if text.isQuiet { return [] }
        var reading = Reading(text: text, resolver: SpeakerResolver(text: text, gazetteer: gazetteer, companies: companies))
        for unit in text.units { reading.read(unit) }
        return reading.statements.sorted { $0.content.lowerBound < $1.content.lowerBound }
    }
}

/// One pass over a text, in order, carrying what later units need from earlier ones.
private struct Reading {
    typealias Candidate = AttributionFinder.Candidate

    let text: StatementText
    var resolver: SpeakerResolver
    var statements: [Statement] = []
    private var lastParagraph = -1

    init(text: StatementText, resolver: SpeakerResolver) {
        self.text = text
        self.resolver = resolver
    }

    /// A "sentence" longer than this is not prose (tables, run-together lists): it holds no
    /// statements, and skipping it keeps extraction linear on hostile input.
    static let longestUnit = 1_000
    /// More attributions than this in one unit is not prose either.
    static let mostCandidates = 64

    mutating func read(_ unit: StatementText.Unit) {
        guard unit.tokens.count <= Self.longestUnit else { return }
        let subject = text.subject(of: unit)
        let subjectHandle = subject.map { resolver.noteSubject($0, paragraph: unit.paragraph) }
        var finder = AttributionFinder(text: text, unit: unit, subject: subject)
        let found = finder.find()
        if found.isEmpty && !text.isQuoted(unit.tokens.lowerBound) { return }
        if found.count > Self.mostCandidates { return }
        if text.isHeading(unit) { return }
        let candidates = settle(found)

        var made: [Statement] = []
        for candidate in candidates {
            let speaker: Statement.Speaker
            switch candidate.speaker {
            case .phrase(let phrase):
                let resolved: SpeakerResolver.Resolved
                if phrase == subject, let subjectResolved = subjectHandle.map({ resolver.subject($0, asSpeaker: true) }) {
                    resolved = subjectResolved
                } else {
                    resolved = resolver.resolve(phrase, paragraph: unit.paragraph)
                    resolver.note(resolved, at: phrase.first, paragraph: unit.paragraph)
                }
                speaker = makeSpeaker(phrase, resolved)
            case .subject:
                guard let subject, let subjectResolved = subjectHandle.map({ resolver.subject($0, asSpeaker: true) }) else { continue }
                speaker = makeSpeaker(subject, subjectResolved)
            case .inherit:
                if let previous = made.last {
                    speaker = previous.speaker
                } else if let subject, let subjectResolved = subjectHandle.map({ resolver.subject($0, asSpeaker: true) }) {
                    speaker = makeSpeaker(subject, subjectResolved)
                } else {
                    continue
                }
            }
            made.append(Statement(
                speaker: speaker, verb: candidate.verb, content: candidate.content, isDirect: candidate.direct,
                sentence: unit.bytes, sentenceIndex: unit.sentence))
        }
        if made.isEmpty, let continued = continuation(of: unit) { made.append(continued) }
        if !made.isEmpty { lastParagraph = unit.paragraph }
        statements += made
    }

    private func makeSpeaker(_ phrase: SpeakerPhrase, _ resolved: SpeakerResolver.Resolved) -> Statement.Speaker {
        let range = text.tokens[phrase.first].start..<text.tokens[phrase.last].end
        return Statement.Speaker(text: text.text(range), range: range, actor: resolved.actor, resolution: resolved.resolution)
    }

    /// Decides where each content ends: a later clause of the unit ("…, warning that", "… and
    /// urged", ", while France said") closes the content before it; an attribution inside an
    /// earlier content (a statement reported within a statement) is dropped; "according to X"
    /// gives way to the statement it introduces.
    private func settle(_ found: [Candidate]) -> [Candidate] {
        var accepted: [Candidate] = []
        for candidate in found {
            let anchorOffset = text.tokens[candidate.anchor].start
            // Earlier contents already end where a later clause began: only the latest one can be open.
            if let open = accepted.lastIndex(where: \.runsForward), accepted[open].content.contains(anchorOffset) {
                if candidate.mergesWithPrevious {
                    accepted[open].content = candidate.content
                    continue
                }
                if candidate.isBoundary {
                    accepted[open].content = cut(accepted[open].content, at: candidate.clauseStart)
                } else if accepted[open].isAccordingTo {
                    accepted.remove(at: open)
                } else {
                    continue
                }
            }
            accepted.append(candidate)
        }
        // "The commission suggested that…, he said": a statement inside content reported before its
        // attribution is part of that content.
        let backward = accepted.filter { !$0.runsForward && !$0.direct && !$0.isAccordingTo }.map(\.content)
        accepted.removeAll { inner in
            inner.runsForward && backward.contains { $0.contains(text.tokens[inner.anchor].start) && $0 != inner.content }
        }
        let anchors = accepted.filter { !$0.isAccordingTo }.map { text.tokens[$0.anchor].start }
        accepted.removeAll { outer in outer.isAccordingTo && anchors.contains { outer.content.contains($0) } }
        for index in accepted.indices where accepted[index].runsForward {
            accepted[index].content = cutAtNextClause(accepted[index].content)
        }
        var seen = Set<Int>()
        return accepted.filter { !$0.content.isEmpty && seen.insert($0.content.lowerBound).inserted }
    }

    /// The content up to `offset`, without the punctuation and spaces before it.
    private func cut(_ content: Range<Int>, at offset: Int) -> Range<Int> {
        guard offset > content.lowerBound, offset < content.upperBound else { return content }
        var upper = offset
        while upper > content.lowerBound, [UInt8(ascii: " "), UInt8(ascii: ","), UInt8(ascii: ";")].contains(text.bytes[upper - 1]) { upper -= 1 }
        return content.lowerBound..<upper
    }

    /// "…the European effort but declined to say…", "…; …": the subject's next clause or a
    /// semicolon ends the content even without a reporting verb.
    private func cutAtNextClause(_ content: Range<Int>) -> Range<Int> {
        var index = firstToken(atOrAfter: content.lowerBound)
        while index < text.tokens.count, text.tokens[index].end <= content.upperBound {
            defer { index += 1 }
            // ", pointing to new rail links": a participle clause of the speaker's own ends the content.
            if text.gapAfter[index].contains(.comma), !text.gapAfter[index].contains(.quoteOpen), index + 1 < text.tokens.count,
                text.tokens[index + 1].end <= content.upperBound, !text.isQuoted(index + 1), isParticipleClause(index + 1)
            {
                return cut(content, at: text.tokens[index].end)
            }
            if text.isQuoted(index) { continue }
            if text.gapAfter[index].contains(.semicolon), text.tokens[index].end < content.upperBound {
                return cut(content, at: text.tokens[index].end)
            }
            let word = text.folded(index)
            guard word == "and" || word == "but", text.tokens[index].start > content.lowerBound else { continue }
            var next = index + 1
            while next < text.tokens.count, text.classes[next].contains(.adverb) { next += 1 }
            guard next < text.tokens.count, text.tokens[next].end <= content.upperBound, text.mentionOf[next] < 0 else { continue }
            let verb = text.verbs[next]
            if text.classes[next].contains(.matrixVerb) || (verb.map { $0.form == .past || $0.form == .thirdPerson } ?? false) {
                let commaBefore = index > 0 && text.gapAfter[index - 1].contains(.comma)
                return cut(content, at: commaBefore ? text.tokens[index - 1].end : text.tokens[index].start)
            }
        }
        return content
    }

    /// ", pointing to…", ", citing…": a participle clause of the speaker's own (not ", covering…",
    /// which still describes the content).
    private func isParticipleClause(_ index: Int) -> Bool {
        text.classes[index].contains(.speakerParticiple) && text.mentionOf[index] < 0
    }

    private func firstToken(atOrAfter offset: Int) -> Int {
        var low = 0
        var high = text.tokens.count
        while low < high {
            let middle = (low + high) / 2
            if text.tokens[middle].start < offset { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// A unit that is all quotation, with no attribution of its own, continues the statement
    /// before it: in the same paragraph, or when the previous paragraph ended inside an open quotation.
    private func continuation(of unit: StatementText.Unit) -> Statement? {
        guard let previous = statements.last else { return nil }
        let tokens = unit.tokens
        guard text.isQuoted(tokens.lowerBound) else { return nil }
        let quoted = tokens.filter { text.isQuoted($0) }.count
        guard quoted * 10 >= tokens.count * 8 else { return nil }
        if unit.paragraph != lastParagraph {
            // Wire style: a quotation left open at the end of a paragraph goes on in the next one.
            guard unit.paragraph == lastParagraph + 1, tokens.lowerBound > 0,
                let before = Optional(text.quoteOf[tokens.lowerBound - 1]), before >= 0, text.quotes[Int(before)].close == nil,
                text.quotes[Int(before)].inner.lowerBound >= previous.sentence.lowerBound
            else { return nil }
        }
        guard let lastQuoted = tokens.last(where: { text.isQuoted($0) }) else { return nil }
        let first = text.quotes[Int(text.quoteOf[tokens.lowerBound])].inner.lowerBound
        var last = text.quotes[Int(text.quoteOf[lastQuoted])].inner.upperBound
        while last > first, [UInt8(ascii: " "), UInt8(ascii: ",")].contains(text.bytes[last - 1]) { last -= 1 }
        guard first < last else { return nil }
        return Statement(
            speaker: previous.speaker, verb: previous.verb, content: first..<last, isDirect: quoted == tokens.count,
            sentence: unit.bytes, sentenceIndex: unit.sentence)
    }
}
