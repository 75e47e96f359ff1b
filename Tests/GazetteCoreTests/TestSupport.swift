import Foundation
@testable import GazetteCore

/// A temporary directory removed when the value is released.
final class TemporaryDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "gazette-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        write(name, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) -> String {
        let file = path + "/" + name
        try! FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: file, contents: Data(bytes))
        return file
    }
}

/// The repository root (for Samples/), found from this file's location.
enum Repository {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        return FileManager.default.currentDirectoryPath
    }()

    static var samples: String { root + "/Samples" }

    /// ../shared beside the repository, or nil (tests that need it skip with a message).
    static var shared: String? {
        let path = (root as NSString).deletingLastPathComponent + "/shared"
        return FileManager.default.fileExists(atPath: path + "/seeds") ? path : nil
    }
}

/// Reads one file the way the indexer does and returns its items.
func readItems(_ path: String, format: InputFormat? = nil, mapping: FieldMapping = .standard) throws -> [ReadItem] {
    let walk = FileWalker(forcedFormat: format).expand([path])
    var items: [ReadItem] = walk.problems.map { .problem($0) }
    for file in walk.files {
        try ArticleSource(mapping: mapping).read(file) { items.append($0) }
    }
    return items
}

extension ReadItem {
    var article: Article? {
        if case .article(let article, _) = self { return article }
        return nil
    }

    var problem: IngestProblem? {
        if case .problem(let problem) = self { return problem }
        return nil
    }

    var warnings: [IngestProblem] {
        if case .article(_, let warnings) = self { return warnings }
        return []
    }
}

/// The `gazette` executable that `swift build --build-tests` puts beside the test bundle, or nil.
enum GazetteBinary {
    static let path: String? = {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [directory, directory.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("gazette").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }()
}
