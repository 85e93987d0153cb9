import CCmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Small helpers over the cmark C API. Every node passed in is borrowed from
/// the tree that `MarkdownConverter` owns for the length of one conversion;
/// nothing here stores a pointer or frees a node it did not make.
enum Cmark {
    static func type(_ node: OpaquePointer) -> cmark_node_type {
        cmark_node_get_type(node)
    }

    /// The literal of a text, code, code block or HTML node, borrowed from
    /// the tree: valid until that node is changed or freed.
    static func literal(_ node: OpaquePointer) -> UnsafeBufferPointer<UInt8> {
        cString(cmark_node_get_literal(node))
    }

    /// The URL of a link or image, borrowed like `literal(_:)`.
    static func url(_ node: OpaquePointer) -> UnsafeBufferPointer<UInt8> {
        cString(cmark_node_get_url(node))
    }

    static func cString(_ pointer: UnsafePointer<CChar>?) -> UnsafeBufferPointer<UInt8> {
        guard let pointer else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(
            start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self),
            count: strlen(pointer)
        )
    }

    /// Sets a node's literal (cmark copies the bytes).
    static func setLiteral(_ node: OpaquePointer, _ bytes: some Collection<UInt8>) {
        var terminated = [UInt8]()
        terminated.reserveCapacity(bytes.count + 1)
        terminated.append(contentsOf: bytes)
        terminated.append(0)
        terminated.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                _ = cmark_node_set_literal(node, pointer)
            }
        }
    }

    /// A new text node owning a copy of `bytes`; nil only if cmark cannot allocate.
    static func makeText(_ bytes: some Collection<UInt8>) -> OpaquePointer? {
        guard let node = cmark_node_new(CMARK_NODE_TEXT) else { return nil }
        setLiteral(node, bytes)
        return node
    }

    /// Whether a literal holds either byte, searched with memchr.
    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ first: UInt8, or second: UInt8) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        return memchr(base, Int32(first), bytes.count) != nil || memchr(base, Int32(second), bytes.count) != nil
    }

    static func isInlineContainer(_ node: OpaquePointer) -> Bool {
        switch type(node) {
        case CMARK_NODE_EMPH, CMARK_NODE_STRONG, CMARK_NODE_LINK, CMARK_NODE_IMAGE: return true
        default: return false
        }
    }

    /// An autolink (`<https://…>`, `<a@b.org>`): a link whose only child is
    /// its own URL as text. Its text is not Markdown, so it gets no emphasis.
    static func isAutolink(_ link: OpaquePointer) -> Bool {
        guard let child = cmark_node_first_child(link), cmark_node_next(child) == nil,
              type(child) == CMARK_NODE_TEXT else { return false }
        let text = literal(child)
        let url = url(link)
        if text.elementsEqual(url) { return true }
        let mailto: [UInt8] = Array("mailto:".utf8)
        return url.count == text.count + mailto.count
            && url.prefix(mailto.count).elementsEqual(mailto)
            && url.dropFirst(mailto.count).elementsEqual(text)
    }
}
