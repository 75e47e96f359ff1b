#if canImport(Glibc)
import Glibc
#endif

/// One file to read, with the format it will be read as.
public struct InputFile: Sendable {
    public var path: FilePath
    public var format: InputFormat

    public init(path: FilePath, format: InputFormat) {
        self.path = path
        self.format = format
    }
}

/// Expands the paths given on the command line into the files to read: directories recursively
/// (hidden entries skipped, symlink loops detected), formats by extension unless one is forced.
public struct FileWalker {
    public var forcedFormat: InputFormat?

    public init(forcedFormat: InputFormat? = nil) { self.forcedFormat = forcedFormat }

    public struct Result {
        public var files: [InputFile] = []
        /// Directories walked, as absolute paths (for removing documents whose files vanished).
        public var directories: [FilePath] = []
        public var problems: [IngestProblem] = []
        /// Files in directories skipped because their extension names no article format.
        public var ignoredFiles = 0
    }

    public func expand(_ arguments: [String]) -> Result {
        var result = Result()
        var visitedDirectories = Set<FileIdentity>()
        var seenFiles = Set<FileIdentity>()
        for argument in arguments {
            let path = FilePath(argument)
            guard let info = FileInfo(path, followLinks: true) else {
                result.problems.append(IngestProblem(SourceLocation(path: path.description), "cannot access: \(systemError())"))
                continue
            }
            let absolute = absolutePath(path)
            if info.isDirectory {
                result.directories.append(absolute)
                walk(absolute, into: &result, visited: &visitedDirectories, seen: &seenFiles)
            } else if info.isRegularFile {
                guard let format = forcedFormat ?? InputFormat.detect(fileName: path.lastComponent) else {
                    result.problems.append(IngestProblem(
                        SourceLocation(path: path.description),
                        "unknown file type; name a format with --format txt|md|json|jsonl|html"))
                    continue
                }
                if seenFiles.insert(info.identity).inserted { result.files.append(InputFile(path: absolute, format: format)) }
            } else {
                result.problems.append(IngestProblem(SourceLocation(path: path.description), "not a regular file or directory"))
            }
        }
        return result
    }

    private func walk(_ directory: FilePath, into result: inout Result, visited: inout Set<FileIdentity>, seen: inout Set<FileIdentity>) {
        guard let info = FileInfo(directory, followLinks: true) else { return }
        guard visited.insert(info.identity).inserted else {
            result.problems.append(IngestProblem(SourceLocation(path: directory.description), "directory already visited (symlink loop?); skipped", severity: .warning))
            return
        }
        guard let handle = directory.withCString({ opendir($0) }) else {
            result.problems.append(IngestProblem(SourceLocation(path: directory.description), "cannot read directory: \(systemError())"))
            return
        }
        var names: [[UInt8]] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> [UInt8] in
                Array(raw.prefix(while: { $0 != 0 }))
            }
            if name.first == UInt8(ascii: ".") { continue } // ".", "..", hidden files and folders
            names.append(name)
        }
        closedir(handle)
        for name in names.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let child = directory.appending(name)
            guard let childInfo = FileInfo(child, followLinks: true) else {
                result.problems.append(IngestProblem(SourceLocation(path: child.description), "cannot access: \(systemError())"))
                continue
            }
            if childInfo.isDirectory {
                walk(child, into: &result, visited: &visited, seen: &seen)
            } else if childInfo.isRegularFile {
                guard let format = forcedFormat ?? InputFormat.detect(fileName: child.lastComponent) else {
                    result.ignoredFiles += 1
                    continue
                }
                if seen.insert(childInfo.identity).inserted { result.files.append(InputFile(path: child, format: format)) }
            } else if forcedFormat != nil || InputFormat.detect(fileName: child.lastComponent) != nil {
                // A FIFO or device named like an article: reading it could block or never end.
                result.problems.append(IngestProblem(SourceLocation(path: child.description), "not a regular file (a FIFO, socket or device); skipped"))
            }
        }
    }

    /// Absolute form of a path (symlinks resolved when the path exists), so the same file always
    /// gets the same derived id however it was named on the command line.
    func absolutePath(_ path: FilePath) -> FilePath {
        if let resolved = path.withCString({ realpath($0, nil) }) {
            defer { free(resolved) }
            return FilePath(bytes: Array(UnsafeBufferPointer(start: UnsafeRawPointer(resolved).assumingMemoryBound(to: UInt8.self), count: strlen(resolved))))
        }
        if path.bytes.first == UInt8(ascii: "/") { return path }
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        let cwd = buffer.withUnsafeBufferPointer { Array(UnsafeRawBufferPointer($0).prefix(while: { $0 != 0 })) }
        return FilePath(bytes: cwd).appending(path.bytes)
    }
}

struct FileIdentity: Hashable {
    var device: UInt64
    var inode: UInt64
}

struct FileInfo {
    var identity: FileIdentity
    var isDirectory: Bool
    var isRegularFile: Bool
    var size: Int64

    init?(_ path: FilePath, followLinks: Bool) {
        var info = stat()
        let status = path.withCString { followLinks ? stat($0, &info) : lstat($0, &info) }
        guard status == 0 else { return nil }
        identity = FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
        isRegularFile = (info.st_mode & S_IFMT) == S_IFREG
        size = Int64(info.st_size)
    }
}
