import Foundation

/// Reads `.json` (one object, an array of objects, or an object holding such an array) and
/// `.jsonl` (one object per line) into articles, one per record.
struct JSONRecordReader {
    let mapping: FieldMapping
    /// Longest JSONL line accepted; longer lines are reported and skipped without being held.
    var maximumLineBytes = 64 << 20
    /// Largest `.json` file accepted (it is parsed whole).
    var maximumFileBytes = 512 << 20

    private let decoder = JSONDecoder()
    /// Decodes only the keys `mapping` names.
    private let recordDecoder: JSONDecoder

    init(mapping: FieldMapping) {
        self.mapping = mapping
        recordDecoder = JSONDecoder()
        recordDecoder.userInfo[WantedFields.wantedKeys] = mapping.allKeys
    }

    /// Streams a JSONL file, calling `emit` for each record in order.
    func readLines(_ stream: InputStream, emit: (ReadItem) throws -> Void) throws {
        let lines = LineReader(stream: stream, maximumLineBytes: maximumLineBytes)
        var record = 0
        while let line = try lines.next() {
            let origin = SourceLocation(path: stream.path.description, line: lines.lineNumber)
            switch line {
            case .tooLong(let bytes):
                record += 1
                try emit(.problem(IngestProblem(origin, "line of \(bytes) bytes exceeds the \(maximumLineBytes >> 20) MiB limit")))
            case .text(let bytes):
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                record += 1
                try emit(decodeRecord(Data(bytes), origin: origin))
            }
        }
    }

    /// Reads a whole `.json` file.
    func readDocument(_ stream: InputStream, emit: (ReadItem) throws -> Void) throws {
        let bytes = try stream.readAll(limit: maximumFileBytes)
        let origin = SourceLocation(path: stream.path.description)
        let value: JSONValue
        do {
            value = try decoder.decode(JSONValue.self, from: Data(bytes))
        } catch {
            try emit(.problem(IngestProblem(origin, "invalid JSON: \(describe(error))")))
            return
        }
        let records: [JSONValue]
        switch value {
        case .array(let items):
            records = items
        case .object(let object):
            if JSONRecord(object).first(mapping.body + mapping.title) == nil,
                let nested = object.values.first(where: { if case .array(let a) = $0, a.contains(where: \.isObject) { return true } else { return false } }),
                case .array(let items) = nested
            {
                records = items
            } else {
                records = [value]
            }
        default:
            try emit(.problem(IngestProblem(origin, "top-level JSON is \(value.typeName), expected an object or a list of objects")))
            return
        }
        for (index, item) in records.enumerated() {
            let location = SourceLocation(path: stream.path.description, record: index + 1)
            try emit(article(from: item, origin: location))
        }
    }

    func decodeRecord(_ data: Data, origin: SourceLocation) -> ReadItem {
        do {
            return article(from: JSONRecord(lowercasedFields: try recordDecoder.decode(WantedFields.self, from: data).fields), origin: origin)
        } catch DecodingError.typeMismatch {
            // Valid JSON that is not an object: say what it is.
            guard let value = try? decoder.decode(JSONValue.self, from: data) else {
                return .problem(IngestProblem(origin, "invalid JSON"))
            }
            return .problem(IngestProblem(origin, "record is \(value.typeName), expected an object"))
        } catch {
            return .problem(IngestProblem(origin, "invalid JSON: \(describe(error))"))
        }
    }

    func article(from value: JSONValue, origin: SourceLocation) -> ReadItem {
        guard case .object(let object) = value else {
            return .problem(IngestProblem(origin, "record is \(value.typeName), expected an object"))
        }
        return article(from: JSONRecord(object), origin: origin)
    }

    func article(from record: JSONRecord, origin: SourceLocation) -> ReadItem {
        var problems: [IngestProblem] = []
        var fields = RecordFields()
        fields.id = text(record, mapping.id, origin, &problems)
        fields.title = text(record, mapping.title, origin, &problems)?.split(whereSeparator: \.isNewline).joined(separator: " ")
        fields.body = bodyText(record, origin, &problems)
        fields.url = text(record, mapping.url, origin, &problems)
        fields.source = text(record, mapping.source, origin, &problems)
        fields.language = text(record, mapping.language, origin, &problems)
        fields.dateline = text(record, mapping.dateline, origin, &problems)
        fields.authors = authors(record, origin, &problems)
        if let (key, value) = record.first(mapping.date) {
            switch value {
            case .string(let text): fields.date = .text(text)
            case .number(let number): fields.date = .epoch(number)
            default:
                problems.append(IngestProblem(origin, "field \"\(key)\" is \(value.typeName), expected a date; indexed as undated", severity: .warning))
            }
        }
        if let body = fields.body {
            fields.body = TextLayout.trimmingBoilerplate(TextLayout.paragraphs(of: TextDecoding.normalizeLineEndings(body)))
                .joined(separator: "\n")
        }
        return ArticleAssembler.item(fields, origin: origin, problems: problems)
    }

    private func text(_ record: JSONRecord, _ keys: [String], _ origin: SourceLocation, _ problems: inout [IngestProblem]) -> String? {
        guard let (key, value) = record.first(keys) else { return nil }
        switch value {
        case .string(let text): return text
        case .number(let number):
            return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .object(let object):
            // {"name": "Reuters", "id": "reuters"} style sources and authors.
            if let (_, name) = JSONRecord(object).first(["name", "title", "value"]), case .string(let text) = name { return text }
        case .array(let items):
            let strings = items.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
            if strings.count == items.count { return strings.joined(separator: " ") }
        default: break
        }
        problems.append(IngestProblem(origin, "field \"\(key)\" is \(value.typeName), expected text; ignored", severity: .warning))
        return nil
    }

    private func bodyText(_ record: JSONRecord, _ origin: SourceLocation, _ problems: inout [IngestProblem]) -> String? {
        guard let (key, value) = record.first(mapping.body) else { return nil }
        if case .array(let items) = value {
            // A list of paragraphs.
            let strings = items.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
            if strings.count == items.count { return strings.joined(separator: "\n\n") }
            problems.append(IngestProblem(origin, "field \"\(key)\" is a list with non-text items; ignored", severity: .warning))
            return nil
        }
        return text(record, [key], origin, &problems)
    }

    private func authors(_ record: JSONRecord, _ origin: SourceLocation, _ problems: inout [IngestProblem]) -> [String] {
        guard let (key, value) = record.first(mapping.authors) else { return [] }
        switch value {
        case .string(let text): return [text]
        case .array(let items):
            return items.compactMap { item in
                switch item {
                case .string(let text): return text
                case .object(let object):
                    if let (_, name) = JSONRecord(object).first(["name"]), case .string(let text) = name { return text }
                    return nil
                default: return nil
                }
            }
        case .object(let object):
            if let (_, name) = JSONRecord(object).first(["name"]), case .string(let text) = name { return [text] }
        default: break
        }
        problems.append(IngestProblem(origin, "field \"\(key)\" is \(value.typeName), expected names; ignored", severity: .warning))
        return []
    }

    private func describe(_ error: Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return underlying ?? context.debugDescription
        }
        return String(describing: error)
    }
}

extension JSONValue {
    var isObject: Bool {
        if case .object = self { return true }
        return false
    }
}

/// One item a reader produced: an article (with warnings about repairs) or a skipped item.
public enum ReadItem {
    case article(Article, warnings: [IngestProblem])
    case problem(IngestProblem)
}
