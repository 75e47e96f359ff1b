/// Resolves speaker phrases to actors, reading the article in order: names resolve directly,
/// groups and unnamed officials through the actor that qualifies them ("Ukrainian officials" ->
/// Ukraine), pronouns and descriptions through what came before ("he", "the Ukrainian leader").
struct SpeakerResolver {
    enum Gender { case male, female }

    struct Resolved {
        var actor: ActorRef?
        var resolution: Statement.Resolution
        /// Features pronouns are matched on.
        var plural = false
        var human = false
        var institution = false
        var gender: Gender?
        /// Role words of the phrase ("envoy", "minister"), for later descriptions.
        var roles: [String] = []
    }

    /// A named actor with the titles and roles written around a mention of it.
    private struct RoleEvent {
        var token: Int
        var actor: ActorRef
        var roles: [String]
        /// The place the titles tie the actor to ("Ukrainian President…" -> place:ukraine).
        var country: ActorRef?
    }

    /// "European leaders", "U.S. envoys": a group noun qualified by an actor.
    private struct GroupEvent {
        var token: Int
        var head: String
        var actor: ActorRef
    }

    /// Something a later pronoun or description may point back to. Unit subjects are kept as
    /// phrases and resolved only when something needs them: most are never asked for.
    private struct Salient {
        var token: Int
        var paragraph: Int
        var resolved: Resolved?
        var phrase: SpeakerPhrase?
        /// Resolved as the speaker of a statement (unknown capitalised names then count as people).
        var asSpeaker = false
    }

    /// How many earlier speakers, subjects or titled names a pronoun or description may reach.
    private static let lookBack = 400

    private static let companySuffixes: Set<String> = ["AG", "AB", "Inc", "Ltd", "LLC", "Plc", "PLC", "SA", "NV", "GmbH", "Corp", "Co", "ASA", "Oyj", "SE", "SpA"]

    private let text: StatementText
    private let gazetteer: Gazetteer
    private let companies: Set<String>
    private var roleEvents: [RoleEvent] = []
    private var groupEvents: [GroupEvent] = []
    private var countryOf: [String: ActorRef] = [:]
    private var rolesOf: [String: Set<String>] = [:]
    private var genderOf: [String: Gender] = [:]
    private var salience: [Salient] = []
    private var eventsCollected = false
    /// People named in speaker phrases though the actor extractor did not know them, by surname.
    private var knownPeople: [String: ActorRef] = [:]

    init(text: StatementText, gazetteer: Gazetteer, companies: Set<String>) {
        self.text = text
        self.gazetteer = gazetteer
        self.companies = companies
    }

    // MARK: Reading the article

    /// Records a resolved speaker as a candidate for later pronouns and descriptions.
    mutating func note(_ resolved: Resolved, at token: Int, paragraph: Int) {
        salience.append(Salient(token: token, paragraph: paragraph, resolved: resolved, phrase: nil))
    }

    /// Records a unit's subject, to be resolved if a statement or a later pronoun needs it.
    /// Returns a handle for `subject(_:)`.
    mutating func noteSubject(_ phrase: SpeakerPhrase, paragraph: Int) -> Int {
        salience.append(Salient(token: phrase.first, paragraph: paragraph, resolved: nil, phrase: phrase))
        return salience.count - 1
    }

    /// The resolution of a subject recorded by `noteSubject`; `asSpeaker` when it speaks in a statement.
    mutating func subject(_ handle: Int, asSpeaker: Bool) -> Resolved {
        if asSpeaker, !salience[handle].asSpeaker, let phrase = salience[handle].phrase {
            salience[handle].resolved = resolve(phrase, paragraph: salience[handle].paragraph, isSpeaker: true)
            salience[handle].asSpeaker = true
        }
        return materialize(handle)
    }

    private mutating func materialize(_ index: Int) -> Resolved {
        if let resolved = salience[index].resolved { return resolved }
        guard let phrase = salience[index].phrase else { return Resolved(actor: nil, resolution: .unresolved) }
        let resolved = resolve(phrase, paragraph: salience[index].paragraph, isSpeaker: false)
        salience[index].resolved = resolved
        return resolved
    }

