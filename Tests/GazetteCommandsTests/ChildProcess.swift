import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program the way the hostile-input and CLI tests need: output captured in files (a
/// pipe that fills up can stall a child forever), a time limit enforced with SIGKILL, and the
/// child's own peak memory read from `wait4`.
struct ChildProcess {
    struct Outcome {
        /// Exit status, or nil when a signal ended the process.
        var exitStatus: Int32?
        var signal: Int32?
        var timedOut: Bool
        var stdout: String
        var stderr: String
        /// Peak resident set size of the child, in bytes.
        var peakMemoryBytes: Int
        var seconds: Double

        var peakMemoryMiB: Int { peakMemoryBytes >> 20 }
    }

    struct SpawnError: Error, CustomStringConvertible {
        var description: String
    }

    /// VmHWM of a running process in bytes (0 when it is gone).
    static func residentHighWater(_ pid: pid_t) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { return 0 }
        return kilobytes * 1024
    }

    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], input: Data? = nil,
        timeLimit: Double = 600
    ) throws -> Outcome {
        let directory = NSTemporaryDirectory() + "gazette-child-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let outPath = directory + "/stdout"
        let errPath = directory + "/stderr"

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let inPath = directory + "/stdin"
        if let input { try input.write(to: URL(fileURLWithPath: inPath)) }
        posix_spawn_file_actions_addopen(&actions, 0, input == nil ? "/dev/null" : inPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        let started = Date()
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw SpawnError(description: "cannot start \(executable): \(String(cString: strerror(spawned)))") }

        var status: Int32 = 0
        var usage = rusage()
        var timedOut = false
        var highWater = 0
        while true {
            // The kernel's high-water mark of the child's own memory, read while it runs: wait4's
            // ru_maxrss also counts the memory of the test process it was spawned from (posix_spawn
            // shares the parent's address space until exec), which grows over a full test run.
            highWater = max(highWater, Self.residentHighWater(pid))
            let result = wait4(pid, &status, WNOHANG, &usage)
            if result == pid { break }
            if result < 0 && errno != EINTR { throw SpawnError(description: "wait4 failed: \(String(cString: strerror(errno)))") }
            if !timedOut && Date().timeIntervalSince(started) > timeLimit {
                kill(pid, SIGKILL)
                timedOut = true
            }
            usleep(5_000)
        }
        let signal = status & 0x7F
        return Outcome(
            exitStatus: signal == 0 ? (status >> 8) & 0xFF : nil,
            signal: signal == 0 ? nil : signal,
            timedOut: timedOut,
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: String(decoding: (FileManager.default.contents(atPath: errPath) ?? Data()), as: UTF8.self),
            peakMemoryBytes: highWater > 0 ? highWater : Int(usage.ru_maxrss) * 1024,
            seconds: Date().timeIntervalSince(started))
    }
}
