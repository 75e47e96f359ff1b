import Foundation
import FuzzDriver
import GazetteCore

/// Helpers shared by the fuzz targets.
public enum FuzzInput {
    /// A scratch file in memory-backed /dev/shm when there is one, so reading "a file" costs
    /// little per input.
    public static let scratchDirectory: String = {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let path = base + "/gazette-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    /// Writes `bytes` to a scratch file named `name` and returns its path.
    public static func file(_ name: String, _ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let path = scratchDirectory + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(buffer: bytes))
        return path
    }

    /// Reads a file the way the indexer does and checks the readers' promises: every problem has
    /// a reason and the file's path, every article has text.
    public static func read(_ path: String, as format: InputFormat) {
        do {
            try ArticleSource().read(InputFile(path: FilePath(path), format: format)) { item in
                switch item {
                case .problem(let problem):
                    check(!problem.reason.isEmpty && problem.location.path == path, "problem without reason or location: \(problem)")
                case .article(let article, _):
                    check(!(article.title.isEmpty && article.body.isEmpty), "article without text from \(path)")
                }
            }
        } catch {
            check(false, "ArticleSource.read threw \(error)")
        }
    }

    /// Hands the process to libFuzzer (options and corpus folders come from the command line).
    public static func run() -> Int32 {
        gazette_fuzz_run(CommandLine.argc, CommandLine.unsafeArgv)
    }

    /// Stops the run with a message libFuzzer records as a crash.
    public static func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError(message()) }
    }
}