    mutating func resolve(_ phrase: SpeakerPhrase, paragraph: Int, isSpeaker: Bool = true) -> Resolved {
        let first = phrase.first
        if text.classes[first].contains(.pronoun) { return resolvePronoun(text.folded(first), before: first) }

        // The words before the first inner preposition qualify the head; "officials in Washington"
        // and "a spokesperson for the WFP" keep the place or organisation after it.
        var split = phrase.last + 1
        for index in phrase.tokens where index > first && text.mentionOf[index] < 0 && text.classes[index].contains(.preposition) {
            split = index
            break
        }
        var head = split - 1
        while head > first && !text.isHeadWord(head) { head -= 1 }
        let headMention = text.mention(at: head)
        let headClass = text.classes[head]
        let roleWords = phrase.tokens.filter { !text.lexicalClasses($0).isDisjoint(with: [.personNoun, .institutionNoun, .leaderRole]) }
            .map { text.folded($0) }
        var result = Resolved(actor: nil, resolution: .unresolved, roles: roleWords)
        result.gender = gender(of: phrase)

        let inPhrase = mentions(in: first...phrase.last)
        // "France and Britain", "officials in Paris and London": several actors are no one actor.
        if phrase.tokens.contains(where: { text.folded($0) == "and" }), distinctActors(inPhrase).count >= 2 {
            result.plural = true
            result.human = true
            return result
        }
        if let person = inPhrase.last(where: { $0.kind == .person && $0.actor != nil }), let actor = person.actor {
            result.human = true
            let personEnd = person.firstToken + person.tokenCount - 1
            if headMention == nil, head > personEnd, !headClass.isDisjoint(with: .headNoun) {
                collectEvents()
                // "Wielgosz's office", "a Putin aide": the person's people speak for the person; a
                // person's government for the person's country, when the article says which.
                if headClass.contains(.governmentHead), let country = countryOf[actor.id] {
                    result.actor = country
                    result.institution = true
                } else {
                    result.actor = actor
                }
                result.resolution = .group
            } else {
                result.actor = actor
                result.resolution = .mention
                result.gender = result.gender ?? genderOf[actor.id]
            }
            return result
        }
        if let mention = headMention, let actor = mention.actor {
            result.actor = actor
            result.resolution = mention.kind == .other ? .group : .mention
            result.institution = actor.type != .person
            result.human = actor.type == .person
            result.plural = mention.kind == .other && text.folded(head).hasSuffix("s")
            return result
        }
        guard !headClass.isDisjoint(with: .headNoun) else {
            guard text.isCapitalized(head) else { return result }
            // A name the actor extractor did not resolve: a gazetteer name split by a sentence break,
            // the surname of someone named before ("Wallin" after "Winston Wallin, Medtronic chairman"),
            // the first word of an organisation's name ("Dome"), or a new name given a role.
            let actor = gazetteerActor(endingAt: head, from: first)
                ?? (head == first ? personNamed(surname: text.folded(head), before: first) : nil)
                ?? actorNamed(startingWith: text.folded(head))
                ?? personNamed(phrase)
            if let actor {
                result.actor = actor
                result.resolution = .mention
                result.institution = actor.type != .person
                result.human = actor.type == .person
                if actor.type == .person { knownPeople[text.folded(head), default: actor] = actor }
            } else {
                // An unknown capitalised name speaking: most likely a person ("Gowland said"). As a
                // sentence's first word it may be any noun ("Debt taken on for defence…").
                result.human = isSpeaker && !text.tokens[head].isAcronym
            }
            return result
        }

        let plural = headClass.contains(.groupNoun)
        result.plural = plural
        result.human = !headClass.isDisjoint(with: [.personNoun, .groupNoun])
        result.institution = !result.human
        let qualifiers = distinctActors(mentions(in: first...max(first, head - 1)).filter { $0.firstToken < head })
        let located = split <= phrase.last ? distinctActors(mentions(in: split...phrase.last)) : []
        let definite = text.classes[first].contains(.definite) || (first..<head).contains { text.isPossessive($0) }
        let speaksFor = StatementLexicon.speaksForQualifier(headClass)
        let headWord = text.folded(head)

        // "His spokesman", "their adviser": someone else's aide, not the person named before.
        if text.classes[first].contains(.possessivePronoun) && headClass.contains(.personNoun) { return result }
        // "a ministry spokesman": the institution mentioned before speaks through its spokesman.
        if qualifiers.isEmpty, headClass.contains(.personNoun),
            let institution = (first..<head).first(where: { text.classes[$0].contains(.institutionNoun) }).map({ text.folded($0) }),
            let match = latestSpeaker(before: first, where: { $0.roles.contains(institution) })
        {
            // "the utility spokesman" after "a spokesman for the utility": the same speaker, resolved or not.
            result.actor = match.actor
            result.resolution = match.actor == nil ? .unresolved : .description
            return result
        }
        // "the Ukrainian leader", "the envoy", "Russia's deputy foreign minister": a description of
        // one person, who may have been named before.
        if !plural, headClass.contains(.personNoun), definite {
            let country = qualifiers.first { $0.type == .place }
            if let actor = describePerson(headWord, country: country, before: first, paragraph: paragraph) {
                result.actor = actor
                result.resolution = .description
                result.gender = result.gender ?? genderOf[actor.id]
                return result
            }
        }
        // "U.S. bank officials", "German industry executives": they speak for their bank, not the country.
        let privateBody = (first..<head).contains { index in
            text.mentionOf[index] < 0 && text.classes[index].contains(.institutionNoun) && !text.classes[index].contains(.official)
        }
        if qualifiers.count == 1, speaksFor, !privateBody {
            result.actor = qualifiers[0]
            result.resolution = .group
            return result
        }
        guard qualifiers.isEmpty else { return result }
        // "a National Southwire spokesman", "a spokesman for Montreal-based Alcan": an organisation
        // named before by a longer name.
        if speaksFor, let organisation = organisationNamed(in: first...phrase.last, except: head) {
            result.actor = organisation
            result.resolution = .group
            return result
        }
        // "officials in Washington", "a spokesperson for the World Food Programme", "an adviser to the
        // Ukrainian government"; not "an executive from a German engineering group".
        let linksOwner = split <= phrase.last && ["for", "of", "to", "from"].contains(text.folded(split))
        if located.count == 1, speaksFor, headClass.contains(.locatedOfficial) || linksOwner {
            let objectIsActor = text.mention(at: phrase.last).map { $0.kind != .other } ?? false
            if objectIsActor || text.classes[phrase.last].contains(.official) {
                result.actor = located[0]
                result.resolution = .group
                return result
            }
        }
        if !plural, definite, headClass.contains(.institutionNoun), let actor = describeInstitution(headWord, around: first) {
            result.actor = actor
            result.resolution = .description
            return result
        }
        if plural, text.classes[first].contains(.quantifier) || text.classes[first].contains(.definite) {
            collectEvents()
            if let group = groupEvents.last(where: { $0.token < first && $0.head == headWord }) {
                result.actor = group.actor
                result.resolution = .description
            }
        }
        return result
    }

