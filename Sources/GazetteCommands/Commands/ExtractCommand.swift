import ArgumentParser
import Foundation
import GazetteCore

/// `gazette extract`: the actor extractor on standard input, for checking it and for evaluators.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Print the people, organisations and places mentioned in UTF-8 text read from standard input.",
        discussion: """
            With --format jsonl (the default) each mention is one JSON object per line:
            {"start": 17, "end": 28, "text": "James Baker", "type": "PERSON", "actor": "person:james-baker", \
            "name": "James Baker"}
            start and end are UTF-8 byte offsets into the input (end exclusive); type is PERSON, ORG, PLACE or
            OTHER (nationalities, events, products); actor is the canonical id and name its display name.
            Texts separated by two or more blank lines are treated as unrelated.
            """)

    @Option(help: "Output: jsonl (one mention per line), json (one object) or text.")
    var format: OutputFormat = .jsonl

    @Option(help: "Language of the text (ISO 639-1); languages without a tagger model use gazetteer rules.")
    var language = Language.defaultCode

    func run() throws {
        try ErrorReporting.run {
            let input = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
            let analyzer = try Analyzer()
            let extraction = ChunkedExtraction(language: Language.normalize(language))
            var out = OutputBuffer()
            var first = true
            if format == .json { out.write("{\"mentions\":[") }
            input.withUnsafeBufferPointer { bytes in
                extraction.forEachMention(in: bytes, analyzer: analyzer) { mention in
                    switch format {
                    case .jsonl:
                        out.line(MentionJSON.encode(mention))
                    case .json:
                        out.write(first ? "\n" : ",\n")
                        out.write(MentionJSON.encode(mention))
                    case .text:
                        let actor = MentionJSON.actor(of: mention)
                        out.line("\(mention.start)-\(mention.end)\t\(mention.kind.rawValue)\t\(mention.text)\t\(actor.name)\t\(actor.id)")
                    }
                    first = false
                }
            }
            if format == .json { out.line("\n]}") }
            out.flush()
        }
    }
}

/// The JSON object of one mention, keys in the documented order. Written by hand because batch
/// evaluation prints hundreds of thousands of them.
enum MentionJSON {
    static func encode(_ mention: Mention) -> String {
        let actor = actor(of: mention)
        var json = "{\"start\": \(mention.start), \"end\": \(mention.end), \"text\": "
        appendString(mention.text, to: &json)
        json += ", \"type\": \"\(mention.kind.rawValue)\", \"actor\": "
        appendString(actor.id, to: &json)
        json += ", \"name\": "
        appendString(actor.name, to: &json)
        json += "}"
        return json
    }

    /// Mentions without an actor (nationalities, events) get an `other:` id from their words.
    static func actor(of mention: Mention) -> (id: String, name: String) {
        if let actor = mention.actor { return (actor.id, actor.name) }
        return ("other:" + ActorRef.slug(mention.text), mention.text)
    }

    static func appendString(_ value: String, to json: inout String) {
        json += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": json += "\\\""
            case "\\": json += "\\\\"
            case "\n": json += "\\n"
            case "\r": json += "\\r"
            case "\t": json += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                json += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: json.unicodeScalars.append(scalar)
            }
        }
        json += "\""
    }
}
