import Foundation

/// Any JSON value, decoded with Foundation's Codable. Objects decode only the keys asked for, so
/// large records with many unrelated fields stay cheap.
enum JSONValue: Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: Decoder) throws {
        if let keyed = try? decoder.container(keyedBy: AnyKey.self) {
            var object: [String: JSONValue] = [:]
            for key in keyed.allKeys {
                object[key.stringValue] = try keyed.decode(JSONValue.self, forKey: key)
            }
            self = .object(object)
        } else if var unkeyed = try? decoder.unkeyedContainer() {
            var array: [JSONValue] = []
            while !unkeyed.isAtEnd { array.append(try unkeyed.decode(JSONValue.self)) }
            self = .array(array)
        } else {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() {
                self = .null
            } else if let bool = try? single.decode(Bool.self) {
                self = .bool(bool)
            } else if let number = try? single.decode(Double.self) {
                self = .number(number)
            } else {
                self = .string(try single.decode(String.self))
            }
        }
    }

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

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
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

/// One record decoded with only the keys a field mapping names: other keys (tags, categories,
/// nested metadata) are skipped without being built, which is most of the decoding cost.
struct WantedFields: Decodable {
    static let wantedKeys = CodingUserInfoKey(rawValue: "gazette.wantedKeys")!

    var fields: [String: JSONValue] = [:]

    init(from decoder: Decoder) throws {
        let wanted = decoder.userInfo[Self.wantedKeys] as? Set<String> ?? []
        let container = try decoder.container(keyedBy: AnyKey.self)
        for key in container.allKeys {
            let lowered = key.stringValue.lowercased()
            guard wanted.contains(lowered) else { continue }
            fields[lowered] = try container.decode(JSONValue.self, forKey: key)
        }
    }
}
