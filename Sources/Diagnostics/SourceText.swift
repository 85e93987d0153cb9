/// Helpers to turn byte offsets into lines and columns, computed only when a
/// message needs them (parsers work on byte offsets).
public enum SourceText {
    /// The text of 1-based line `number` of `text`, without `\r\n` or `\n`;
    /// `nil` past the end.
    public static func line(_ number: Int, of text: String) -> String? {
        guard number >= 1 else { return nil }
        var current = 1
        var start = text.utf8.startIndex
        let utf8 = text.utf8
        var index = start
        while index < utf8.endIndex {
            if utf8[index] == UInt8(ascii: "\n") {
                if current == number { return trimmed(text[start..<index]) }
                current += 1
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        return current == number ? trimmed(text[start..<utf8.endIndex]) : nil
    }

    private static func trimmed(_ line: Substring) -> String {
        var result = String(line)
        if result.utf8.last == UInt8(ascii: "\r") { result.removeLast() }
        if result.hasPrefix("\u{FEFF}") { result.removeFirst() }
        return result
    }

    /// The 1-based line and scalar column of a byte offset into `bytes`
    /// (UTF-8). An offset inside a multi-byte sequence counts as its scalar.
    public static func position(ofByte offset: Int, in bytes: some Collection<UInt8>) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        var seen = 0
        for byte in bytes {
            if seen >= offset { break }
            seen += 1
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}
