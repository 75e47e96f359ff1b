/// The entity classes the tagger predicts. MISC (nationalities, events, products) is learned so it
/// is not confused with the others, and surfaces as an OTHER mention.
public enum EntityClass: UInt8, Sendable, CaseIterable {
    case person = 0, org, place, misc

    /// CoNLL-style labels: PER, ORG, LOC, MISC (GMB's per/org/geo/gpe are mapped onto them).
    public init?(label: String) {
        switch label.uppercased() {
        case "PER", "PERSON": self = .person
        case "ORG": self = .org
        case "LOC", "GEO", "PLACE": self = .place
        case "MISC": self = .misc
        default: return nil
        }
    }

    var mentionKind: Mention.Kind {
        switch self {
        case .person: .person
        case .org: .org
        case .place: .place
        case .misc: .other
        }
    }
}

/// BILOU tags over entity classes: 0 is Outside, then Begin/Inside/Last/Unit for each class.
/// A tag is a small integer so weights can be laid out as one row of `count` floats per feature.
public struct EntityTag: Hashable, Sendable {
    public enum Part: UInt8, Sendable { case begin = 0, inside, last, unit }

    public let raw: Int

    public static let outside = EntityTag(raw: 0)
    public static let count = 1 + 4 * EntityClass.allCases.count

    init(raw: Int) { self.raw = raw }

    public init(_ part: Part, _ entity: EntityClass) {
        raw = 1 + Int(entity.rawValue) * 4 + Int(part.rawValue)
    }

    public var entity: EntityClass? { raw == 0 ? nil : EntityClass(rawValue: UInt8((raw - 1) / 4)) }
    public var part: Part? { raw == 0 ? nil : Part(rawValue: UInt8((raw - 1) % 4)) }

    /// Whether `next` may follow `self` in a well-formed BILOU sequence.
    public func allows(_ next: EntityTag) -> Bool {
        switch part {
        case nil, .last, .unit:
            return next.part == nil || next.part == .begin || next.part == .unit
        case .begin, .inside:
            return next.entity == entity && (next.part == .inside || next.part == .last)
        }
    }

    /// May a sentence start with this tag / end with it?
    var canStart: Bool { part == nil || part == .begin || part == .unit }
    var canEnd: Bool { part == nil || part == .last || part == .unit }

    /// The BILOU tags of a sequence of entity spans over `count` tokens.
    public static func encode(_ spans: [(range: Range<Int>, entity: EntityClass)], count: Int) -> [EntityTag] {
        var tags = [EntityTag](repeating: .outside, count: count)
        for span in spans where !span.range.isEmpty {
            if span.range.count == 1 {
                tags[span.range.lowerBound] = EntityTag(.unit, span.entity)
                continue
            }
            for index in span.range { tags[index] = EntityTag(.inside, span.entity) }
            tags[span.range.lowerBound] = EntityTag(.begin, span.entity)
            tags[span.range.upperBound - 1] = EntityTag(.last, span.entity)
        }
        return tags
    }

    /// Entity spans of a tag sequence (ill-formed runs are closed where they break).
    public static func decode(_ tags: [EntityTag]) -> [(range: Range<Int>, entity: EntityClass)] {
        var spans: [(range: Range<Int>, entity: EntityClass)] = []
        var start: Int?
        var current: EntityClass?
        for (index, tag) in tags.enumerated() {
            if let open = start, let entity = current, tag.entity != entity || tag.part == .begin || tag.part == .unit {
                spans.append((open..<index, entity))
                start = nil
                current = nil
            }
            guard let entity = tag.entity else { continue }
            if start == nil {
                start = index
                current = entity
            }
            if tag.part == .last || tag.part == .unit {
                spans.append((start!..<index + 1, entity))
                start = nil
                current = nil
            }
        }
        if let open = start, let entity = current { spans.append((open..<tags.count, entity)) }
        return spans
    }
}
