import Foundation

/// Reads `.json` (one object, an array of objects, or an object holding such an array) and
/// `.jsonl` (one object per line) into articles, one per record.
struct JSONRecordReader {
    var mapping: FieldMapping
    /// Longest JSONL line or `.json` list element accepted; longer ones are reported and skipped
    /// without being held.
    var maximumRecordBytes = 64 << 20
    /// Largest `.json` file accepted when its top level is an object (it is parsed whole); a
    /// top-level list is streamed element by element, whatever its size.
    var maximumDocumentBytes = 64 << 20
    /// Deepest nesting of lists and objects in one record. News records need a handful of levels;
    /// the limit keeps hostile input from costing stack and time.
    var maximumDepth = 64

    /// Streams a JSONL file, calling `emit` for each record in order.
    func readLines(_ stream: InputStream, emit: (ReadItem) throws -> Void) throws {
        let lines = LineReader(stream: stream, maximumLineBytes: maximumRecordBytes)
        var records = 0
        while let line = try lines.next() {
            records += 1
            let origin = SourceLocation(path: stream.path.description, line: lines.lineNumber)
            switch line {
            case .tooLong(let bytes):
                try emit(.problem(IngestProblem(origin, "line of \(bytes) bytes exceeds the \(maximumRecordBytes >> 20) MiB limit")))
            case .text(let bytes):
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                    records -= 1
                    continue
                }
                try emit(decodeRecord(bytes, origin: origin))
            }
        }
        if records == 0 {
            try emit(.problem(IngestProblem(SourceLocation(path: stream.path.description), "no records (only blank lines)")))
        }
    }

    /// Reads a `.json` file: a top-level list is streamed record by record; anything else is
    /// parsed whole (within `maximumDocumentBytes`).
    func readDocument(_ stream: InputStream, emit: (ReadItem) throws -> Void) throws {
        let path = stream.path.description
        // The first bytes tell a list (streamed) from anything else (parsed whole).
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var head: ArraySlice<UInt8> = []
        var first: UInt8 = 0
        while true {
            let count = try chunk.withUnsafeMutableBufferPointer { (buffer) throws(GazetteError) -> Int in try stream.read(into: buffer) }
            if count == 0 {
                try emit(.problem(IngestProblem(SourceLocation(path: path), "empty file")))
                return
            }
            if let found = JSONDocumentShape.firstSignificantByte(chunk[0..<count]) {
                first = found.byte
                head = chunk[found.offset..<count]
                break
            }
        }
        if first == UInt8(ascii: "[") {
            try readList(stream, after: head.dropFirst(), emit: emit)
            return
        }
        if stream.isKnownLargerThan(maximumDocumentBytes) {
            try emit(.problem(IngestProblem(SourceLocation(path: path), tooLargeDocument)))
            return
        }
        let rest: Result<[UInt8], GazetteError> = Result { () throws(GazetteError) in
            try stream.readAll(limit: maximumDocumentBytes - head.count)
        }
        if case .failure(let error) = rest, error.code == .tooLarge {
            try emit(.problem(IngestProblem(SourceLocation(path: path), tooLargeDocument)))
            return
        }
        let origin = SourceLocation(path: path)
        let value: JSONValue
        switch decodeValue(Array(head) + (try rest.get()), asDocument: true) {
        case .failure(let reason):
            try emit(.problem(IngestProblem(origin, reason.description)))
            return
        case .success(let decoded):
            value = decoded
        }
        let records: [JSONValue]
        switch value {
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
            let location = SourceLocation(path: path, record: index + 1)
            try emit(article(from: item, origin: location))
        }
    }

    private var tooLargeDocument: String {
        "a .json file larger than \(maximumDocumentBytes >> 20) MiB is read only when its top level is a list; "
            + "write the records as a list or one per line (.jsonl), which are read record by record"
    }

    /// Streams the elements of a top-level list; a broken element costs only itself.
    private func readList(_ stream: InputStream, after prefix: ArraySlice<UInt8>, emit: (ReadItem) throws -> Void) throws {
        let path = stream.path.description
        let elements = JSONArrayStream(stream: stream, after: prefix, maximumElementBytes: maximumRecordBytes, maximumDepth: maximumDepth)
        var record = 0
        while true {
            let element: JSONArrayStream.Element?
            do {
                element = try elements.next()
            } catch JSONArrayStream.Failure.truncated {
                try emit(.problem(IngestProblem(
                    SourceLocation(path: path, record: record + 1), "the file ends inside the list (truncated?); records before it were read")))
                return
            } catch JSONArrayStream.Failure.unexpected(let byte) {
                try emit(.problem(IngestProblem(
                    SourceLocation(path: path, record: record + 1), "invalid JSON: unexpected \"\(Unicode.Scalar(byte))\" between records; reading stopped")))
                return
            }
            guard let element else { break }
            record += 1
            let origin = SourceLocation(path: path, record: record)
            switch element {
            case .bytes(let bytes): try emit(decodeRecord(bytes, origin: origin))
            case .tooLarge(let bytes): try emit(.problem(IngestProblem(origin, "record of \(bytes) bytes exceeds the \(maximumRecordBytes >> 20) MiB limit")))
            case .tooDeep: try emit(.problem(IngestProblem(origin, "invalid JSON: nested more than \(maximumDepth) levels deep")))
            case .empty: try emit(.problem(IngestProblem(origin, "invalid JSON: empty record (a stray comma)")))
            }
        }
        if elements.trailingGarbage {
            try emit(.problem(IngestProblem(SourceLocation(path: path), "text after the closing ] ignored", severity: .warning)))
        }
    }

    /// Decodes one JSON value, building only the fields a record can use. A whole `.json`
    /// document (`asDocument`) also keeps lists under other keys, as they may hold the records.
    private func decodeValue(_ bytes: [UInt8], asDocument: Bool = false) -> Result<JSONValue, Reason> {
        let wanted = mapping.allKeys
        let select = { (key: String, level: Int) -> JSONParser.Selection in
            if wanted.contains(key) { return .keep }
            return asDocument && level == 0 ? .records : .skip
        }
        do {
            let value = try bytes.withUnsafeBufferPointer { (buffer) throws(JSONParser.Failure) -> JSONValue in
                try JSONParser.parse(buffer, maximumDepth: maximumDepth, select: select)
            }
            return .success(value)
        } catch {
            return .failure(Reason("invalid JSON: \(error)"))
        }
    }

    struct Reason: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    func decodeRecord(_ bytes: [UInt8], origin: SourceLocation) -> ReadItem {
        switch decodeValue(bytes) {
        case .success(let value): return article(from: value, origin: origin)
        case .failure(let reason): return .problem(IngestProblem(origin, reason.description))
        }
    }

    func article(from value: JSONValue, origin: SourceLocation) -> ReadItem {
        guard case .object(let object) = value else {
            return .problem(IngestProblem(origin, "record is \(value.typeName), expected an object"))
        }
        let record = JSONRecord(object)
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
