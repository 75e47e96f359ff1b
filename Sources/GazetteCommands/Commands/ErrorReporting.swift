import ArgumentParser
import GazetteCore

/// Turns engine errors into a message on stderr and the documented exit status.
enum ErrorReporting {
    static func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as QuerySyntaxError {
            Terminal.error(error.description)
            throw ExitCode(ExitStatus.usage)
        } catch let error as GazetteError {
            Terminal.error(error.description)
            if error.message.contains("No space left") || error.message.contains("File too large")
                || error.message.contains("Disk quota")
            {
                Terminal.note("the disk (or the file size limit) is full: nothing more was written, and the index stays at its last commit; free space and run the same command again to continue")
            }
            throw ExitCode(error.code == .databaseLocked ? ExitStatus.locked : ExitStatus.indexError)
        }
    }
}
