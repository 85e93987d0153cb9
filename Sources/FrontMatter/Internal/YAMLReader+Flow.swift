/// Flow collections: `[a, b]` and `{key: value}`, nested, possibly over several lines.
extension YAMLReader {
    /// A node inside a flow collection, starting at `cursor`.
    mutating func parseFlowNode(parentIndent: Int, depth: Int) throws(FrontMatterError) -> YAMLNode {
        try checkDepth(depth, at: cursor, line: lineIndex)
        switch bytes[cursor] {
        case ASCII.leftBracket:
            return try parseFlowSequence(parentIndent: parentIndent, depth: depth)
        case ASCII.leftBrace:
            return try parseFlowMapping(parentIndent: parentIndent, depth: depth)
        case ASCII.doubleQuote, ASCII.singleQuote:
            return try parseQuoted(parentIndent: parentIndent)
        default:
            guard canStartPlain(line: lineIndex, at: cursor, inFlow: true) else {
                throw valueStartProblem(line: lineIndex, at: cursor, inFlow: true)
            }
            return try parsePlainFlow(parentIndent: parentIndent)
        }
    }

    /// `[a, b, c]`, with `cursor` on the `[`. A trailing comma is allowed, as in YAML.
    mutating func parseFlowSequence(parentIndent: Int, depth: Int) throws(FrontMatterError) -> YAMLNode {
        let opener = (line: lineIndex, offset: cursor)
        let origin = self.position(of: cursor, line: lineIndex)
        cursor += 1
        var items: [YAMLNode] = []
        while true {
            try skipFlowSpace(parentIndent: parentIndent, opener: opener)
            let byte = bytes[cursor]
            if byte == ASCII.rightBracket {
                cursor += 1
                break
            }
            if byte == ASCII.comma {
                throw error("unexpected ',' in a flow sequence (an entry is missing)", at: cursor, line: lineIndex)
            }
            items.append(try parseFlowNode(parentIndent: parentIndent, depth: depth + 1))
            try skipFlowSpace(parentIndent: parentIndent, opener: opener)
            switch bytes[cursor] {
            case ASCII.comma:
                cursor += 1
            case ASCII.rightBracket:
                cursor += 1
                return YAMLNode(.list(items), line: origin.line, column: origin.column)
            case ASCII.colon:
                throw error("'key: value' inside '[ ]' is not supported; write it as '{key: value}'", at: cursor, line: lineIndex)
            default:
                throw error("expected ',' or ']' in a flow sequence", at: cursor, line: lineIndex)
            }
        }
        return YAMLNode(.list(items), line: origin.line, column: origin.column)
    }

    /// `{key: value, ...}`, with `cursor` on the `{`. Every entry needs `key: value`
    /// (`key:` alone gives null).
    mutating func parseFlowMapping(parentIndent: Int, depth: Int) throws(FrontMatterError) -> YAMLNode {
        let opener = (line: lineIndex, offset: cursor)
        let origin = self.position(of: cursor, line: lineIndex)
        cursor += 1
        var entries = MappingBuilder()
        while true {
            try skipFlowSpace(parentIndent: parentIndent, opener: opener)
            let byte = bytes[cursor]
            if byte == ASCII.rightBrace {
                cursor += 1
                break
            }
            if byte == ASCII.comma {
                throw error("unexpected ',' in a flow mapping (an entry is missing)", at: cursor, line: lineIndex)
            }
            if byte == ASCII.leftBracket || byte == ASCII.leftBrace {
                throw error("complex keys (a list or mapping used as a key) are not supported", at: cursor, line: lineIndex)
            }
            let keyLine = lineIndex
            let keyOffset = cursor
            let key = try parseFlowKey(parentIndent: parentIndent)
            let keyPosition = position(of: keyOffset, line: keyLine)
            try skipFlowSpace(parentIndent: parentIndent, opener: opener)
            guard bytes[cursor] == ASCII.colon else {
                let hint = key.contains(":") ? " (a space is needed after ':')" : ""
                throw error("expected ':' after the key '\(key)' in a flow mapping\(hint)", at: keyOffset, line: keyLine)
            }
            cursor += 1
            let nullPosition = node(.null, at: cursor, line: lineIndex)
            try skipFlowSpace(parentIndent: parentIndent, opener: opener)
            let value: YAMLNode
            if bytes[cursor] == ASCII.comma || bytes[cursor] == ASCII.rightBrace {
                value = nullPosition
            } else {
                value = try parseFlowNode(parentIndent: parentIndent, depth: depth + 1)
            }
            let entry = YAMLEntry(key: key, keyLine: keyPosition.line, keyColumn: keyPosition.column, value: value)
            if let first = entries.append(entry) {
                throw FrontMatterError("duplicate key '\(key)' (first defined on line \(first.keyLine))",
                                       line: keyPosition.line, column: keyPosition.column)
            }
            try skipFlowSpace(parentIndent: parentIndent, opener: opener)
            switch bytes[cursor] {
            case ASCII.comma:
                cursor += 1
            case ASCII.rightBrace:
                cursor += 1
                return YAMLNode(.mapping(entries.mapping), line: origin.line, column: origin.column)
            default:
                throw error("expected ',' or '}' in a flow mapping", at: cursor, line: lineIndex)
            }
        }
        return YAMLNode(.mapping(entries.mapping), line: origin.line, column: origin.column)
    }

