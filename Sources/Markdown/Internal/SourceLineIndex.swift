#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Line starts of the Markdown source, numbered as cmark numbers them (a line
/// ends at `\n`, `\r\n` or a lone `\r`), so cmark's 1-based line and byte
/// column can be turned into byte offsets and Unicode scalar columns. Built
/// only when a page needs positions (links, or emphasis that must be redone).
struct SourceLineIndex {
    /// Byte offset where each line starts; `lineStarts[0] == 0`.
    private var lineStarts: [Int]
    /// Byte offset where each line's text ends (before its line ending).
    private var lineEnds: [Int]

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        var starts = [0]
        var ends: [Int] = []
        if let base = bytes.baseAddress, memchr(base, 0x0D, bytes.count) == nil {
            // The usual case, no carriage return: let memchr find the line feeds.
            var offset = 0
            while offset < bytes.count,
                  let found = memchr(base + offset, 0x0A, bytes.count - offset) {
                let index = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                ends.append(index)
                starts.append(index + 1)
                offset = index + 1
            }
        } else {
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x0A || byte == 0x0D {
                    ends.append(index)
                    if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                    starts.append(index + 1)
                }
                index += 1
            }
        }
        ends.append(bytes.count)
        lineStarts = starts
        lineEnds = ends
    }

    /// The byte range of 1-based `line` without its line ending.
    func range(ofLine line: Int) -> Range<Int>? {
        guard line >= 1, line <= lineStarts.count else { return nil }
        return lineStarts[line - 1]..<lineEnds[line - 1]
    }

    /// The byte offset of cmark's (line, byte column), if it lies on the line.
    func offset(line: Int, column: Int) -> Int? {
        guard let range = range(ofLine: line), column >= 1 else { return nil }
        let offset = range.lowerBound + column - 1
        return offset < range.upperBound ? offset : nil
    }

    /// The 1-based Unicode scalar column of byte `offset` on `line`. Counting
    /// resumes from `cursor` when it is on the same line and not past the
    /// offset, so many positions on one long line stay linear in document order.
    func scalarColumn(
        line: Int, offset: Int, in bytes: UnsafeBufferPointer<UInt8>, cursor: inout ColumnCursor
    ) -> Int {
        guard let range = range(ofLine: line) else { return 1 }
        let end = min(max(offset, range.lowerBound), range.upperBound)
        var index = range.lowerBound
        var column = 1
        if cursor.line == line, cursor.offset <= end, cursor.offset >= range.lowerBound {
            index = cursor.offset
            column = cursor.column
        }
        while index < end {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        cursor = ColumnCursor(line: line, offset: end, column: column)
        return column
    }

    /// The last position turned into a column.
    struct ColumnCursor {
        var line = 0
        var offset = 0
        var column = 1
    }
}
