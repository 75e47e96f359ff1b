/// Function words that say how a question is put rather than what it is about ("what are the
/// effects of ..."). Free-text queries drop them (see `QueryCompiler`): in a ranked query they only
/// add noise and cost (they match most articles), and in an all-words query they would demand
/// words no one meant to demand. Phrases, NEAR, fields other than titles, required (+) and
/// excluded (-) words keep them.
enum StopWords {
    /// English; matched against the folded word. Words with news meanings of their own stay out
    /// ("may", "new", "last", "first"), and a word written in capitals is never a stop word
    /// ("US", "IT", "WHO"), see `isStopWord`.
    static let english: Set<String> = Set(
        """
        a an the this that these those
        i me my mine myself we us our ours ourselves you your yours yourself yourselves
        he him his himself she her hers herself it its itself they them their theirs themselves
        what which who whom whose when where why how whether
        am is are was were be been being have has had having do does did doing done
        shall should will would can could might must
        about above after against along among around at before below between beyond by during
        for from in into of off on onto out over since through to toward towards under until up
        upon with within without
        and but or nor so yet if then than because as while although though unless whereas
        also just very too here there now again once ever still even quite rather
        all any both each every few more most other some such no not only own same
        s t d ll m re ve
        """.split(whereSeparator: \.isWhitespace).map(String.init))

    /// Languages with a list.
    static func list(for language: String) -> Set<String>? {
        language == "en" ? english : nil
    }

    /// True when `word` (as written) folds to `folded`, a stop word of one of `languages`.
    static func isStopWord(_ word: String, folded: String, languages: [String]) -> Bool {
        let letters = word.unicodeScalars.filter { $0.properties.isAlphabetic }
        if letters.count >= 2, letters.allSatisfy({ $0.properties.isUppercase }) { return false }
        return languages.contains { list(for: $0)?.contains(folded) ?? false }
    }
}
