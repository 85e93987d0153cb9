/// Keys, inline values, plain scalars and quoted scalars.
extension YAMLReader {
    /// A `key:` found at the start of a line's content.
    struct ScannedKey {
        var text: String
        var offset: Int
        var colon: Int
        /// Set when a plain key is not text (`2024:`, `true:`): an error, since
        /// keys are strings in this format and a silent conversion would mislead.
        var typeProblem: String?
    }

    /// The key at `offset` when the line is `key: value` (or `key:`); `nil` otherwise.
    func scanKey(line index: Int, at offset: Int) throws(FrontMatterError) -> ScannedKey? {
        let end = lines[index].end
        let first = bytes[offset]
        if first == ASCII.doubleQuote || first == ASCII.singleQuote {
            guard let closing = closingQuoteOnLine(index, from: offset) else { return nil }
            var colon = closing + 1
            while colon < end && ASCII.isBlank(bytes[colon]) { colon += 1 }
            guard colon < end, bytes[colon] == ASCII.colon, colon + 1 == end || ASCII.isBlank(bytes[colon + 1]) else {
                return nil
            }
            let quoted = try readQuoted(line: index, at: offset, parentIndent: Int.max)
            return ScannedKey(text: quoted.text, offset: offset, colon: colon, typeProblem: nil)
        }
        guard canStartPlain(line: index, at: offset, inFlow: false) else { return nil }
        var cursor = offset
        while cursor < end {
            let byte = bytes[cursor]
            if byte == ASCII.colon && (cursor + 1 == end || ASCII.isBlank(bytes[cursor + 1])) { break }
            if byte == ASCII.hash && ASCII.isBlank(bytes[cursor - 1]) { return nil }
            cursor += 1
        }
        guard cursor < end else { return nil }
        var keyEnd = cursor
        while ASCII.isBlank(bytes[keyEnd - 1]) { keyEnd -= 1 }
        let (text, problem) = keyText(offset, keyEnd)
        return ScannedKey(text: text, offset: offset, colon: cursor, typeProblem: problem)
    }

    /// The text of a plain key, and a problem when the core schema would not read it as a string.
    func keyText(_ start: Int, _ end: Int) -> (String, String?) {
        let resolved: YAMLValue
        do {
            resolved = try ScalarResolver.resolve(bytes, start, end)
        } catch {
            return (text(start, end), error.message)
        }
        if case .string(let key) = resolved { return (key, nil) }
        let key = text(start, end)
        return (key, "the key '\(key)' would be read as \(resolved.typeDescription), not text; put it in quotes")
    }

    /// The offset of the quote that closes the one at `offset`, if on the same line.
    private func closingQuoteOnLine(_ index: Int, from offset: Int) -> Int? {
        let end = lines[index].end
        let quote = bytes[offset]
        var cursor = offset + 1
        while cursor < end {
            let byte = bytes[cursor]
            if quote == ASCII.doubleQuote && byte == ASCII.backslash {
                cursor += 2
                continue
            }
            if byte == quote {
                if quote == ASCII.singleQuote && cursor + 1 < end && bytes[cursor + 1] == ASCII.singleQuote {
                    cursor += 2
                    continue
                }
                return cursor
            }
            cursor += 1
        }
        return nil
    }

    // MARK: Inline values in block context

    /// A value written on the line of its key or dash, or alone on an indented line.
    mutating func parseInlineValue(line index: Int, at offset: Int, parentIndent: Int, depth: Int) throws(FrontMatterError) -> YAMLNode {
        lineIndex = index
        cursor = offset
        let byte = bytes[offset]
        switch byte {
        case ASCII.verticalBar, ASCII.greaterThan:
            return try parseBlockScalar(line: index, at: offset, parentIndent: parentIndent)
        case ASCII.doubleQuote, ASCII.singleQuote:
            let value = try parseQuoted(parentIndent: parentIndent)
            try finishLine(after: "the closing quote")
            return value
        case ASCII.leftBracket, ASCII.leftBrace:
            try checkDepth(depth, at: offset, line: index)
            let value = byte == ASCII.leftBracket
                ? try parseFlowSequence(parentIndent: parentIndent, depth: depth)
                : try parseFlowMapping(parentIndent: parentIndent, depth: depth)
            var next = cursor
            let end = lines[lineIndex].end
            while next < end && ASCII.isBlank(bytes[next]) { next += 1 }
            if next < end && bytes[next] == ASCII.colon {
                throw FrontMatterError("complex keys (a list or mapping used as a key) are not supported",
                                       line: value.line, column: value.column)
            }
            try finishLine(after: byte == ASCII.leftBracket ? "']'" : "'}'")
            return value
        default:
            guard canStartPlain(line: index, at: offset, inFlow: false) else {
                throw valueStartProblem(line: index, at: offset, inFlow: false)
            }
            return try parsePlainBlock(line: index, at: offset, parentIndent: parentIndent)
        }
    }

