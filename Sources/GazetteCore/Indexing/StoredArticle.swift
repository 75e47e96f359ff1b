/// What each document stores as its data (JSON): everything needed to show a hit and re-build
/// snippets without going back to the input files.
public struct StoredArticle: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var body: String
    /// ISO 8601 UTC, absent for undated articles.
    public var date: String?
    public var source: String?
    public var url: String?
    public var authors: [String]
    public var language: String
    public var path: String
    public var line: Int?
    public var record: Int?
    public var format: String
    /// Actors in order of mention count.
    public var actors: [StoredActor]

    public struct StoredActor: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var type: ActorType
        public var mentions: Int
    }
}
