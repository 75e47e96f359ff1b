/// `said-by:ACTOR` conditions. They are not terms of the article index: a query holding them is
/// answered in two steps, statements first (`StatementSearcher.articleFilter`), so they may only
/// be conditions of the whole query (side by side with it, or joined by AND), never inside OR,
/// NOT, NEAR or brackets.
enum SaidBy {
    /// The names in the top-level `said-by:` conditions and the query without them (nil when
    /// nothing else is left). Nested ones stay and make the compiler fail with their column.
    static func split(_ node: QueryNode?) -> (speakers: [String], rest: QueryNode?) {
        guard let node else { return ([], nil) }
        switch node {
        case .saidBy(let name, _), .required(.saidBy(let name, _)):
            return ([name], nil)
        case .and(let parts), .implicit(let parts):
            var speakers: [String] = []
            var rest: [QueryNode] = []
            for part in parts {
                switch part {
                case .saidBy(let name, _), .required(.saidBy(let name, _)): speakers.append(name)
                default: rest.append(part)
                }
            }
            guard !speakers.isEmpty else { return ([], node) }
            if rest.isEmpty { return (speakers, nil) }
            if rest.count == 1 {
                if case .required(let inner) = rest[0] { return (speakers, inner) }
                return (speakers, rest[0])
            }
            if case .and = node { return (speakers, .and(rest)) }
            return (speakers, .implicit(rest))
        default:
            return ([], node)
        }
    }
}
