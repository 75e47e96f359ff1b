import Foundation
import GazetteCore

/// A one-line progress display on stderr when it is a terminal; silent otherwise.
final class ProgressBar {
    private let enabled = Terminal.stderrIsTTY
    private var lastDraw = Date.distantPast

    func update(_ progress: Indexer.Progress) {
        guard enabled, Date().timeIntervalSince(lastDraw) > 0.2 else { return }
        lastDraw = Date()
        let fraction = progress.bytesTotal > 0 ? min(1, Double(progress.bytesDone) / Double(progress.bytesTotal)) : 0
        let width = 24
        let filled = Int(fraction * Double(width))
        let rate = progress.elapsed > 0 ? Double(progress.articlesSeen) / progress.elapsed : 0
        var eta = ""
        if fraction > 0.01 {
            let remaining = progress.elapsed * (1 - fraction) / fraction
            eta = "  ETA \(Self.duration(remaining))"
        }
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        Terminal.stderr("\r[\(bar)] \(Format.count(progress.articlesSeen)) articles  \(Format.count(Int(rate)))/s  files \(progress.filesDone)/\(progress.filesTotal)\(eta)   ")
    }

    func finish() {
        guard enabled, lastDraw != .distantPast else { return }
        Terminal.stderr("\r" + String(repeating: " ", count: 100) + "\r")
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return total >= 3600 ? String(format: "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60)
            : String(format: "%d:%02d", total / 60, total % 60)
    }
}

enum Format {
    /// 12345 -> "12,345".
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var output = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { output.append(",") }
            output.append(character)
        }
        return (value < 0 ? "-" : "") + output
    }
}
