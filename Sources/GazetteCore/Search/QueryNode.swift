/// A parsed query.
public indirect enum QueryNode: Equatable, Sendable {
    /// Which text a word or phrase is searched in.
    public enum TextField: String, Sendable {
        case any, title, source, author
    }

    case word(String, field: TextField, wildcard: Bool)
    case phrase(String, field: TextField)
    case actor(String, type: ActorType?)
    /// `date:` with the text as written ("2025-12", "2025-12-01..2025-12-31", "..2025").
    case date(String, column: Int)
    case language(String)
    /// `said-by:` an actor: the speaker of a statement matching the rest of the query (only as
    /// a top-level condition; see `SaidBy`).
    case saidBy(String, column: Int)
    case and([QueryNode])
    case or([QueryNode])
    /// Words joined without an operator: all must match in `--match all`, any in `--match any`.
    case implicit([QueryNode])
    case not(QueryNode)
    case required(QueryNode)
    case prohibited(QueryNode)
    case near([QueryNode], distance: Int)
}

/// How words written side by side combine: all must match (default) or any may (ranked OR).
public enum MatchMode: String, Sendable, CaseIterable { case all, any }