    /// After a value, the rest of its line may hold only blanks and a comment.
    func finishLine(after what: String) throws(FrontMatterError) {
        let end = lines[lineIndex].end
        var next = cursor
        while next < end && ASCII.isBlank(bytes[next]) { next += 1 }
        guard next < end else { return }
        if bytes[next] == ASCII.hash {
            if next > cursor { return }
            throw error("a comment needs a space before '#'", at: next, line: lineIndex)
        }
        if bytes[next] == ASCII.colon {
            throw error("unexpected ':' after \(what); a nested mapping must start on its own line", at: next, line: lineIndex)
        }
        throw error("unexpected text after \(what)", at: next, line: lineIndex)
    }

    /// Whether a plain scalar may start at `offset` (YAML's ns-plain-first).
    func canStartPlain(line index: Int, at offset: Int, inFlow: Bool) -> Bool {
        switch bytes[offset] {
        case ASCII.minus, ASCII.question, ASCII.colon:
            guard offset + 1 < lines[index].end else { return false }
            let next = bytes[offset + 1]
            return !ASCII.isBlank(next) && !(inFlow && ASCII.isFlowIndicator(next))
        case ASCII.comma, ASCII.leftBracket, ASCII.rightBracket, ASCII.leftBrace, ASCII.rightBrace,
             ASCII.hash, ASCII.ampersand, ASCII.asterisk, ASCII.exclamation, ASCII.verticalBar,
             ASCII.greaterThan, ASCII.singleQuote, ASCII.doubleQuote, ASCII.percent, ASCII.at, ASCII.backtick:
            return false
        default:
            return true
        }
    }

    /// The error for a value that starts with a YAML indicator this subset does not support.
    func valueStartProblem(line index: Int, at offset: Int, inFlow: Bool) -> FrontMatterError {
        let byte = bytes[offset]
        let message: String
        switch byte {
        case ASCII.ampersand:
            message = "anchors ('\(token(line: index, at: offset))') are not supported"
        case ASCII.asterisk:
            message = "aliases ('\(token(line: index, at: offset))') are not supported; put the value in quotes if it is text"
        case ASCII.exclamation:
            message = "tags ('\(token(line: index, at: offset))') are not supported; put the value in quotes if it is text"
        case ASCII.percent:
            message = "a value cannot start with '%' (YAML directives are not supported); put it in quotes"
        case ASCII.at, ASCII.backtick:
            message = "a value cannot start with '\(ASCII.describe(byte))' (reserved in YAML); put it in quotes"
        case ASCII.question:
            message = "complex keys ('?') are not supported"
        case ASCII.minus:
            message = inFlow
                ? "'- ' list items are not allowed inside '[ ]' or '{ }'"
                : "a '- ' list cannot start on the same line as its key; start it on the next line"
        case ASCII.colon:
            message = "a key is missing before ':'"
        case ASCII.verticalBar, ASCII.greaterThan:
            message = inFlow
                ? "block scalars ('|', '>') are not allowed inside '[ ]' or '{ }'"
                : "a value cannot start with '\(ASCII.describe(byte))'; put it in quotes"
        default:
            message = "unexpected '\(ASCII.describe(byte))'; put the value in quotes if it is text"
        }
        return error(message, at: offset, line: index)
    }

    /// The text from `offset` to the next blank or the line's end, for messages.
    private func token(line index: Int, at offset: Int) -> String {
        let end = lines[index].end
        var cursor = offset
        while cursor < end && !ASCII.isBlank(bytes[cursor]) && cursor - offset < 40 { cursor += 1 }
        return UTF8Check.firstInvalidOffset(in: bytes, from: offset, to: cursor) == nil
            ? text(offset, cursor) : ASCII.describe(bytes[offset])
    }

