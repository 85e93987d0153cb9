/// Reads pages (`---`, front matter, `---`, Markdown body) and whole YAML
/// files such as `content/_site.yml`, in the YAML subset of the content format.
///
/// Works on UTF-8 bytes with integer offsets; lines and columns are computed
/// only for node positions and messages. A UTF-8 byte order mark is skipped and
/// CRLF line endings are accepted.
public enum FrontMatterParser {
    /// Splits a page into its front matter and body and parses the front matter.
    public static func parsePage(_ bytes: [UInt8]) throws(FrontMatterError) -> PageSource {
        let split = try splitLines(bytes)
        var reader = YAMLReader(bytes: bytes, lines: split.lines, firstLineNumber: 2)
        var frontMatter = try reader.parseRoot(emptyLine: 1, emptyColumn: 1)
        frontMatter.line = 1
        frontMatter.column = 1
        let body = try bodyText(bytes, from: split.bodyStart, firstLine: split.bodyStartLine)
        return PageSource(frontMatter: frontMatter, body: body, bodyStartLine: split.bodyStartLine)
    }

    /// The body of a page and the line it starts on, as `parsePage` finds
    /// them, without parsing the front matter: for a page read again to be
    /// rendered, whose front matter was parsed when the site was read.
    public static func body(ofPage bytes: [UInt8]) throws(FrontMatterError) -> (body: String, bodyStartLine: Int) {
        let split = try splitLines(bytes)
        return (try bodyText(bytes, from: split.bodyStart, firstLine: split.bodyStartLine), split.bodyStartLine)
    }

    /// The front matter's lines between the `---` markers, and where the body starts.
    private static func splitLines(_ bytes: [UInt8]) throws(FrontMatterError) -> (lines: [LineSpan], bodyStart: Int, bodyStartLine: Int) {
        let start = byteOrderMarkLength(bytes)
        let opening = lineBounds(bytes, from: start)
        guard marker(bytes, opening.start, opening.end, ASCII.minus) == .alone else {
            if let invalid = UTF8Check.firstInvalidOffset(in: bytes, from: start, to: opening.end) {
                throw invalidUTF8(bytes, at: invalid, lineStart: start, line: 1)
            }
            if marker(bytes, opening.start, opening.end, ASCII.minus) == .followedByText {
                throw FrontMatterError("the opening '---' must be alone on its line", line: 1, column: 4)
            }
            throw FrontMatterError("page has no front matter: a page must start with a line '---'", line: 1, column: 1)
        }

        var lines: [LineSpan] = []
        lines.reserveCapacity(48)
        var cursor = opening.next
        var closing: (start: Int, next: Int)?
        while cursor < bytes.count {
            let line = try scanLine(bytes, from: cursor, lineNumber: lines.count + 2)
            switch marker(bytes, line.start, line.end, ASCII.minus) {
            case .alone:
                closing = (line.start, line.next)
            case .followedByText:
                throw FrontMatterError("the closing '---' must be alone on its line", line: lines.count + 2, column: 4)
            case nil:
                if marker(bytes, line.start, line.end, ASCII.period) != nil {
                    throw FrontMatterError("the document end marker '...' is not supported; close the front matter with '---'",
                                           line: lines.count + 2, column: 1)
                }
            }
            if closing != nil { break }
            lines.append(LineSpan(start: line.start, end: line.end))
            cursor = line.next
        }
        guard let closing else {
            throw FrontMatterError("the front matter is not closed: no line '---' after the opening one", line: 1, column: 1)
        }
        return (lines, closing.next, lines.count + 3)
    }

    public static func parsePage(_ text: String) throws(FrontMatterError) -> PageSource {
        try parsePage(Array(text.utf8))
    }

    /// Parses a whole file as front matter (`_site.yml`). An empty file gives an
    /// empty mapping; a leading `---` line is allowed, a second document is not.
    public static func parseDocument(_ bytes: [UInt8]) throws(FrontMatterError) -> YAMLNode {
        let start = byteOrderMarkLength(bytes)
        var cursor = start
        var firstLineNumber = 1
        let opening = lineBounds(bytes, from: start)
        switch marker(bytes, opening.start, opening.end, ASCII.minus) {
        case .alone:
            cursor = opening.next
            firstLineNumber = 2
        case .followedByText:
            throw FrontMatterError("text after the document start '---' is not supported; start it on the next line",
                                   line: 1, column: 4)
        case nil:
            break
        }
        var lines: [LineSpan] = []
        lines.reserveCapacity(48)
        while cursor < bytes.count {
            let lineNumber = firstLineNumber + lines.count
            let line = try scanLine(bytes, from: cursor, lineNumber: lineNumber)
            if marker(bytes, line.start, line.end, ASCII.minus) != nil {
                throw FrontMatterError("multiple documents ('---') are not supported", line: lineNumber, column: 1)
            }
            if marker(bytes, line.start, line.end, ASCII.period) != nil {
                throw FrontMatterError("the document end marker '...' is not supported", line: lineNumber, column: 1)
            }
            lines.append(LineSpan(start: line.start, end: line.end))
            cursor = line.next
        }
        var reader = YAMLReader(bytes: bytes, lines: lines, firstLineNumber: firstLineNumber)
        return try reader.parseRoot(emptyLine: 1, emptyColumn: 1)
    }

    public static func parseDocument(_ text: String) throws(FrontMatterError) -> YAMLNode {
        try parseDocument(Array(text.utf8))
    }

    // MARK: Lines

