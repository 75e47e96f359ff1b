import Foundation

/// Figures about an index for `gazette stats`.
public struct IndexStatistics: Sendable, Codable {
    public var documents: Int
    public var undated: Int
    public var firstDate: String?
    public var lastDate: String?
    /// Distinct word terms (the vocabulary, without field or actor terms).
    public var terms: Int
    /// Word occurrences indexed.
    public var postings: UInt64
    public var actors: Int
    public var languages: [String]
    public var bytes: Int64

    enum CodingKeys: String, CodingKey {
        case documents, undated, terms, postings, actors, languages, bytes
        case firstDate = "first_date"
        case lastDate = "last_date"
    }

    public static func compute(indexPath: String) throws -> IndexStatistics {
        let index = try IndexReader.open(indexPath)
        let database = index.database
        let bounds = try database.valueBounds(slot: Schema.Slot.date)
        var vocabulary = 0
        var actors = 0
        let terms = try database.terms(withPrefix: "")
        for item in terms {
            guard let first = item.term.unicodeScalars.first else { continue }
            // Field, id and actor terms start with a capital prefix; words never do (they are folded).
            if first.properties.isUppercase {
                if item.term.hasPrefix(Schema.Prefix.actor) { actors += 1 }
            } else {
                vocabulary += 1
            }
        }
        try terms.checkCompleted()
        return IndexStatistics(
            documents: try database.documentCount(),
            undated: try database.termFrequency(Schema.Prefix.undated),
            firstDate: ArticleDate(sortKey: bounds.low)?.iso8601,
            lastDate: ArticleDate(sortKey: bounds.high)?.iso8601,
            terms: vocabulary,
            postings: try database.totalLength(),
            actors: actors,
            languages: try index.languages(),
            bytes: directorySize(indexPath))
    }

    static func directorySize(_ path: String) -> Int64 {
        guard let enumerator = FileManager.default.enumerator(atPath: path) else { return 0 }
        var total: Int64 = 0
        while let name = enumerator.nextObject() as? String {
            let attributes = try? FileManager.default.attributesOfItem(atPath: path + "/" + name)
            if attributes?[.type] as? FileAttributeType == .typeRegular {
                total += (attributes?[.size] as? NSNumber)?.int64Value ?? 0
            }
        }
        return total
    }
}
