#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Where output goes, and whether it may be decorated.
enum Terminal {
    static var stdoutIsTTY: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTTY: Bool { isatty(STDERR_FILENO) == 1 }
    /// Bold and colour only on a terminal, and never when NO_COLOR is set (no-color.org).
    static var decorate: Bool { stdoutIsTTY && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("gazette: error: \(message)\n".utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("gazette: \(message)\n".utf8))
    }

    static func stderr(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// Buffered stdout so large result lists are written in few system calls.
struct OutputBuffer {
    private var data = Data()

    mutating func line(_ text: String = "") {
        data.append(contentsOf: text.utf8)
        data.append(0x0A)
        if data.count > 1 << 16 { flush() }
    }

    mutating func write(bytes: [UInt8]) {
        data.append(contentsOf: bytes)
        if data.count > 1 << 16 { flush() }
    }

    mutating func write(_ text: String) {
        data.append(contentsOf: text.utf8)
        if data.count > 1 << 16 { flush() }
    }

    mutating func flush() {
        FileHandle.standardOutput.write(data)
        data.removeAll(keepingCapacity: true)
    }
}