    // MARK: Plain scalars

    enum PlainStop {
        case lineEnd, comment, colon, flowIndicator
    }

    /// Scans one line of a plain scalar from `offset`: where its text ends
    /// (trailing blanks excluded) and what stopped it.
    func scanPlainLine(_ index: Int, from offset: Int, inFlow: Bool) -> (textEnd: Int, stop: Int, reason: PlainStop) {
        let end = lines[index].end
        var cursor = offset
        var textEnd = offset
        var reason = PlainStop.lineEnd
        while cursor < end {
            let byte = bytes[cursor]
            if byte == ASCII.space || byte == ASCII.tab {
                cursor += 1
                continue
            }
            if byte == ASCII.colon {
                let next = cursor + 1
                if next == end || ASCII.isBlank(bytes[next]) || (inFlow && ASCII.isFlowIndicator(bytes[next])) {
                    reason = .colon
                    break
                }
            } else if byte == ASCII.hash {
                if cursor > offset && ASCII.isBlank(bytes[cursor - 1]) {
                    reason = .comment
                    break
                }
            } else if inFlow && ASCII.isFlowIndicator(byte) {
                reason = .flowIndicator
                break
            }
            cursor += 1
            textEnd = cursor
        }
        return (textEnd, cursor, reason)
    }

    /// A plain scalar in block context; it may continue on more-indented lines,
    /// which YAML folds into one line (a blank line becomes a line break).
    mutating func parsePlainBlock(line index: Int, at offset: Int, parentIndent: Int) throws(FrontMatterError) -> YAMLNode {
        let first = scanPlainLine(index, from: offset, inFlow: false)
        if first.reason == .colon {
            throw error("': ' inside a plain value; put the value in quotes", at: first.stop, line: index)
        }
        var last = index
        var folded: [UInt8]?
        if first.reason == .lineEnd {
            var candidate = index + 1
            var blankLines = 0
            while candidate < lines.count {
                if isBlankLine(candidate) {
                    blankLines += 1
                    candidate += 1
                    continue
                }
                let indent = indentation(of: candidate)
                if indent <= parentIndent { break }
                let start = firstNonBlank(in: candidate)
                if bytes[start] == ASCII.hash { break }
                let more = scanPlainLine(candidate, from: start, inFlow: false)
                if more.reason == .colon {
                    if parentIndent >= 0 { throw inconsistentIndentation(line: candidate, expected: parentIndent) }
                    throw error("': ' inside a plain value; put the value in quotes", at: more.stop, line: candidate)
                }
                if folded == nil { folded = Array(bytes[offset..<first.textEnd]) }
                appendFold(&folded!, blankLines: blankLines)
                folded!.append(contentsOf: bytes[start..<more.textEnd])
                last = candidate
                blankLines = 0
                candidate += 1
                if more.reason == .comment { break }
            }
        }
        lineIndex = last
        cursor = lines[last].end
        return try resolvedPlain(folded, offset, first.textEnd, line: index)
    }

    /// A plain scalar inside `[ ]` or `{ }`, starting at `cursor`: it ends at
    /// `,[]{}`, at `: ` and at a comment, and may continue on following lines.
    mutating func parsePlainFlow(parentIndent: Int) throws(FrontMatterError) -> YAMLNode {
        let index = lineIndex
        let offset = cursor
        let first = scanPlainLine(index, from: offset, inFlow: true)
        cursor = first.stop
        var folded: [UInt8]?
        if first.reason == .lineEnd {
            var candidate = index + 1
            var blankLines = 0
            while candidate < lines.count {
                if isBlankLine(candidate) {
                    blankLines += 1
                    candidate += 1
                    continue
                }
                if indentation(of: candidate) <= parentIndent { break }
                let start = firstNonBlank(in: candidate)
                let byte = bytes[start]
                if byte == ASCII.hash || ASCII.isFlowIndicator(byte) { break }
                if byte == ASCII.colon {
                    let next = start + 1
                    if next == lines[candidate].end || ASCII.isBlank(bytes[next]) || ASCII.isFlowIndicator(bytes[next]) { break }
                }
                let more = scanPlainLine(candidate, from: start, inFlow: true)
                if folded == nil { folded = Array(bytes[offset..<first.textEnd]) }
                appendFold(&folded!, blankLines: blankLines)
                folded!.append(contentsOf: bytes[start..<more.textEnd])
                lineIndex = candidate
                cursor = more.stop
                blankLines = 0
                candidate += 1
                if more.reason != .lineEnd { break }
            }
        }
        return try resolvedPlain(folded, offset, first.textEnd, line: index)
    }

