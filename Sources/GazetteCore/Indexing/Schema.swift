/// Gazette's term prefixes, value slots and metadata keys: the single table every reader and
/// writer of the index uses (documented in the README's "Index layout" section).
public enum Schema {
    /// Bumped when the analyzer or the document layout changes; part of every content hash, so a
    /// re-index after an upgrade rewrites documents instead of skipping them as unchanged.
    public static let version = "gazette-4"

    /// Xapian rejects terms longer than 245 bytes.
    public static let maximumTermBytes = 245

    // Term prefixes (Omega conventions where one exists).
    public enum Prefix {
        /// Unique document id (boolean).
        public static let id = "Q"
        /// Title words, positional, same analysis as body words.
        public static let title = "S"
        /// Author words, positional.
        public static let author = "A"
        /// Day, month and year of the article date (boolean): D20251214, M202512, Y2025.
        public static let day = "D"
        public static let month = "M"
        public static let year = "Y"
        /// Language code (boolean): Len, Lru.
        public static let language = "L"
        /// Actor id at each mention position: XAperson:volodymyr-zelensky.
        public static let actor = "XA"
        /// Source (publication) words, positional.
        public static let source = "XS"
        /// Source file path (boolean); paths too long for a term are hashed under XP#.
        public static let path = "XP"
        /// Present on undated articles (boolean term, no suffix).
        public static let undated = "XU"

        // Statement documents (the statement index) use the text, date, language and actor
        // prefixes above for their content, and these:
        /// The article a statement comes from (boolean): re-indexing or removing the article
        /// deletes its statements through this term.
        public static let statementArticle = "XR"
        /// The speaker's actor id (boolean): XBperson:volodymyr-zelensky.
        public static let speaker = "XB"
        /// The reporting verb's lemma (boolean): XVsay, XVwarn.
        public static let verb = "XV"
        /// Present on direct quotations (boolean term, no suffix).
        public static let direct = "XQ"
    }

    /// The statement index lives in this folder inside the index folder, laid out like the
    /// article index (one database, or the same shards with the same names).
    public static let statementsFolder = "statements"

    // Value slots.
    public enum Slot {
        /// UTC timestamp "YYYYMMDDHHMMSS": sorting and date ranges compare these bytes.
        public static let date: UInt32 = 0
        /// Content hash of the record that produced the document (incremental re-index).
        public static let contentHash: UInt32 = 1
    }

    // Metadata keys.
    public enum Metadata {
        public static let schemaVersion = "gazette:schema"
        public static let languages = "gazette:languages"
        /// "actor:<id>" -> JSON {name, type} of an actor seen in the index.
        public static let actorPrefix = "actor:"
        /// "alias:<folded surface form>" -> actor ids, one per line.
        public static let aliasPrefix = "alias:"
        /// "merged:<id>" -> ids `gazette remap` merged into this actor, one per line (snippets
        /// re-extract actors from text, which still yields those ids).
        public static let mergedPrefix = "merged:"
        /// Fingerprints of the alias files `gazette remap` wrote into this database, one per line.
        public static let actorRemap = "gazette:actor-remap"
    }

    /// Positions: a sentence starts this many positions after the previous one ends, so phrases and
    /// NEAR (whose window is capped below it) never match across sentence or paragraph boundaries.
    public static let sentenceGap: UInt32 = 100
    public static let maximumNearDistance = 50
    /// The body starts after the title with a gap as well.
    public static let titleWdfBoost: UInt32 = 3
}
