/// The bytes a render produces. Appending UTF-8 bytes to an array is a
/// plain copy; appending to a `String` re-checks its flags and capacity on
/// every call, which costs more than the copy for the short pieces a
/// template is made of. The bytes become one `String` at the end.
struct OutputBuffer {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends to `bytes` (which is left empty until `takeBytes`) without copying it.
    init(adopting bytes: inout [UInt8]) {
        swap(&self.bytes, &bytes)
    }

    mutating func reserveAdditional(_ count: Int) {
        bytes.reserveCapacity(bytes.count + count)
    }

    /// The bytes, leaving the buffer empty.
    mutating func takeBytes() -> [UInt8] {
        var taken: [UInt8] = []
        swap(&taken, &bytes)
        return taken
    }

    mutating func append(_ text: String) {
        let appended: Void? = text.utf8.withContiguousStorageIfAvailable { bytes.append(contentsOf: $0) }
        if appended == nil { bytes.append(contentsOf: text.utf8) }
    }

    /// Appends `source[start..<end]`.
    @inline(__always)
    mutating func append(_ source: [UInt8], _ start: Int, _ end: Int) {
        source.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Appends `text` with `& < > " '` escaped, copying the runs between them.
    mutating func appendEscaped(_ text: String) {
        let appended: Void? = text.utf8.withContiguousStorageIfAvailable { appendEscaped($0) }
        if appended == nil { appendEscaped(Array(text.utf8)) }
    }

    private mutating func appendEscaped(_ text: [UInt8]) {
        text.withUnsafeBufferPointer { appendEscaped($0) }
    }

    private mutating func appendEscaped(_ text: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        var index = 0
        let count = text.count
        guard let base = text.baseAddress else { return }
        while index < count {
            // Eight bytes at a time past runs with no byte below 0x3F (all
            // five escaped characters are): most text is letters or Chinese.
            while index + 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if (word &- 0x3F3F_3F3F_3F3F_3F3F) & ~word & 0x8080_8080_8080_8080 != 0 { break }
                index += 8
            }
            guard index < count else { break }
            let byte = text[index]
            // All five are below 0x3F: one comparison passes over letters and all multi-byte text.
            if byte <= Ascii.greater, let replacement = Self.replacement(for: byte) {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<index]))
                replacement.withUTF8Buffer { bytes.append(contentsOf: $0) }
                runStart = index + 1
            }
            index += 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<count]))
    }

    @inline(__always)
    private static func replacement(for byte: UInt8) -> StaticString? {
        switch byte {
        case Ascii.ampersand: "&amp;"
        case Ascii.less: "&lt;"
        case Ascii.greater: "&gt;"
        case Ascii.quote: "&quot;"
        case Ascii.apostrophe: "&#39;"
        default: nil
        }
    }

    /// The text; the renderer appends only whole UTF-8 strings, so the bytes are valid.
    var string: String {
        String(decoding: bytes, as: UTF8.self)
    }
}