    /// Line folding: one line break becomes a space; each blank line a `\n`.
    private func appendFold(_ buffer: inout [UInt8], blankLines: Int) {
        if blankLines == 0 {
            buffer.append(ASCII.space)
        } else {
            buffer.append(contentsOf: repeatElement(ASCII.lineFeed, count: blankLines))
        }
    }

    private mutating func resolvedPlain(_ folded: [UInt8]?, _ offset: Int, _ firstEnd: Int, line index: Int) throws(FrontMatterError) -> YAMLNode {
        do {
            let value = if let folded {
                try ScalarResolver.resolve(folded, 0, folded.count)
            } else {
                try ScalarResolver.resolve(bytes, offset, firstEnd)
            }
            return node(value, at: offset, line: index)
        } catch {
            throw self.error(error.message, at: offset, line: index)
        }
    }

    // MARK: Quoted scalars

    /// A quoted scalar starting at `cursor`; moves `lineIndex`/`cursor` past its closing quote.
    mutating func parseQuoted(parentIndent: Int) throws(FrontMatterError) -> YAMLNode {
        let index = lineIndex
        let offset = cursor
        let quoted = try readQuoted(line: index, at: offset, parentIndent: parentIndent)
        lineIndex = quoted.line
        cursor = quoted.end
        return node(.string(quoted.text), at: offset, line: index)
    }

    /// Decodes the single- or double-quoted scalar whose opening quote is at
    /// `offset`. It may span lines (folded like plain scalars) as long as each
    /// continuation line is indented more than `parentIndent`.
    func readQuoted(line index: Int, at offset: Int, parentIndent: Int) throws(FrontMatterError) -> (text: String, line: Int, end: Int) {
        let quote = bytes[offset]
        let isDouble = quote == ASCII.doubleQuote
        var line = index
        var end = lines[line].end
        var cursor = offset + 1

        // Fast path: closed on the same line, with no escape or doubled quote.
        while cursor < end {
            let byte = bytes[cursor]
            if byte == quote {
                if isDouble || cursor + 1 == end || bytes[cursor + 1] != ASCII.singleQuote {
                    return (text(offset + 1, cursor), line, cursor + 1)
                }
                break
            }
            if isDouble && byte == ASCII.backslash { break }
            cursor += 1
        }

        var buffer = Array(bytes[(offset + 1)..<cursor])
        // Raw blanks at the end of a line are trimmed; `kept` marks where content
        // that must stay (escapes, folds, other characters) ends.
        var kept = buffer.count
        while kept > 0 && ASCII.isBlank(buffer[kept - 1]) { kept -= 1 }
        var escapedLineBreak = false
        while true {
            if cursor == end {
                if !escapedLineBreak { buffer.removeSubrange(kept...) }
                var blankLines = 0
                repeat {
                    line += 1
                    guard line < lines.count else { throw unterminatedQuote(line: index, at: offset) }
                    if isBlankLine(line) {
                        blankLines += 1
                        continue
                    }
                    if indentation(of: line) <= parentIndent { throw unterminatedQuote(line: index, at: offset) }
                    break
                } while true
                if escapedLineBreak {
                    buffer.append(contentsOf: repeatElement(ASCII.lineFeed, count: blankLines))
                } else {
                    appendFold(&buffer, blankLines: blankLines)
                }
                kept = buffer.count
                escapedLineBreak = false
                cursor = firstNonBlank(in: line)
                end = lines[line].end
                continue
            }
            let byte = bytes[cursor]
            if byte == quote {
                if !isDouble && cursor + 1 < end && bytes[cursor + 1] == ASCII.singleQuote {
                    buffer.append(ASCII.singleQuote)
                    kept = buffer.count
                    cursor += 2
                    continue
                }
                return (String(decoding: buffer, as: UTF8.self), line, cursor + 1)
            }
            if isDouble && byte == ASCII.backslash {
                if cursor + 1 == end {
                    escapedLineBreak = true
                    kept = buffer.count
                    cursor += 1
                    continue
                }
                cursor = try appendEscape(&buffer, at: cursor, line: line)
                kept = buffer.count
                continue
            }
            buffer.append(byte)
            if !ASCII.isBlank(byte) { kept = buffer.count }
            cursor += 1
        }
    }

