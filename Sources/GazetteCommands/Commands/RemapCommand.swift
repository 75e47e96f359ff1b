import ArgumentParser
import Foundation
import GazetteCore

struct RemapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remap",
        abstract: "Write the actor alias file into the index, without re-extracting actors.",
        discussion: """
            Merged actors' terms move to the actor they were merged into (at the same positions), dropped
            actors' terms go, and stored actor lists and names follow the file. Only articles mentioning an
            affected actor are rewritten. Queries then skip applying the file. A merge or drop written this
            way is permanent: removing it from the file later does not undo it (re-index with --rebuild).
            """)

    @OptionGroup var location: IndexOptions
    @OptionGroup var aliasOptions: AliasOptions

    @Option(help: "Seconds to wait for another process writing the index.")
    var wait: Double = 0

    @Option(help: "Summary format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        try ErrorReporting.run {
            guard let file = try ActorMap.aliasFile(indexPath: location.path, explicitPath: aliasOptions.aliases) else {
                throw ValidationError("no alias file: create \(location.path)/\(ActorMap.defaultFileName) or pass --aliases PATH")
            }
            let report = try ActorRemapper.remap(indexPath: location.path, file: file, lockWaitSeconds: wait)
            var out = OutputBuffer()
            switch format {
            case .json, .jsonl:
                out.line(JSON.encode(RemapJSON(
                    aliases: file.path, shards: report.shards, documents: report.documents,
                    actorsRemoved: report.actorsRemoved, seconds: report.seconds)))
            case .text:
                out.line("Remapped \(Format.count(report.documents)) articles in \(report.shards) shard\(report.shards == 1 ? "" : "s") from \(file.path) (\(report.actorsRemoved) actor ids merged away or dropped) in \(String(format: "%.2f", report.seconds)) s.")
            }
            out.flush()
        }
    }
}

struct RemapJSON: Encodable {
    var aliases: String
    var shards: Int
    var documents: Int
    var actorsRemoved: Int
    var seconds: Double

    enum CodingKeys: String, CodingKey {
        case aliases, shards, documents, seconds
        case actorsRemoved = "actors_removed"
    }
}
