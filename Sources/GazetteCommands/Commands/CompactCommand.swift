import ArgumentParser
import Foundation
import GazetteCore

struct CompactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compact",
        abstract: "Compact the index after a bulk build (smaller and faster to search).",
        discussion: """
            Rewrites each shard with full blocks, as xapian-compact does. With --merge, all shards
            become one database (faster single searches; later indexing then writes with one thread
            until the next --rebuild). Searches may run meanwhile; indexing waits for it.
            """)

    @OptionGroup var location: IndexOptions

    @Flag(help: "Merge all shards into one database.")
    var merge = false

    @Option(help: "Seconds to wait for another process writing the index.")
    var wait: Double = 0

    func run() throws {
        try ErrorReporting.run {
            let report = try IndexCompactor.compact(indexPath: location.path, merge: merge, lockWaitSeconds: wait)
            var out = OutputBuffer()
            let mb = { (bytes: Int64) in String(format: "%.1f MB", Double(bytes) / 1e6) }
            out.line("Compacted \(location.path): \(mb(report.bytesBefore)) -> \(mb(report.bytesAfter)), \(report.shardsBefore) -> \(report.shardsAfter) shard(s), \(String(format: "%.1f", report.seconds)) s.")
            out.flush()
        }
    }
}
