/// The English words statement extraction recognises: reporting verbs with their forms, and the
/// small closed classes (determiners, auxiliaries, role and group nouns…) that delimit a speaker
/// phrase. Kept as Swift tables so the extractor needs no file I/O and builds them once.
enum StatementLexicon {
    /// How a reporting verb takes its content.
    enum VerbKind: Sendable {
        /// "said (that) …", "warned of …", "urged allies to …", "reaffirmed X": content follows the verb.
        case speech
        /// "told reporters (that) …": a recipient comes first; content needs "that" or a quotation.
        case tell
        /// "described X as Y", "welcomed X as Y": a statement only with "as" (or a colon for describe).
        case characterize
        /// "called X 'Y'", "called on X to …", "called for X": a quotation or a particle.
        case call
    }

    enum VerbForm: Sendable { case base, thirdPerson, past, participle }

    struct Verb: Sendable {
        var lemma: String
        var kind: VerbKind
        var form: VerbForm
        /// The form is also a common noun ("demand", "calls", "signals"): it needs a clear subject.
        var nounLike: Bool
    }

    /// lemma kind: base, -s, past forms…, -ing forms… (several spellings where English has them).
    private static let verbTable = """
        say speech: say says said saying
        tell tell: tell tells told telling
        inform tell: inform informs informed informing
        assure tell: assure assures assured assuring
        remind tell: remind reminds reminded reminding
        add speech: add adds added adding
        note speech: note notes noted noting
        state speech: state states stated stating
        write speech: write writes wrote,written writing
        reply speech: reply replies replied replying
        answer speech: answer answers answered answering
        explain speech: explain explains explained explaining
        declare speech: declare declares declared declaring
        assert speech: assert asserts asserted asserting
        claim speech: claim claims claimed claiming
        predict speech: predict predicts predicted predicting
        suggest speech: suggest suggests suggested suggesting
        propose speech: propose proposes proposed proposing
        complain speech: complain complains complained complaining
        concede speech: concede concedes conceded conceding
        admit speech: admit admits admitted admitting
        acknowledge speech: acknowledge acknowledges acknowledged acknowledging
        indicate speech: indicate indicates indicated indicating
        estimate speech: estimate estimates estimated estimating
        ask speech: ask asks asked asking
        warn speech: warn warns warned warning
        caution speech: caution cautions cautioned cautioning
        argue speech: argue argues argued arguing
        insist speech: insist insists insisted insisting
        stress speech: stress stresses stressed stressing
        emphasize speech: emphasize,emphasise emphasizes,emphasises emphasized,emphasised emphasizing,emphasising
        underscore speech: underscore underscores underscored underscoring
        reiterate speech: reiterate reiterates reiterated reiterating
        repeat speech: repeat repeats repeated repeating
        reaffirm speech: reaffirm reaffirms reaffirmed reaffirming
        maintain speech: maintain maintains maintained maintaining
        counter speech: counter counters countered countering
        signal speech: signal signals signaled,signalled signaling,signalling
        announce speech: announce announces announced announcing
        confirm speech: confirm confirms confirmed confirming
        deny speech: deny denies denied denying
        demand speech: demand demands demanded demanding
        promise speech: promise promises promised promising
        pledge speech: pledge pledges pledged pledging
        vow speech: vow vows vowed vowing
        threaten speech: threaten threatens threatened threatening
        accuse speech: accuse accuses accused accusing
        urge speech: urge urges urged urging
        appeal speech: appeal appeals appealed appealing
        describe characterize: describe describes described describing
        outline characterize: outline outlines outlined outlining
        frame characterize: frame frames framed framing
        characterize characterize: characterize,characterise characterizes,characterises characterized,characterised characterizing,characterising
        welcome characterize: welcome welcomes welcomed welcoming
        reject characterize: reject rejects rejected rejecting
        condemn characterize: condemn condemns condemned condemning
        dismiss characterize: dismiss dismisses dismissed dismissing
        call call: call calls called calling
        """

    /// Forms that are at least as often nouns or adjectives ("a call for", "these signals", "state media").
    private static let nounLikeForms: Set<String> = [
        "state", "states", "claim", "claims", "signal", "signals", "demand", "demands", "call", "calls", "note", "notes",
        "promise", "promises", "pledge", "pledges", "answer", "answers", "reply", "replies", "estimate", "estimates",
        "repeat", "repeats", "counter", "counters", "frame", "frames", "outline", "outlines", "appeal", "appeals",
        "stress", "stresses", "welcome", "welcomes", "vow", "vows", "caution", "warning", "remind", "add",
    ]