    /// A key inside `{ }`: a quoted or plain scalar on one line that reads as text.
    private mutating func parseFlowKey(parentIndent: Int) throws(FrontMatterError) -> String {
        let keyLine = lineIndex
        let keyOffset = cursor
        let byte = bytes[cursor]
        if byte == ASCII.doubleQuote || byte == ASCII.singleQuote {
            let key = try parseQuoted(parentIndent: parentIndent)
            guard lineIndex == keyLine else {
                throw error("a key must be on one line", at: keyOffset, line: keyLine)
            }
            return key.stringValue ?? ""
        }
        if byte == ASCII.question && (cursor + 1 == lines[lineIndex].end || ASCII.isBlank(bytes[cursor + 1])) {
            throw error("complex keys ('?') are not supported", at: cursor, line: lineIndex)
        }
        guard canStartPlain(line: lineIndex, at: cursor, inFlow: true) else {
            throw valueStartProblem(line: lineIndex, at: cursor, inFlow: true)
        }
        let scan = scanPlainLine(lineIndex, from: cursor, inFlow: true)
        cursor = scan.stop
        let (key, problem) = keyText(keyOffset, scan.textEnd)
        if let problem { throw error(problem, at: keyOffset, line: keyLine) }
        return key
    }

    /// Skips blanks, line breaks and comments inside a flow collection. Lines
    /// inside it must be indented more than the block it belongs to (a line
    /// that only closes it may be less indented); running out of lines, or
    /// meeting the next key, means the collection was never closed.
    mutating func skipFlowSpace(parentIndent: Int, opener: (line: Int, offset: Int)) throws(FrontMatterError) {
        while true {
            let end = lines[lineIndex].end
            let before = cursor
            while cursor < end && ASCII.isBlank(bytes[cursor]) { cursor += 1 }
            if cursor < end {
                guard bytes[cursor] == ASCII.hash else { return }
                if cursor == before && cursor > lines[lineIndex].start {
                    throw error("a comment needs a space before '#'", at: cursor, line: lineIndex)
                }
            }
            lineIndex += 1
            guard lineIndex < lines.count else { throw unterminatedFlow(opener) }
            let first = firstNonBlank(in: lineIndex)
            if first < lines[lineIndex].end {
                let byte = bytes[first]
                if byte != ASCII.hash && byte != ASCII.rightBracket && byte != ASCII.rightBrace
                    && indentation(of: lineIndex) <= parentIndent {
                    throw unterminatedFlow(opener, hint: " before line \(firstLineNumber + lineIndex), which is not indented")
                }
            }
            cursor = lines[lineIndex].start
        }
    }

    private func unterminatedFlow(_ opener: (line: Int, offset: Int), hint: String = "") -> FrontMatterError {
        let message = bytes[opener.offset] == ASCII.leftBracket
            ? "unterminated flow sequence: '[' has no matching ']'"
            : "unterminated flow mapping: '{' has no matching '}'"
        return error(message + hint, at: opener.offset, line: opener.line)
    }
}
