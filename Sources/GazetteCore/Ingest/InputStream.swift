#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import CShim

/// Reads a file as a stream of bytes, decompressing gzip transparently (detected by its magic
/// bytes, whatever the file is called), so large `.jsonl.gz` corpora never sit in memory whole.
public final class InputStream {
    public let path: FilePath
    private let descriptor: Int32
    private var inflater: OpaquePointer?
    private var raw: [UInt8] = []
    private var rawStart = 0
    private var rawEnd = 0
    private var endOfFile = false
    private var gzipMemberOpen = false
    public private(set) var compressedBytesRead = 0
    /// Bytes handed out so far (after decompression).
    public private(set) var bytesRead = 0
    /// The file's size on disk when it was opened.
    public let fileSize: Int64
    /// A gzip stream that has produced this much and expands more than `maximumExpansion`-fold is
    /// refused as a decompression bomb. Text compresses 3 to 10-fold; deflate cannot pass 1,032.
    public var expansionCheckBytes = 256 << 20
    public var maximumExpansion = 200

    public init(path: FilePath) throws(GazetteError) {
        self.path = path
        // O_NONBLOCK: a file swapped for a FIFO after the walk would otherwise block open() forever
        // (waiting for a writer). It is cleared again once the descriptor is known to be a file.
        let fd = path.withCString { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY) }
        guard fd >= 0 else { throw GazetteError(.io, "cannot open: \(systemError())", context: path.description) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let message = systemError()
            close(fd)
            throw GazetteError(.io, "cannot read: \(message)", context: path.description)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw GazetteError(.io, "not a regular file (a directory, FIFO or device now stands at this path)", context: path.description)
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        descriptor = fd
        fileSize = Int64(info.st_size)
        // Small files (most articles) get a small buffer: allocating and clearing 1 MiB per file
        // would cost more than reading them.
        raw = [UInt8](repeating: 0, count: Self.bufferSize(for: fileSize))
        // From here on a throw runs deinit, which closes the descriptor.
        try fill()
        if rawEnd - rawStart >= 2, raw[rawStart] == 0x1F, raw[rawStart + 1] == 0x8B {
            var error = ShimError()
            inflater = gz_inflater_new(&error.raw)
            try error.check(inflater == nil, "while opening \(path.description)")
            gzipMemberOpen = true
        }
    }

    deinit {
        close(descriptor)
        gz_inflater_free(inflater)
    }

    /// Whether the whole input would exceed `limit` bytes, as far as can be known before reading:
    /// an uncompressed file's size is known up front, so an oversized one is refused unread.
    public func isKnownLargerThan(_ limit: Int) -> Bool {
        inflater == nil && fileSize > Int64(limit)
    }

    public var isCompressed: Bool { inflater != nil }

    /// Reads up to `buffer.count` bytes; returns 0 at the end of the input.
    public func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(GazetteError) -> Int {
        let count = try (inflater == nil ? readRaw(into: buffer) : inflate(into: buffer))
        bytesRead += count
        if inflater != nil, bytesRead > expansionCheckBytes, bytesRead / max(compressedBytesRead, 1) > maximumExpansion {
            throw GazetteError(
                .tooLarge,
                "gzip data expands more than \(maximumExpansion)-fold (\(compressedBytesRead >> 10) KiB gave over \(bytesRead >> 20) MiB): "
                    + "refused as a likely decompression bomb",
                context: path.description)
        }
        return count
    }

