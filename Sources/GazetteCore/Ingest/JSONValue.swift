/// Any JSON value, as `JSONParser` builds it (only the parts a reader asked for).
enum JSONValue {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "text"
        case .array: "a list"
        case .object: "an object"
        }
    }
}

/// A JSON object's fields looked up case-insensitively.
struct JSONRecord {
    private var fields: [String: JSONValue] = [:]

    init(_ object: [String: JSONValue]) {
        for (key, value) in object { fields[key.lowercased()] = value }
    }

    init(lowercasedFields: [String: JSONValue]) { fields = lowercasedFields }

    func first(_ keys: [String]) -> (key: String, value: JSONValue)? {
        for key in keys {
            if let value = fields[key], !isEmpty(value) { return (key, value) }
        }
        return nil
    }

    private func isEmpty(_ value: JSONValue) -> Bool {
        switch value {
        case .null: true
        case .string(let text): text.isEmpty
        case .array(let items): items.isEmpty
        default: false
        }
    }
}