    /// The latest salient speaker or subject before `token` that satisfies `test`, resolving
    /// pending subjects on the way.
    private mutating func latestSpeaker(before token: Int, where test: (Resolved) -> Bool) -> Resolved? {
        var index = salience.count - 1
        // Pronouns and descriptions point back a few paragraphs at most; a bounded look-back also
        // keeps long texts linear.
        let oldest = max(0, salience.count - Self.lookBack)
        while index >= oldest {
            if salience[index].token < token {
                let candidate = materialize(index)
                if test(candidate) { return candidate }
            }
            index -= 1
        }
        return nil
    }

    // MARK: Pronouns and descriptions

    private mutating func resolvePronoun(_ word: String, before token: Int) -> Resolved {
        let wanted: Gender? = word == "he" ? .male : word == "she" ? .female : nil
        let genders = genderOf
        let found = latestSpeaker(before: token) { candidate in
            switch word {
            case "he", "she":
                let gender = candidate.gender ?? candidate.actor.flatMap { genders[$0.id] }
                return candidate.human && !candidate.plural && (gender == nil || gender == wanted)
            case "they": return candidate.plural || candidate.institution
            case "it": return candidate.institution && !candidate.plural
            default: return false
            }
        }
        if let candidate = found {
            if let actor = candidate.actor, let wanted, actor.type == .person { genderOf[actor.id] = wanted }
            var result = candidate
            result.resolution = .pronoun
            result.gender = wanted ?? candidate.gender
            return result
        }
        return Resolved(actor: nil, resolution: .unresolved, plural: word == "they", human: word != "it", institution: word == "it")
    }

    /// A person described by role: the latest named actor with that role (and country, when the
    /// description names one), else the latest speaker described by the same role, else the
    /// person quoted just before in the same paragraph when nothing contradicts it.
    private mutating func describePerson(_ head: String, country: ActorRef?, before token: Int, paragraph: Int) -> ActorRef? {
        collectEvents()
        for event in roleEvents.suffix(Self.lookBack).reversed() where event.token < token && event.actor.type == .person {
            guard event.roles.contains(where: { StatementLexicon.role($0, fits: head) }) else { continue }
            if let country, event.country?.id != country.id { continue }
            return event.actor
        }
        let countries = countryOf
        let described = latestSpeaker(before: token) { candidate in
            guard let actor = candidate.actor, candidate.roles.contains(where: { StatementLexicon.role($0, fits: head) }) else { return false }
            if let country, actor.type == .place, actor.id != country.id { return false }
            if let country, actor.type == .person, let known = countries[actor.id], known.id != country.id { return false }
            return true
        }
        if let actor = described?.actor { return actor }
        if let lastIndex = salience.lastIndex(where: { $0.token < token }), salience[lastIndex].paragraph == paragraph,
            let actor = materialize(lastIndex).actor, actor.type == .person
        {
            let known = rolesOf[actor.id] ?? []
            let rolesFit = known.isEmpty || known.contains { StatementLexicon.role($0, fits: head) }
            let countryFits = country == nil || countryOf[actor.id] == nil || countryOf[actor.id]?.id == country?.id
            if rolesFit && countryFits { return actor }
        }
        return nil
    }

