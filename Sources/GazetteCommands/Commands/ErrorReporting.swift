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
            throw ExitCode(error.code == .databaseLocked ? ExitStatus.locked : ExitStatus.indexError)
        }
    }
}
