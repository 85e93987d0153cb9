/// Escapes `& < > " '` by scanning UTF-8 bytes and copying the runs between
/// them, so text without those characters (most Chinese text) is appended
/// in one piece.
enum HTMLEscape {
    static func append(_ text: String, to output: inout String) {
        let utf8 = text.utf8
        let needsEscaping = utf8.withContiguousStorageIfAvailable { bytes in
            bytes.contains(where: isSpecial)
        } ?? utf8.contains(where: isSpecial)
        guard needsEscaping else {
            output.append(text)
            return
        }
        var runStart = utf8.startIndex
        var index = runStart
        while index != utf8.endIndex {
            let byte = utf8[index]
            if isSpecial(byte) {
                // The special bytes are ASCII, so these indices are character boundaries.
                output.append(contentsOf: text[runStart..<index])
                output.append(replacement(for: byte))
                runStart = utf8.index(after: index)
            }
            utf8.formIndex(after: &index)
        }
        output.append(contentsOf: text[runStart..<utf8.endIndex])
    }

    static func escaped(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        append(text, to: &output)
        return output
    }

    @inline(__always)
    private static func isSpecial(_ byte: UInt8) -> Bool {
        // All five are below 0x3F; one comparison rejects letters and all multi-byte text.
        byte <= Ascii.greater
            && (byte == Ascii.ampersand || byte == Ascii.less || byte == Ascii.greater
                || byte == Ascii.quote || byte == Ascii.apostrophe)
    }

    private static func replacement(for byte: UInt8) -> String {
        switch byte {
        case Ascii.ampersand: "&amp;"
        case Ascii.less: "&lt;"
        case Ascii.greater: "&gt;"
        case Ascii.quote: "&quot;"
        default: "&#39;"
        }
    }
}
