internal import CShim

/// A parsed HTML document (libxml2's error-tolerant parser), read through a minimal DOM.
///
/// Nesting is unlimited (tag soup can go thousands of levels deep), so walk the tree with an
/// explicit stack, never by recursion.
public final class HTMLDocument {
    private let handle: OpaquePointer
    /// Pages with more tags are refused: about 170 bytes of libxml2 memory each. News pages have a
    /// few thousand.
    public static let maximumTags = 1_000_000

    public init(bytes: [UInt8], maximumTags: Int = HTMLDocument.maximumTags) throws(GazetteError) {
        var error = ShimError()
        let handle = bytes.withUnsafeBufferPointer { gz_html_parse($0.charPointer, $0.count, maximumTags, &error.raw) }
        try error.check(handle == nil, "while parsing HTML")
        self.handle = handle!
    }

    deinit { gz_html_free(handle) }

    public var root: Node? {
        gz_html_root(handle).map { Node(pointer: $0, document: self) }
    }

    /// A node of the document; keeps the document alive.
    public struct Node {
        fileprivate let pointer: OpaquePointer
        fileprivate let document: HTMLDocument

        public var isElement: Bool { gz_html_kind(pointer) == Int32(GZ_HTML_ELEMENT.rawValue) }
        public var isText: Bool { gz_html_kind(pointer) == Int32(GZ_HTML_TEXT.rawValue) }

        /// Lower-case element name, or nil for non-elements.
        public var name: String? { gz_html_name(pointer).map { String(cString: $0) } }

        /// The text of a text node.
        public var text: String? { gz_html_text(pointer).map { String(cString: $0) } }

        public func attribute(_ name: String) -> String? {
            var length = 0
            guard let value = gz_html_attribute(pointer, name, &length) else { return nil }
            return takeShimString(value, length)
        }

        public var children: [Node] {
            var result: [Node] = []
            var child = gz_html_first_child(pointer)
            while let current = child {
                result.append(Node(pointer: current, document: document))
                child = gz_html_next_sibling(current)
            }
            return result
        }
    }
}

/// gzip decompression with an output bound, so a small bomb cannot exhaust memory.
public enum Gzip {
    public static func isCompressed(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    public static func decompress(_ bytes: [UInt8], limit: Int) throws(GazetteError) -> [UInt8] {
        var error = ShimError()
        var output: UnsafeMutablePointer<UInt8>?
        var length = 0
        let status = bytes.withUnsafeBufferPointer { gz_gunzip($0.baseAddress, $0.count, limit, &output, &length, &error.raw) }
        try error.check(status != 0, "while decompressing gzip data")
        defer { gz_free(output) }
        return Array(UnsafeBufferPointer(start: output, count: length))
    }
}
