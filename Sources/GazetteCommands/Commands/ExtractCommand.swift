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
            var line: [UInt8] = []
            if format == .json { out.write("{\"mentions\":[") }
            input.withUnsafeBufferPointer { bytes in
                extraction.forEachMention(in: bytes, analyzer: analyzer) { mention in
                    switch format {
                    case .jsonl:
                        line.removeAll(keepingCapacity: true)
                        MentionJSON.append(mention, to: &line)
                        line.append(0x0A)
                        out.write(bytes: line)
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

/// The JSON object of one mention, keys in the documented order. Written by hand, as bytes,
/// because batch evaluation prints hundreds of thousands of them.
enum MentionJSON {
    static func encode(_ mention: Mention) -> String {
        var bytes: [UInt8] = []
        append(mention, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func append(_ mention: Mention, to json: inout [UInt8]) {
        let actor = actor(of: mention)
        json.append(contentsOf: #"{"start": "#.utf8)
        json.append(contentsOf: String(mention.start).utf8)
        json.append(contentsOf: #", "end": "#.utf8)
        json.append(contentsOf: String(mention.end).utf8)
        json.append(contentsOf: #", "text": "#.utf8)
        appendString(mention.text, to: &json)
        json.append(contentsOf: #", "type": ""#.utf8)
        json.append(contentsOf: mention.kind.rawValue.utf8)
        json.append(contentsOf: #"", "actor": "#.utf8)
        appendString(actor.id, to: &json)
        json.append(contentsOf: #", "name": "#.utf8)
        appendString(actor.name, to: &json)
        json.append(UInt8(ascii: "}"))
    }

    /// Mentions without an actor (nationalities, events) get an `other:` id from their words.
    static func actor(of mention: Mention) -> (id: String, name: String) {
        if let actor = mention.actor { return (actor.id, actor.name) }
        return ("other:" + ActorRef.slug(mention.text), mention.text)
    }

    /// A JSON string: quotes, backslashes and control characters escaped, other UTF-8 as is.
    static func appendString(_ value: String, to json: inout [UInt8]) {
        json.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): json.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): json.append(contentsOf: #"\\"#.utf8)
            case 0x0A: json.append(contentsOf: #"\n"#.utf8)
            case 0x0D: json.append(contentsOf: #"\r"#.utf8)
            case 0x09: json.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                json.append(contentsOf: #"\u00"#.utf8)
                json.append(hex[Int(byte >> 4)])
                json.append(hex[Int(byte & 0xF)])
            default: json.append(byte)
            }
        }
        json.append(UInt8(ascii: "\""))
    }
}