    private static func byteOrderMarkLength(_ bytes: [UInt8]) -> Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    /// The line starting at `start`: its end without `\r\n`/`\n`, and where the next line starts.
    private static func lineBounds(_ bytes: [UInt8], from start: Int) -> (start: Int, end: Int, next: Int) {
        var cursor = start
        while cursor < bytes.count && bytes[cursor] != ASCII.lineFeed { cursor += 1 }
        let next = cursor < bytes.count ? cursor + 1 : cursor
        let end = cursor > start && bytes[cursor - 1] == ASCII.carriageReturn ? cursor - 1 : cursor
        return (start, end, next)
    }

    /// Like `lineBounds`, and checks the line: it must be well-formed UTF-8
    /// without the control characters YAML does not allow (C0 and C1 controls
    /// other than tab, DEL, a CR that is not followed by LF).
    private static func scanLine(_ bytes: [UInt8], from start: Int, lineNumber: Int) throws(FrontMatterError) -> (start: Int, end: Int, next: Int) {
        var cursor = start
        let count = bytes.count
        while cursor < count {
            let byte = bytes[cursor]
            if byte >= 0x80 {
                // Fast path for the three-byte characters of Chinese text (U+1000...U+CFFF, U+E000...U+FFFF).
                if byte >= 0xE1 && byte != 0xED && byte <= 0xEF && cursor + 2 < count
                    && bytes[cursor + 1] & 0xC0 == 0x80 && bytes[cursor + 2] & 0xC0 == 0x80 {
                    cursor += 3
                    continue
                }
                let length = UTF8Check.sequenceLength(bytes, at: cursor, end: count)
                if length == 0 {
                    throw invalidUTF8(bytes, at: cursor, lineStart: start, line: lineNumber)
                }
                if byte == 0xC2, bytes[cursor + 1] < 0xA0, bytes[cursor + 1] != 0x85 {
                    throw controlCharacter(bytes, at: cursor, lineStart: start, line: lineNumber,
                                           message: "control character U+00\(hex(bytes[cursor + 1])) is not allowed in front matter")
                }
                cursor += length
                continue
            }
            if byte == ASCII.lineFeed { break }
            if byte < 0x20 || byte == 0x7F {
                if byte == ASCII.carriageReturn {
                    if cursor + 1 < count && bytes[cursor + 1] == ASCII.lineFeed {
                        cursor += 1
                        break
                    }
                    throw controlCharacter(bytes, at: cursor, lineStart: start, line: lineNumber,
                                           message: "a carriage return (CR) must be followed by a line feed (LF)")
                }
                if byte != ASCII.tab {
                    throw controlCharacter(bytes, at: cursor, lineStart: start, line: lineNumber,
                                           message: "control character U+00\(hex(byte)) is not allowed in front matter")
                }
            }
            cursor += 1
        }
        let next = cursor < count ? cursor + 1 : cursor
        let end = cursor > start && bytes[cursor - 1] == ASCII.carriageReturn ? cursor - 1 : cursor
        return (start, end, next)
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }

    private static func controlCharacter(_ bytes: [UInt8], at offset: Int, lineStart: Int, line: Int, message: String) -> FrontMatterError {
        FrontMatterError(message, line: line, column: scalarColumn(bytes, from: lineStart, to: offset))
    }

    private enum Marker {
        case alone, followedByText
    }

    /// Whether the line is a document marker (`---` or `...` at column 1, then
    /// nothing but blanks and perhaps a comment), or such a marker followed by text.
    private static func marker(_ bytes: [UInt8], _ start: Int, _ end: Int, _ character: UInt8) -> Marker? {
        guard end - start >= 3, bytes[start] == character, bytes[start + 1] == character, bytes[start + 2] == character else {
            return nil
        }
        var cursor = start + 3
        if cursor == end { return .alone }
        guard ASCII.isBlank(bytes[cursor]) else { return nil }
        while cursor < end && ASCII.isBlank(bytes[cursor]) { cursor += 1 }
        return cursor == end || bytes[cursor] == ASCII.hash ? .alone : .followedByText
    }

    // MARK: UTF-8

    private static func invalidUTF8(_ bytes: [UInt8], at offset: Int, lineStart: Int, line: Int) -> FrontMatterError {
        FrontMatterError("invalid UTF-8 in line \(line) (byte 0x\(hex(bytes[offset])))",
                         line: line, column: scalarColumn(bytes, from: lineStart, to: offset))
    }

    private static func scalarColumn(_ bytes: [UInt8], from lineStart: Int, to offset: Int) -> Int {
        var column = 1
        for index in lineStart..<offset where bytes[index] & 0xC0 != 0x80 { column += 1 }
        return column
    }

    /// The body as a String; invalid UTF-8 in it is an error naming its line.
    private static func bodyText(_ bytes: [UInt8], from start: Int, firstLine: Int) throws(FrontMatterError) -> String {
        let slice = bytes[start...]
        if let text = validatedString(slice) { return text }
        guard let invalid = UTF8Check.firstInvalidOffset(in: bytes, from: start, to: bytes.count) else {
            return String(decoding: slice, as: UTF8.self)
        }
        var line = firstLine
        var lineStart = start
        for index in start..<invalid where bytes[index] == ASCII.lineFeed {
            line += 1
            lineStart = index + 1
        }
        throw invalidUTF8(bytes, at: invalid, lineStart: lineStart, line: line)
    }

    private static func validatedString(_ slice: ArraySlice<UInt8>) -> String? {
        if #available(macOS 15, iOS 18, tvOS 18, watchOS 11, visionOS 2, *) {
            return String(validating: slice, as: UTF8.self)
        }
        guard UTF8Check.firstInvalidOffset(in: Array(slice), from: 0, to: slice.count) == nil else { return nil }
        return String(decoding: slice, as: UTF8.self)
    }
}