    /// "the fund", "the operator", "the company": the latest organisation named or titled so, or
    /// the first one named in the next sentences ("…, the company said. Lichtweg AG, …").
    private mutating func describeInstitution(_ head: String, around token: Int) -> ActorRef? {
        collectEvents()
        let companyLike = StatementLexicon.classes[head]?.contains(.companyNoun) ?? false
        func fits(_ event: RoleEvent) -> Bool {
            guard event.actor.type == .org else { return false }
            if event.roles.contains(head) || nameHasWord(event.actor.name, head) { return true }
            return companyLike && (companies.contains(event.actor.id) || event.roles.contains("company") || isCompanyName(event.actor.name))
        }
        if let event = roleEvents.last(where: { $0.token < token && fits($0) }) { return event.actor }
        let horizon = token + 60
        return roleEvents.first(where: { $0.token > token && $0.token < horizon && fits($0) })?.actor
    }

    /// "the fund" -> "International Monetary Fund": a word of the organisation's name.
    private func nameHasWord(_ name: String, _ word: String) -> Bool {
        name.split(separator: " ").contains { $0.lowercased() == word }
    }

    private func isCompanyName(_ name: String) -> Bool {
        guard let last = name.split(separator: " ").last else { return false }
        return Self.companySuffixes.contains(String(last))
    }

    // MARK: Helpers

    private func mentions(in range: ClosedRange<Int>) -> [Mention] {
        var found: [Mention] = []
        var last: Int32 = -1
        for index in range where text.mentionOf[index] >= 0 && text.mentionOf[index] != last {
            last = text.mentionOf[index]
            found.append(text.mentions[Int(last)])
        }
        return found
    }

    private func distinctActors(_ mentions: [Mention]) -> [ActorRef] {
        var actors: [ActorRef] = []
        for mention in mentions {
            guard let actor = mention.actor, !actors.contains(where: { $0.id == actor.id }) else { continue }
            actors.append(actor)
        }
        return actors
    }

    /// A capitalised word of the phrase that starts the name of an organisation in the article.
    private func organisationNamed(in range: ClosedRange<Int>, except head: Int) -> ActorRef? {
        for index in range where index != head && text.mentionOf[index] < 0 && text.isCapitalized(index) && !text.tokens[index].isAcronym {
            if index > range.lowerBound, text.isCapitalized(index - 1), text.mentionOf[index - 1] < 0 { continue }
            if let actor = actorNamed(startingWith: text.folded(index)), actor.type == .org { return actor }
        }
        return nil
    }

    /// "Wallin" after "Winston Wallin": a person of the article with this surname, named by a
    /// mention or by a speaker phrase before.
    private func personNamed(surname: String, before token: Int) -> ActorRef? {
        if let known = knownPeople[surname] { return known }
        for mention in text.mentions where mention.firstToken < token && mention.kind == .person && mention.tokenCount >= 2 {
            if text.folded(mention.firstToken + mention.tokenCount - 1) == surname, let actor = mention.actor { return actor }
        }
        return nil
    }

    /// "Lichtweg" after "Lichtweg AG": an organisation or person named earlier by a longer name.
    private func actorNamed(startingWith word: String) -> ActorRef? {
        for mention in text.mentions {
            guard let actor = mention.actor, actor.type != .place else { continue }
            if text.folded(mention.firstToken) == word { return actor }
        }
        return nil
    }

    /// A gazetteer name ending at `head` that the actor extractor missed (for example when ICU put a
    /// sentence break inside it: "The U.S. | Treasury said").
    private func gazetteerActor(endingAt head: Int, from first: Int) -> ActorRef? {
        for start in first...head {
            guard let aliases = gazetteer.aliasesByFirstToken[text.folded(start)] else { continue }
            for alias in aliases where !alias.isDemonym && start + alias.tokens.count - 1 == head {
                let matches = alias.tokens.indices.allSatisfy { text.folded(start + $0) == alias.tokens[$0] }
                if matches { return gazetteer.entries[alias.entry].actor }
            }
        }
        return nil
    }

