#if canImport(Glibc)
import Glibc
#endif

/// Where indexing time goes: CPU time per stage, summed over threads. Thread CPU time rather than
/// wall time, so waiting on a queue or being preempted on a busy machine does not count.
public struct StageTimes: Sendable, Equatable {
    public enum Stage: String, CaseIterable, Sendable {
        case read = "read and split input"
        case parse = "parse records"
        case analyze = "analysis (ICU, fold, stem)"
        case extract = "actor extraction"
        case statements = "statement extraction"
        case build = "document building"
        case write = "Xapian writes"
        case statementWrite = "statement index writes"
        case commit = "Xapian commits"
    }

    public private(set) var seconds: [Stage: Double] = [:]

    public init() {}

    public mutating func add(_ stage: Stage, _ duration: Double) { seconds[stage, default: 0] += duration }

    public mutating func merge(_ other: StageTimes) {
        for (stage, duration) in other.seconds { seconds[stage, default: 0] += duration }
    }

    /// Runs `body`, adding the CPU time it used to `stage`.
    @inline(__always)
    public mutating func measure<R>(_ stage: Stage, _ body: () throws -> R) rethrows -> R {
        let start = Self.threadCPU()
        defer { add(stage, Self.threadCPU() - start) }
        return try body()
    }

    /// CPU time used by the calling thread, in seconds.
    @inline(__always)
    public static func threadCPU() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// A monotonic clock in seconds.
    @inline(__always)
    public static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
