#if canImport(Glibc)
import Glibc
#endif
import GazetteCommands

// A file-size limit (ulimit -f) should make a write fail with EFBIG, reported like a full disk,
// rather than kill the process with SIGXFSZ.
signal(SIGXFSZ, SIG_IGN)
GazetteCommand.main()
