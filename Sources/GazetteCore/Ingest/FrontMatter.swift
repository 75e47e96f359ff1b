import Yams

/// A YAML front-matter block ("---" ... "---") at the top of Markdown and text files.
enum FrontMatter {
    struct Block {
        /// Scalar values by lower-cased key; lists keep their items.
        var values: [String: [String]]
        /// The text after the block.
        var rest: Substring
        /// Lines the block occupied, so later line numbers stay right.
        var lineCount: Int
    }

    enum Failure: Error, CustomStringConvertible {
        case invalidYAML(String)

        var description: String {
            switch self {
            case .invalidYAML(let reason): "invalid YAML: \(reason)"
            }
        }
    }

    /// Splits off a front-matter block if the text starts with one.
    static func split(_ text: String) throws(Failure) -> Block? {
        guard text.hasPrefix("---\n") || text.hasPrefix("---\r\n") else { return nil }
        let afterOpening = text.index(text.startIndex, offsetBy: 4)
        var searchStart = afterOpening
        // The closing fence is "---" or "..." alone on a line.
        while let lineEnd = text[searchStart...].firstIndex(of: "\n") ?? (searchStart < text.endIndex ? text.endIndex : nil) {
            let line = text[searchStart..<lineEnd].trimmingWhitespace()
            if line == "---" || line == "..." {
                let yaml = String(text[afterOpening..<searchStart])
                let rest = lineEnd < text.endIndex ? text[text.index(after: lineEnd)...] : text[text.endIndex...]
                let values = try parse(yaml)
                return Block(values: values, rest: rest, lineCount: yaml.filter { $0 == "\n" }.count + 2)
            }
            if lineEnd == text.endIndex { break }
            searchStart = text.index(after: lineEnd)
        }
        return nil
    }

    private static func parse(_ yaml: String) throws(Failure) -> [String: [String]] {
        let node: Node?
        do {
            // compose keeps scalars as written: load() would turn "2025-12-14" into a Date and lose
            // the zone and precision our own date parser handles.
            node = try Yams.compose(yaml: yaml)
        } catch {
            throw .invalidYAML(String(describing: error).split(separator: "\n").first.map(String.init) ?? "invalid YAML")
        }
        guard let mapping = node?.mapping else {
            if node == nil { return [:] }
            throw .invalidYAML("front matter is not a key: value mapping")
        }
        var values: [String: [String]] = [:]
        for (key, value) in mapping {
            guard let name = key.string?.lowercased() else { continue }
            values[name] = strings(in: value)
        }
        return values
    }

    /// Most values kept per key, and most nodes visited to find them. YAML aliases can make a
    /// few lines stand for billions of values ("billion laughs"): reading stops at these bounds.
    static let maximumValuesPerKey = 64
    static let maximumNodesPerKey = 4096

    /// The scalars of a value in document order, without recursion and within the bounds above.
    private static func strings(in node: Node) -> [String] {
        var result: [String] = []
        var stack = [node]
        var visited = 0
        while let current = stack.popLast(), result.count < maximumValuesPerKey, visited < maximumNodesPerKey {
            visited += 1
            switch current {
            case .scalar(let scalar): result.append(scalar.string)
            case .sequence(let sequence): stack.append(contentsOf: sequence.reversed())
            case .mapping(let mapping):
                // {name: "Jane Doe"} style author objects.
                if let name = mapping.first(where: { $0.key.string?.lowercased() == "name" })?.value { stack.append(name) }
            case .alias: break
            }
        }
        return result
    }

    /// Splits off front matter into record fields; invalid YAML is reported and left as text.
    static func fieldsAndBody(of text: String, origin: SourceLocation, problems: inout [IngestProblem]) -> (RecordFields, Substring) {
        do {
            if let block = try split(text) { return (fields(block.values), block.rest) }
        } catch {
            problems.append(IngestProblem(origin, "front matter ignored: \(error)", severity: .warning))
        }
        return (RecordFields(), Substring(text))
    }

    /// Record fields from a front-matter block (title, date, source, url, authors, language, id).
    static func fields(_ values: [String: [String]]) -> RecordFields {
        var fields = RecordFields()
        func first(_ keys: [String]) -> String? {
            for key in keys { if let value = values[key]?.first, !value.isEmpty { return value } }
            return nil
        }
        fields.id = first(FieldMapping.standard.id)
        fields.title = first(FieldMapping.standard.title)
        fields.date = first(FieldMapping.standard.date).map { .text($0) }
        fields.url = first(FieldMapping.standard.url)
        fields.source = first(FieldMapping.standard.source)
        fields.language = first(FieldMapping.standard.language)
        for key in FieldMapping.standard.authors {
            if let list = values[key], !list.isEmpty {
                fields.authors = list
                break
            }
        }
        return fields
    }
}
