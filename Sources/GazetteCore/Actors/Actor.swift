/// The kinds of actors Gazette tracks.
public enum ActorType: String, Sendable, CaseIterable, Codable, Comparable {
    case person, org, place

    /// The label used by `gazette extract` (PERSON, ORG, PLACE).
    public var label: String {
        switch self {
        case .person: "PERSON"
        case .org: "ORG"
        case .place: "PLACE"
        }
    }

    public static func < (a: ActorType, b: ActorType) -> Bool { a.rawValue < b.rawValue }
}

/// A canonical actor: "person:volodymyr-zelensky", "Volodymyr Zelensky", person.
public struct ActorRef: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var type: ActorType

    public init(id: String, name: String, type: ActorType) {
        self.id = id
        self.name = name
        self.type = type
    }

    /// "person:volodymyr-zelensky" from a type and a display name.
    public static func makeID(type: ActorType, name: String) -> String {
        "\(type.rawValue):\(slug(name))"
    }

    /// Lower-case, accent-free words joined by "-"; letters of any script are kept.
    public static func slug(_ name: String) -> String {
        let folded = UnicodeFolding.fold(name)
        var result = ""
        var pendingDash = false
        for scalar in folded.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if pendingDash && !result.isEmpty { result.append("-") }
                result.unicodeScalars.append(scalar)
                pendingDash = false
            } else if scalar != "." && scalar != "'" && scalar != "’" {
                pendingDash = true
            }
        }
        return String(result.prefix(160))
    }
}

/// One mention of an actor in a text.
public struct Mention: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case person = "PERSON", org = "ORG", place = "PLACE", other = "OTHER"
    }

    /// UTF-8 byte range in the analysed text.
    public var start: Int
    public var end: Int
    public var text: String
    public var kind: Kind
    /// The canonical actor, when the mention resolves to one (demonyms resolve to their place but
    /// stay kind OTHER).
    public var actor: ActorRef?
    /// Index of the mention's first token in the analysed tokens, and how many tokens it covers.
    public var firstToken: Int
    public var tokenCount: Int
}