    /// "said Johanna Lind, an analyst at…": a capitalised name the actor extractor did not know,
    /// made a person by the role its appositive gives it.
    private func personNamed(_ phrase: SpeakerPhrase) -> ActorRef? {
        let count = phrase.last - phrase.first + 1
        guard count >= 2, count <= 4, phrase.tokens.allSatisfy({ text.isCapitalized($0) && text.tokens[$0].kind == .letter && text.mentionOf[$0] < 0 })
        else { return nil }
        // The role is in an appositive after the name, or the name is the appositive of a role
        // ("The mayor of Haldenport, Petra Voss").
        let next = phrase.last + 1
        let roleAfter = next < text.tokens.count && text.gapAfter[phrase.last].contains(.comma)
            && (next..<min(text.tokens.count, next + 4)).contains { text.classes[$0].contains(.personNoun) }
        let roleBefore = phrase.first > 0 && text.gapAfter[phrase.first - 1].contains(.comma)
            && (max(0, phrase.first - 4)..<phrase.first).contains { text.classes[$0].contains(.personNoun) }
        guard roleAfter || roleBefore else { return nil }
        let name = text.text(text.tokens[phrase.first].start..<text.tokens[phrase.last].end)
        return ActorRef(id: ActorRef.makeID(type: .person, name: name), name: name, type: .person)
    }

    private func gender(of phrase: SpeakerPhrase) -> Gender? {
        for index in phrase.tokens {
            if text.classes[index].contains(.male) { return .male }
            if text.classes[index].contains(.female) { return .female }
        }
        return nil
    }

    // MARK: Events

    /// Titles and roles around every named person and organisation ("U.S. special envoy Daniel
    /// Whitcombe", "Halyna Moroz, Ukraine's energy minister,"), and qualified groups.
    private mutating func collectEvents() {
        guard !eventsCollected else { return }
        eventsCollected = true
        let tokens = text.tokens
        for mention in text.mentions {
            guard let actor = mention.actor else { continue }
            let first = mention.firstToken
            let last = first + mention.tokenCount - 1
            guard last < tokens.count else { continue }
            if actor.type == .person || actor.type == .org {
                var roles: [String] = []
                var country: ActorRef?
                func take(_ range: ClosedRange<Int>) {
                    for index in range where text.mentionOf[index] < 0 || text.mentionOf[index] != text.mentionOf[first] {
                        if let other = text.mention(at: index), let place = other.actor, place.type == .place {
                            country = country ?? place
                        } else if !text.classes[index].isDisjoint(with: [.personNoun, .institutionNoun, .leaderRole, .companyNoun]) {
                            roles.append(text.folded(index))
                        }
                    }
                }
                // Titles written before the name, up to six words of the same phrase.
                var start = first
                while start > 0, first - start < 6, text.gapAfter[start - 1].isDisjoint(with: StatementText.Gap.phraseBreak),
                    text.isPhraseWord(start - 1) || text.isPossessive(start - 1)
                {
                    start -= 1
                }
                if start < first { take(start...(first - 1)) }
                // An appositive after the name: ", the IMF's mission chief for Ukraine,".
                if text.gapAfter[last].contains(.comma), !text.gapAfter[last].contains(.quoteClose), last + 1 < tokens.count {
                    var end = last + 1
                    while end + 1 < tokens.count, end - last < 10, text.gapAfter[end].isDisjoint(with: StatementText.Gap.phraseBreak) { end += 1 }
                    take((last + 1)...end)
                }
                // An appositive before it: "Ukraine's energy minister, Halyna Moroz".
                if first > 0, text.gapAfter[first - 1].contains(.comma), let before = text.phrase(endingAt: first - 1, floor: 0) {
                    take(before.first...before.last)
                }
                roleEvents.append(RoleEvent(token: first, actor: actor, roles: roles, country: country))
                if let country, actor.type == .person, countryOf[actor.id] == nil { countryOf[actor.id] = country }
                if !roles.isEmpty { rolesOf[actor.id, default: []].formUnion(roles) }
            }
            if actor.type != .person {
                // "European leaders", "U.S. special envoys": up to two modifiers, then a group noun.
                var index = last + 1
                while index < tokens.count, index - last <= 3, text.gapAfter[index - 1].isDisjoint(with: StatementText.Gap.phraseBreak) {
                    if text.classes[index].contains(.groupNoun) {
                        groupEvents.append(GroupEvent(token: index, head: text.folded(index), actor: actor))
                        break
                    }
                    guard text.classes[index].contains(.modifier) || text.classes[index].isEmpty else { break }
                    index += 1
                }
            }
        }
    }
}