    private func inflate(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(GazetteError) -> Int {
        guard let inflater else { return 0 }
        while true {
            if rawStart == rawEnd {
                if endOfFile {
                    if gzipMemberOpen { throw GazetteError(.gzip, "gzip data is truncated", context: path.description) }
                    return 0
                }
                try fill()
                continue
            }
            var error = ShimError()
            var consumed = 0
            var produced = 0
            var memberEnded = false
            let status = raw.withUnsafeBufferPointer { input in
                gz_inflater_run(
                    inflater, input.baseAddress! + rawStart, rawEnd - rawStart, &consumed, buffer.baseAddress,
                    buffer.count, &produced, &memberEnded, &error.raw)
            }
            try error.check(status != 0, "while decompressing \(path.description)")
            rawStart += consumed
            if memberEnded { gzipMemberOpen = false } else if consumed > 0 { gzipMemberOpen = true }
            if produced > 0 { return produced }
            if consumed == 0 && !memberEnded && rawStart < rawEnd {
                throw GazetteError(.gzip, "gzip decompression made no progress", context: path.description)
            }
        }
    }

    /// Reads everything, failing when more than `limit` bytes would result. An uncompressed file
    /// over the limit is refused from its size, without reading it.
    public func readAll(limit: Int) throws(GazetteError) -> [UInt8] {
        if isKnownLargerThan(limit) { throw tooLarge(limit, size: Int(fileSize)) }
        var result: [UInt8] = []
        result.reserveCapacity(inflater == nil ? Int(fileSize) : min(limit, Int(fileSize) * 4))
        var chunk = [UInt8](repeating: 0, count: inflater == nil ? Self.bufferSize(for: fileSize) : 1 << 20)
        while true {
            let count = try chunk.withUnsafeMutableBufferPointer { (buffer) throws(GazetteError) -> Int in try read(into: buffer) }
            if count == 0 { return result }
            if result.count + count > limit { throw tooLarge(limit, size: nil) }
            result.append(contentsOf: chunk[0..<count])
        }
    }

    /// One more byte than the file (so the end is seen in one read), between 4 KiB and 1 MiB.
    public static func bufferSize(for fileSize: Int64) -> Int {
        Int(min(max(fileSize + 1, 4096), 1 << 20))
    }

    private func tooLarge(_ limit: Int, size: Int?) -> GazetteError {
        let what = size.map { "\($0 >> 20) MiB: " } ?? (inflater == nil ? "" : "decompressed, ")
        return GazetteError(.tooLarge, "\(what)larger than the \(limit >> 20) MiB limit for one article file", context: path.description)
    }

    private func readRaw(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(GazetteError) -> Int {
        if rawStart < rawEnd {
            let count = min(buffer.count, rawEnd - rawStart)
            raw.withUnsafeBufferPointer { source in
                _ = UnsafeMutableBufferPointer(rebasing: buffer[0..<count]).initialize(
                    from: UnsafeBufferPointer(rebasing: source[rawStart..<rawStart + count]))
            }
            rawStart += count
            return count
        }
        if endOfFile { return 0 }
        let count = try readFile(into: buffer.baseAddress!, count: buffer.count)
        if count == 0 { endOfFile = true }
        return count
    }

    private func fill() throws(GazetteError) {
        rawStart = 0
        rawEnd = 0
        let count = try raw.withUnsafeMutableBufferPointer { (buffer) throws(GazetteError) -> Int in
            try readFile(into: buffer.baseAddress!, count: buffer.count)
        }
        if count == 0 { endOfFile = true }
        rawEnd = count
    }

    private func readFile(into pointer: UnsafeMutablePointer<UInt8>, count: Int) throws(GazetteError) -> Int {
        while true {
            let result = Glibc.read(descriptor, pointer, count)
            if result >= 0 {
                compressedBytesRead += result
                return result
            }
            if errno == EINTR { continue }
            throw GazetteError(.io, "cannot read: \(systemError())", context: path.description)
        }
    }
}

/// Splits an input stream into lines without holding more than one line (plus a read buffer).
public final class LineReader {
    private let stream: InputStream
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var finished = false
    public private(set) var lineNumber = 0
    /// Longer lines are reported as errors and skipped, never held in memory whole.
    public let maximumLineBytes: Int

    public init(stream: InputStream, maximumLineBytes: Int) {
        self.stream = stream
        buffer = [UInt8](repeating: 0, count: stream.isCompressed ? 1 << 20 : InputStream.bufferSize(for: stream.fileSize))
        self.maximumLineBytes = maximumLineBytes
    }

    public enum Line {
        case text([UInt8])
        case tooLong(bytes: Int)
    }

    /// The next line without its terminator (LF, CRLF), or nil at the end.
    public func next() throws(GazetteError) -> Line? {
        var line: [UInt8] = []
        var oversize = 0
        while true {
            if start == end {
                if finished { break }
                start = 0
                end = try buffer.withUnsafeMutableBufferPointer { (pointer) throws(GazetteError) -> Int in
                    try stream.read(into: pointer)
                }
                if end == 0 {
                    finished = true
                    break
                }
            }
            // memchr: a 200 MB line is scanned at memory speed, not byte by byte in Swift.
            let newline: Int? = buffer.withUnsafeBufferPointer { bytes in
                memchr(bytes.baseAddress! + start, 0x0A, end - start).map { UnsafeRawPointer($0) - UnsafeRawPointer(bytes.baseAddress!) }
            }
            let stop = newline ?? end
            if oversize == 0 && line.count + (stop - start) <= maximumLineBytes {
                let needed = line.count + (stop - start)
                if needed > line.capacity {
                    // Grow by doubling, but never past the limit: Array's own growth could reserve
                    // twice the limit for a line that is then thrown away.
                    line.reserveCapacity(min(max(needed, line.capacity * 2), maximumLineBytes))
                }
                buffer.withUnsafeBufferPointer { line.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start..<stop])) }
            } else {
                // Too long: only count the bytes, and let go of what was kept.
                oversize += line.count + (stop - start)
                line = []
            }
            start = stop
            if newline != nil {
                start += 1
                lineNumber += 1
                return finish(line, oversize)
            }
        }
        if line.isEmpty && oversize == 0 { return nil }
        lineNumber += 1
        return finish(line, oversize)
    }

    private func finish(_ line: [UInt8], _ oversize: Int) -> Line {
        if oversize > 0 { return .tooLong(bytes: oversize) }
        if line.last == 0x0D { return .text(Array(line.dropLast())) }
        return .text(line)
    }
}

func systemError() -> String {
    String(cString: strerror(errno))
}
