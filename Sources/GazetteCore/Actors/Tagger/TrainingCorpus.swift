import Foundation

/// Annotated text for training and checking the tagger: documents rebuilt as plain text (words
/// joined by spaces, sentences by line breaks, as the CoNLL evaluator does) with entity byte spans.
public struct AnnotatedDocument: Sendable {
    public struct Entity: Sendable, Equatable {
        public var start: Int
        public var end: Int
        public var entity: EntityClass
    }

    public var text: String
    public var entities: [Entity]
}

public enum TrainingCorpus {
    public enum Format: String, Sendable, CaseIterable {
        /// CoNLL-2003: "word POS chunk tag" lines, IOB1 tags PER/ORG/LOC/MISC, "-DOCSTART-" lines.
        case conll
        /// GMB: "word<TAB>POS<TAB>tag" lines, IOB2 tags per/org/geo/gpe/..., "#" comment lines.
        /// gpe (mostly nationalities), art, eve and nat become MISC; tim is not an entity.
        case gmb
    }

    /// Reads an annotated file; GMB sentences are grouped `sentencesPerDocument` at a time.
    public static func read(path: String, format: Format, sentencesPerDocument: Int = 20) throws -> [AnnotatedDocument] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GazetteError(.io, "\(path): cannot read the file")
        }
        var documents: [AnnotatedDocument] = []
        var text = ""
        var entities: [AnnotatedDocument.Entity] = []
        var sentenceCount = 0
        var sentenceHasWords = false
        var open: (start: Int, entity: EntityClass)?
        var lastEnd = 0

        func closeEntity() {
            if let current = open { entities.append(.init(start: current.start, end: lastEnd, entity: current.entity)) }
            open = nil
        }
        func endSentence() {
            closeEntity()
            if sentenceHasWords { sentenceCount += 1 }
            sentenceHasWords = false
        }
        func endDocument() {
            endSentence()
            if !text.isEmpty { documents.append(AnnotatedDocument(text: text, entities: entities)) }
            text = ""
            entities = []
            sentenceCount = 0
        }

        var lineNumber = 0
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            let fields = line.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }).map { String(decoding: $0, as: UTF8.self) }
            if fields.isEmpty {
                endSentence()
                if format == .gmb, sentenceCount >= sentencesPerDocument { endDocument() }
                continue
            }
            if fields[0] == "-DOCSTART-" {
                endDocument()
                continue
            }
            if format == .gmb, fields[0] == "#" { continue }
            guard fields.count >= 2 else {
                throw GazetteError(.badInput, "\(path):\(lineNumber): expected a word and a tag")
            }
            let word = fields[0]
            let tag = fields[fields.count - 1]
            if !text.isEmpty { text += sentenceHasWords ? " " : "\n" }
            let start = text.utf8.count
            text += word
            sentenceHasWords = true
            let (prefix, label) = splitTag(tag, format: format)
            if let label, let entity = EntityClass(label: label) {
                let continues = open?.entity == entity && (format == .conll ? prefix != "B" : prefix == "I")
                if !continues {
                    closeEntity()
                    open = (start, entity)
                }
            } else {
                closeEntity()
            }
            lastEnd = text.utf8.count
        }
        endDocument()
        return documents
    }

    /// "I-PER" -> ("I", "PER"); GMB labels are mapped onto the CoNLL ones.
    private static func splitTag(_ tag: String, format: Format) -> (String, String?) {
        guard tag != "O", let dash = tag.firstIndex(of: "-") else { return ("O", nil) }
        let prefix = String(tag[..<dash])
        let label = String(tag[tag.index(after: dash)...]).lowercased()
        switch format {
        case .conll:
            return (prefix, label)
        case .gmb:
            switch label {
            case "per": return (prefix, "PER")
            case "org": return (prefix, "ORG")
            case "geo": return (prefix, "LOC")
            case "gpe", "art", "eve", "nat": return (prefix, "MISC")
            default: return ("O", nil)
            }
        }
    }
}