    private func unterminatedQuote(line index: Int, at offset: Int) -> FrontMatterError {
        let kind = bytes[offset] == ASCII.doubleQuote ? "double-quoted string (missing closing '\"')" : "single-quoted string (missing closing \"'\")"
        return error("unterminated \(kind)", at: offset, line: index)
    }

    /// Decodes the escape whose backslash is at `offset`; returns the offset after it.
    private func appendEscape(_ buffer: inout [UInt8], at offset: Int, line index: Int) throws(FrontMatterError) -> Int {
        let code = bytes[offset + 1]
        let simple: UInt32? = switch code {
        case 0x30: 0x00 // \0
        case 0x61: 0x07 // \a
        case 0x62: 0x08 // \b
        case 0x74, ASCII.tab: 0x09 // \t
        case 0x6E: 0x0A // \n
        case 0x76: 0x0B // \v
        case 0x66: 0x0C // \f
        case 0x72: 0x0D // \r
        case 0x65: 0x1B // \e
        case ASCII.space: 0x20
        case ASCII.doubleQuote: 0x22
        case ASCII.slash: 0x2F
        case ASCII.backslash: 0x5C
        case 0x4E: 0x85 // \N
        case 0x5F: 0xA0 // \_
        case 0x4C: 0x2028 // \L
        case 0x50: 0x2029 // \P
        default: nil
        }
        if let simple {
            appendScalar(&buffer, simple)
            return offset + 2
        }
        let digits = switch code {
        case 0x78: 2 // \x
        case 0x75: 4 // \u
        case 0x55: 8 // \U
        default: 0
        }
        guard digits > 0 else {
            var end = offset + 2
            while end < lines[index].end && bytes[end] & 0xC0 == 0x80 { end += 1 }
            let shown = UTF8Check.firstInvalidOffset(in: bytes, from: offset, to: end) == nil ? text(offset, end) : "\\"
            throw error("invalid escape '\(shown)' in a double-quoted string", at: offset, line: index)
        }
        let escapeText = "\\" + String(UnicodeScalar(code))
        var value: UInt32 = 0
        var cursor = offset + 2
        while cursor < offset + 2 + digits {
            guard cursor < lines[index].end, let digit = hexValue(bytes[cursor]) else {
                throw error("the escape '\(escapeText)' needs \(digits) hexadecimal digits", at: offset, line: index)
            }
            value = value << 4 | digit
            cursor += 1
        }
        if (0xD800...0xDFFF).contains(value) {
            throw error("the escape '\(text(offset, cursor))' is a UTF-16 surrogate, not a character; write the character itself or use '\\U' with its code point",
                        at: offset, line: index)
        }
        guard value <= 0x10FFFF else {
            throw error("the escape '\(text(offset, cursor))' is beyond the last Unicode character", at: offset, line: index)
        }
        appendScalar(&buffer, value)
        return cursor
    }

    private func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case ASCII.zero...ASCII.nine: UInt32(byte - ASCII.zero)
        case 0x61...0x66: UInt32(byte - 0x61 + 10)
        case 0x41...0x46: UInt32(byte - 0x41 + 10)
        default: nil
        }
    }

    /// Appends the UTF-8 form of a code point (already checked: no surrogate, <= U+10FFFF).
    private func appendScalar(_ buffer: inout [UInt8], _ value: UInt32) {
        switch value {
        case 0..<0x80:
            buffer.append(UInt8(value))
        case 0x80..<0x800:
            buffer.append(UInt8(0xC0 | value >> 6))
            buffer.append(UInt8(0x80 | value & 0x3F))
        case 0x800..<0x10000:
            buffer.append(UInt8(0xE0 | value >> 12))
            buffer.append(UInt8(0x80 | value >> 6 & 0x3F))
            buffer.append(UInt8(0x80 | value & 0x3F))
        default:
            buffer.append(UInt8(0xF0 | value >> 18))
            buffer.append(UInt8(0x80 | value >> 12 & 0x3F))
            buffer.append(UInt8(0x80 | value >> 6 & 0x3F))
            buffer.append(UInt8(0x80 | value & 0x3F))
        }
    }
}
