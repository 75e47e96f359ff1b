import Foundation
import Testing
@testable import GazetteCore
#if canImport(Glibc)
import Glibc
#endif

/// Files that change between the walk that lists them and the moment they are read: removed,
/// replaced by a directory, a FIFO or a dangling symlink. The indexer's progress callback runs
/// after each file, which lets the test change the next ones at a known moment.
@Suite("Files changing during a run")
struct ChangingFilesTests {
    private func article(_ marker: String) -> String {
        "Harbour talks resume \(marker)\n\nThe port authority of Valmora said talks would resume next week. \(marker)\n"
    }

    @Test(.timeLimit(.minutes(1)))
    func filesThatVanishOrChangeTypeAreReportedAndTheRestIndexed() throws {
        let directory = TemporaryDirectory()
        let names = ["a-first", "b-removed", "c-directory", "d-fifo", "e-dangling", "f-unreadable", "g-last"]
        for (number, name) in names.enumerated() { directory.write("corpus/\(name).txt", article("gq\(number)marker")) }
        let corpus = directory.path + "/corpus"
        let isRoot = getuid() == 0
        var changed = false
        let options = Indexer.Options(indexPath: directory.path + "/index")
        let report = try Indexer(options: options).run(paths: [corpus]) { progress in
            // After the first file: change the files that are still to be read.
            guard progress.filesDone == 1, !changed else { return }
            changed = true
            let path = { (name: String) in corpus + "/\(name).txt" }
            unlink(path("b-removed"))
            unlink(path("c-directory"))
            mkdir(path("c-directory"), 0o755)
            unlink(path("d-fifo"))
            mkfifo(path("d-fifo"), 0o644) // opening a FIFO for reading would wait for a writer forever
            unlink(path("e-dangling"))
            symlink(corpus + "/nowhere.txt", path("e-dangling"))
            chmod(path("f-unreadable"), 0) // root reads it anyway; see below
        }
        #expect(changed)
        func reason(_ name: String) -> String? {
            report.problems.first { $0.location.path.hasSuffix("/\(name).txt") && $0.severity == .error }?.reason
        }
        #expect(reason("b-removed")?.contains("cannot open: No such file or directory") == true)
        #expect(reason("c-directory")?.contains("not a regular file") == true)
        #expect(reason("d-fifo")?.contains("not a regular file") == true)
        #expect(reason("e-dangling")?.contains("cannot open: No such file or directory") == true)
        if isRoot {
            // chmod 000 does not stop root: the file is read like any other.
            #expect(reason("f-unreadable") == nil)
        } else {
            #expect(reason("f-unreadable")?.contains("Permission denied") == true)
        }
        let searcher = try Searcher(indexPath: options.indexPath)
        for (number, name) in names.enumerated() {
            let hits = try searcher.search(SearchRequest(query: "gq\(number)marker")).hits.count
            let readable = name.hasPrefix("a") || name.hasPrefix("g") || (name.hasPrefix("f") && isRoot)
            #expect(hits == (readable ? 1 : 0), "\(name)")
        }
    }
}