    static let verbs: [String: Verb] = {
        var table: [String: Verb] = [:]
        for line in verbTable.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            let head = parts[0].split(separator: " ")
            let lemma = String(head[0])
            let kind: VerbKind = switch head[1] {
            case "tell": .tell
            case "characterize": .characterize
            case "call": .call
            default: .speech
            }
            let groups = parts[1].split(separator: " ")
            let forms: [VerbForm] = [.base, .thirdPerson, .past, .participle]
            for (index, group) in groups.enumerated() {
                for form in group.split(separator: ",") {
                    let word = String(form)
                    table[word] = Verb(lemma: lemma, kind: kind, form: forms[min(index, 3)], nounLike: nounLikeForms.contains(word))
                }
            }
        }
        return table
    }()

    /// Word classes used to chunk speaker phrases and find clause edges.
    struct WordClass: OptionSet, Sendable {
        let rawValue: UInt64
        static let determiner = WordClass(rawValue: 1 << 0)
        static let definite = WordClass(rawValue: 1 << 1)
        static let preposition = WordClass(rawValue: 1 << 2)
        static let auxiliary = WordClass(rawValue: 1 << 3)
        static let adverb = WordClass(rawValue: 1 << 4)
        static let clauseWord = WordClass(rawValue: 1 << 5)
        static let pronoun = WordClass(rawValue: 1 << 6)
        static let modifier = WordClass(rawValue: 1 << 7)
        /// A person by role: "minister", "spokeswoman", "analyst".
        static let personNoun = WordClass(rawValue: 1 << 8)
        /// A group of people: "officials", "analysts".
        static let groupNoun = WordClass(rawValue: 1 << 9)
        /// An institution: "ministry", "government", "company".
        static let institutionNoun = WordClass(rawValue: 1 << 10)
        /// A text or figures that can be a source: "statement", "data", "estimates".
        static let documentNoun = WordClass(rawValue: 1 << 11)
        /// Speaks for the actor that qualifies it ("Ukrainian officials", "Russia's defence ministry").
        static let official = WordClass(rawValue: 1 << 12)
        /// Also speaks for a place it is "in" ("officials in Washington", "the ministry in Berlin").
        static let locatedOfficial = WordClass(rawValue: 1 << 13)
        static let timeWord = WordClass(rawValue: 1 << 14)
        static let venueNoun = WordClass(rawValue: 1 << 15)
        /// Verbs after "and"/"but" that start the subject's next clause ("but declined", "and thanked").
        static let matrixVerb = WordClass(rawValue: 1 << 16)
        static let male = WordClass(rawValue: 1 << 17)
        static let female = WordClass(rawValue: 1 << 18)
        static let quantifier = WordClass(rawValue: 1 << 19)
        static let negation = WordClass(rawValue: 1 << 20)
        /// Words that make a following "to VERB" a non-statement ("declined to say", "expected to announce").
        static let blocksInfinitive = WordClass(rawValue: 1 << 21)
        /// Opens an introductory phrase before the subject ("In Moscow, …", "Speaking to reporters, …").
        static let introWord = WordClass(rawValue: 1 << 22)
        static let positionNoun = WordClass(rawValue: 1 << 23)
        /// A person role that can lead a country or organisation ("president", "leader").
        static let leaderRole = WordClass(rawValue: 1 << 24)
        static let companyNoun = WordClass(rawValue: 1 << 25)
        static let beForm = WordClass(rawValue: 1 << 26)
        /// Joins the subject's next clause: "…and said", "…but urged".
        static let coordinator = WordClass(rawValue: 1 << 27)
        static let relativePronoun = WordClass(rawValue: 1 << 28)
        /// Opens a new clause with its own subject: ", while France said", "as officials warned".
        static let subordinator = WordClass(rawValue: 1 << 29)
        /// Before an -ing form that reports for the subject: "while signaling", "by warning".
        static let participleLead = WordClass(rawValue: 1 << 30)
        /// Words after a verb that start the attribution's own adjuncts: "said after talks", "told reporters".
        static let adjunctOpener = WordClass(rawValue: 1 << 31)
        /// Prepositions a speaker phrase may run across: "officials in Washington".
        static let phrasePreposition = WordClass(rawValue: 1 << 32)
        static let timeNoun = WordClass(rawValue: 1 << 33)
        static let timeLead = WordClass(rawValue: 1 << 34)
        static let possessivePronoun = WordClass(rawValue: 1 << 35)
        static let governmentHead = WordClass(rawValue: 1 << 36)
        /// -ing words that never open a participle clause: "including", "according".
        static let notParticiple = WordClass(rawValue: 1 << 37)
        static let according = WordClass(rawValue: 1 << 38)
        /// -ing words that start the subject's own next action: ", pointing to…", ", citing…".
        static let speakerParticiple = WordClass(rawValue: 1 << 39)

        static let headNoun: WordClass = [.personNoun, .groupNoun, .institutionNoun, .documentNoun]
    }

    private static let classTable: [(WordClass, String)] = [
        (.determiner, "the a an this that these those his her its their our my your one two three four five six several some many most other both all each another few any no"),
        (.definite, "the this that these those his her its their our"),
        (.quantifier, "one two three four five six several some many most both all each few"),
        (.preposition, "of for in at to from on with by familiar close briefed seen published run led including among near outside inside under within"),
        (.auxiliary, "is was were are be been being has have had having will would can could may might must shall should do does did am"),
        (.adverb, "here there also repeatedly consistently previously earlier later again already publicly privately strongly firmly flatly reportedly recently still once then now separately further clearly openly often frequently long never not just only quickly swiftly immediately formally officially initially subsequently angrily sharply bluntly simply"),
        (.negation, "not never n't no"),
        (.clauseWord, "that which who whom whose what when where while whereas as because if but or so than though although since until unless whether after before and nor yet amid despite"),
        (.pronoun, "he she they it we"),
        (.male, "he spokesman chairman king prince emperor businessman congressman"),
        (.female, "she spokeswoman chairwoman queen princess empress businesswoman congresswoman"),
        (.modifier, """
            senior top chief deputy special foreign defence defense finance economy economic energy interior trade agriculture \
            justice health security intelligence military state regional national local former acting federal central joint \
            grid presidential prime first vice executive general high-level human rights aid humanitarian political \
            diplomatic government governmental official western eastern northern southern european international \
            independent private public industry business financial environment environmental budget opposition ruling \
            parliamentary co founder co-founder managing assistant associate permanent principal lead head news press \
            maritime naval coast border police monitoring refugee relief development policy sanctions research \
            insurance shipping commodity commodities market markets oil gas power nuclear climate transport transmission \
            procurement prisoners war media
            """),
        (.personNoun, """
            president leader minister chancellor premier envoy ambassador diplomat spokesman spokeswoman spokesperson \
            secretary commissioner chief head official aide adviser advisor representative negotiator mayor governor \
            senator lawmaker executive founder chairman chairwoman chair director analyst economist expert trader broker \
            researcher strategist investigator officer commander general captain owner lawyer prosecutor judge coordinator \
            monitor source reporter journalist activist manager ceo king queen prince emperor national member delegate \
            observer engineer scientist doctor resident citizen voter worker farmer organiser organizer \
            businessman businesswoman banker dealer
            """),
        (.groupNoun, """
            officials leaders ministers envoys diplomats negotiators representatives authorities lawmakers senators \
            governments analysts economists experts traders brokers investors executives farmers workers residents \
            groups agencies organisations organizations unions donors critics supporters protesters activists \
            researchers investigators officers commanders sources people observers monitors shipowners manufacturers \
            carmakers producers exporters importers utilities companies banks lenders creditors allies partners sides \
            parties countries states members delegates organisers organizers engineers scientists doctors citizens \
            voters owners operators insurers underwriters airlines advisers advisors aides spokesmen spokespeople \
            commissioners ambassadors mayors governors judges lawyers prosecutors bankers dealers businessmen \
            businesspeople
            """),
        (.institutionNoun, """
            ministry ministries government office agency company firm fund bank operator department mission commission \
            council committee parliament court administration presidency embassy alliance union organisation organization \
            group board authority regulator headquarters side delegation military army navy intelligence police service \
            cabinet coalition party secretariat directorate institute association federation watchdog maker producer \
            exporter insurer lender broker utility industry
            """),
        (.documentNoun, """
            statement statements report reports document documents data figures estimates estimate summary readout \
            tracker assessment survey media website figures projections records memo letter communique communiqué \
            calculations filing filings minutes
            """),
        (.official, """
            official officials minister ministers ministry ministries government governments spokesman spokeswoman \
            spokesperson spokesmen spokespeople envoy envoys leader leaders president presidency office aide aides adviser \
            advisers advisor advisors commissioner commissioners chief secretary ambassador ambassadors delegation \
            representative representatives negotiator negotiators authorities authority administration military \
            intelligence navy army investigators investigator headquarters side diplomat diplomats department mission \
            council commission cabinet embassy agency services service police regulator watchdog lawmakers parliament \
            general head director coordinator chair chairman chairwoman ceo governor mayor prosecutor \
            statement statements report document documents data figures estimates estimate summary readout assessment \
            projections records communique communiqué
            """),
        (.locatedOfficial, "official officials authorities government ministry ministries office administration leaders leader statement data figures"),
        (.timeWord, """
            monday tuesday wednesday thursday friday saturday sunday today yesterday tonight week weekend month year day \
            morning afternoon evening night last this next earlier later recently previously repeatedly again also \
            publicly privately separately late early
            """),
        (.venueNoun, """
            statement interview address speech briefing conference report post message letter call meeting session visit \
            video broadcast television radio website media social reporters journalists parliament lawmakers news press \
            remarks comments comment appearance hearing summit forum rally ceremony event call podcast newspaper \
            editorial op-ed column
            """),
        (.matrixVerb, """
            declined refused stopped thanked made gave left did expressed met spent agreed offered visited travelled \
            traveled sent held hosted signed began started pressed pushed raised cited chose opened closed praised \
            welcomed rejected promised joined returned
            """),
        (.blocksInfinitive, """
            declined refused expected due set going able unable likely unlikely scheduled planned plans plan wants want \
            wanted hoped hopes ready reluctant poised
            """),
        (.introWord, """
            in on at after during despite since with without before like unlike among amid behind while although if \
            as earlier later until speaking asked writing addressing responding answering standing sitting meanwhile \
            however separately elsewhere instead still but yet and also under following according
            """),
        (.positionNoun, "message position stance view argument answer response line verdict"),
        (.leaderRole, "president leader premier chancellor prime king queen emperor head"),
        (.companyNoun, "company firm maker producer startup start-up group operator lender insurer exporter"),
        (.beForm, "is was were are be been being am"),
        (.coordinator, "and but then yet"),
        (.relativePronoun, "that which who whom whose what"),
        (.subordinator, "as while whereas but and though although because since even"),
        (.participleLead, "while by and after before when thereby"),
        (.adjunctOpener, "that after before during as when while following ahead until upon here there"),
        (.speakerParticiple, "pointing citing referring declining refusing speaking gesturing stopping"),
        (.phrasePreposition, "of in at for from to familiar close with"),
        (.timeNoun, "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight week month year morning afternoon evening night weekend"),
        (.timeLead, "on last this next earlier later late early"),
        (.possessivePronoun, "his her its their"),
        (.governmentHead, "government administration authorities"),
        (.according, "according"),
        (.notParticiple, "including excluding according following regarding concerning during something nothing anything everything thing morning evening meeting building spending funding ceiling"),
    ]

    /// One lexicon entry: a word's classes and, when it is a form of a reporting verb, that verb
    /// (an index into `verbList`, so per-token columns stay plain integers).
    struct Entry: Sendable {
        var classes: WordClass
        var verb: Int16 = -1
    }

    /// Every reporting verb form, indexed by `Entry.verb`.
    static let verbList: [Verb] = verbs.keys.sorted().map { verbs[$0]! }

    /// Words of the lexicon, looked up once per token of every indexed text. A 64-bit FNV-1a hash of
    /// the folded UTF-8 in an open-addressed table avoids hashing each token as a `String`.
    struct Table: Sendable {
        /// A word of at most 16 bytes packed into two integers, with its length: compared and
        /// hashed without touching a `String`.
        struct Key: Hashable, Sendable {
            var low: UInt64 = 0
            var high: UInt64 = 0
            var count: UInt8 = 0

            init() {}

            /// The ASCII word in `bytes[range]`, lower-cased; nil for longer or non-ASCII words.
            init?(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
                guard range.count <= 16 else { return nil }
                count = UInt8(range.count)
                var shift: UInt64 = 0
                for index in range {
                    var byte = bytes[index]
                    if byte >= 0x80 { return nil }
                    if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
                    if shift < 64 { low |= UInt64(byte) << shift } else { high |= UInt64(byte) << (shift - 64) }
                    shift += 8
                }
            }

            init?(_ word: String) {
                var word = word
                guard let key = word.withUTF8({ Key($0, 0..<$0.count) }) else { return nil }
                self = key
            }

            /// Multiplicative hashing: the top `bits` bits of the mixed key.
            func slot(bits: UInt64) -> Int {
                let mixed = (low ^ (high &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(count)) &* 0x9E37_79B9_7F4A_7C15
                return Int(truncatingIfNeeded: mixed >> (64 - bits))
            }
        }

        /// Open-addressed slots: a probe reads one array (one cache line) per step.
        private struct Slot {
            var key = Key()
            var entry: Int32 = -1
        }

        private let slots: [Slot]
        private let entries: [Entry]
        private let mask: Int
        private let bits: UInt64

        init(_ table: [String: Entry]) {
            var bits: UInt64 = 6
            while (1 << bits) < table.count * 4 { bits += 1 }
            let size = 1 << Int(bits)
            var slots = [Slot](repeating: Slot(), count: size)
            var entries: [Entry] = []
            for (word, entry) in table.sorted(by: { $0.key < $1.key }) {
                // Words over 16 bytes cannot be tokens worth a lookup; none is in the lists.
                guard let key = Key(word) else { continue }
                var slot = key.slot(bits: bits)
                while slots[slot].entry >= 0 { slot = (slot + 1) & (size - 1) }
                slots[slot] = Slot(key: key, entry: Int32(entries.count))
                entries.append(entry)
            }
            self.slots = slots
            self.entries = entries
            self.bits = bits
            mask = size - 1
        }

        /// The entry for a token, read straight from the text's bytes (ASCII folded to lower case);
        /// `folded` is used only for words with non-ASCII letters.
        func lookup(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, folded: @autoclosure () -> String) -> Entry? {
            guard range.count <= 16 else { return nil }
            if let key = Key(bytes, range) { return find(key) }
            return lookup(folded())
        }

        func lookup(_ word: String) -> Entry? {
            Key(word).flatMap(find)
        }

        private func find(_ key: Key) -> Entry? {
            var slot = key.slot(bits: bits)
            return slots.withUnsafeBufferPointer { slots in
                while true {
                    let probe = slots[slot]
                    if probe.entry < 0 { return nil }
                    if probe.key == key { return entries[Int(probe.entry)] }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    static let table: Table = {
        var merged: [String: Entry] = [:]
        for (word, wordClass) in classes { merged[word, default: Entry(classes: [])].classes = wordClass }
        for (index, word) in verbs.keys.sorted().enumerated() { merged[word, default: Entry(classes: [])].verb = Int16(index) }
        return Table(merged)
    }()

    static let classes: [String: WordClass] = {
        var table: [String: WordClass] = [:]
        for (wordClass, words) in classTable {
            for word in words.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
                table[String(word), default: []].insert(wordClass)
            }
        }
        return table
    }()

    /// Heads that speak for themselves: "analysts", "traders", "farmers" never stand for a country.
    static func speaksForQualifier(_ wordClass: WordClass) -> Bool { wordClass.contains(.official) }

    /// Roles compatible with a description's head ("the Ukrainian leader" -> a president).
    static func role(_ held: String, fits head: String) -> Bool {
        if held == head { return true }
        switch head {
        case "leader": return ["president", "premier", "chancellor", "prime", "king", "queen", "emperor", "leader"].contains(held)
        case "minister", "secretary": return held == "minister" || held == "secretary" || held == "chancellor"
        case "spokesman", "spokeswoman", "spokesperson": return held.hasPrefix("spokes")
        case "executive", "chief", "ceo": return ["executive", "chief", "ceo", "founder", "head", "director"].contains(held)
        case "representative": return held == "representative" || held == "envoy"
        case "envoy": return held == "envoy" || held == "representative"
        case "official": return true
        default: return false
        }
    }
}
