/// One line of the YAML text: bytes `start..<end`, without its line break.
struct LineSpan {
    var start: Int
    var end: Int
}

/// Reads the YAML subset from a table of lines. Block structure (mappings and
/// `-` lists by indentation) is handled here; scalars, flow collections and
/// block scalars in the other `YAMLReader+` files.
///
/// Every parsing function leaves `lineIndex` on the last line it consumed, so
/// the block parser knows where to look for the next entry. Recursion is
/// bounded by `maxDepth`, so hostile input gives an error, not a stack overflow.
struct YAMLReader {
    let bytes: [UInt8]
    let lines: [LineSpan]
    /// The line number in the file of `lines[0]`.
    let firstLineNumber: Int
    static let maxDepth = 100

    /// The last line consumed so far, and the offset just after the last
    /// value read on it (used by the flow and quoted-scalar readers).
    var lineIndex = 0
    var cursor = 0
    /// The last column computed, so that the nodes of one long line cost
    /// linear time in total instead of a rescan from the line start each.
    private var lastColumn = (line: -1, offset: 0, column: 1)

    init(bytes: [UInt8], lines: [LineSpan], firstLineNumber: Int) {
        self.bytes = bytes
        self.lines = lines
        self.firstLineNumber = firstLineNumber
    }

    // MARK: Positions and errors

    func column(of offset: Int, line index: Int) -> Int {
        var column = 1
        var cursor = lines[index].start
        while cursor < offset {
            if bytes[cursor] & 0xC0 != 0x80 { column += 1 }
            cursor += 1
        }
        return column
    }

    func error(_ message: String, at offset: Int, line index: Int) -> FrontMatterError {
        FrontMatterError(message, line: firstLineNumber + index, column: column(of: offset, line: index))
    }

    mutating func node(_ value: YAMLValue, at offset: Int, line index: Int) -> YAMLNode {
        let position = self.position(of: offset, line: index)
        return YAMLNode(value, line: position.line, column: position.column)
    }

    /// The line number in the file and the column of `offset`.
    mutating func position(of offset: Int, line index: Int) -> (line: Int, column: Int) {
        var column = 1
        var cursor = lines[index].start
        if lastColumn.line == index && lastColumn.offset <= offset {
            column = lastColumn.column
            cursor = lastColumn.offset
        }
        while cursor < offset {
            if bytes[cursor] & 0xC0 != 0x80 { column += 1 }
            cursor += 1
        }
        lastColumn = (index, offset, column)
        return (firstLineNumber + index, column)
    }

    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }

    // MARK: Lines

    /// The number of spaces that start the line.
    func indentation(of index: Int) -> Int {
        let line = lines[index]
        var cursor = line.start
        while cursor < line.end && bytes[cursor] == ASCII.space { cursor += 1 }
        return cursor - line.start
    }

    /// The offset of the first byte that is neither space nor tab (the line's end if none).
    func firstNonBlank(in index: Int) -> Int {
        let line = lines[index]
        var cursor = line.start
        while cursor < line.end && ASCII.isBlank(bytes[cursor]) { cursor += 1 }
        return cursor
    }

    func isBlankLine(_ index: Int) -> Bool {
        firstNonBlank(in: index) == lines[index].end
    }

    /// The next line after `index` that holds more than blanks or a comment.
    /// Block structure starts there, so a tab in its indentation is an error.
    func nextContentLine(after index: Int) throws(FrontMatterError) -> Int? {
        var candidate = index + 1
        while candidate < lines.count {
            let first = firstNonBlank(in: candidate)
            if first == lines[candidate].end || bytes[first] == ASCII.hash {
                candidate += 1
                continue
            }
            var cursor = lines[candidate].start
            while cursor < first {
                if bytes[cursor] == ASCII.tab {
                    throw error("tabs are not allowed for indentation; indent with spaces", at: cursor, line: candidate)
                }
                cursor += 1
            }
            return candidate
        }
        return nil
    }

    /// Whether a `-` at `offset` starts a block sequence entry (`- ` or `-` at the line's end).
    func isSequenceEntry(at offset: Int, line index: Int) -> Bool {
        bytes[offset] == ASCII.minus && (offset + 1 == lines[index].end || ASCII.isBlank(bytes[offset + 1]))
    }

    // MARK: Block structure

    /// The front matter: a block mapping (or nothing at all, which gives an empty mapping).
    mutating func parseRoot(emptyLine: Int, emptyColumn: Int) throws(FrontMatterError) -> YAMLNode {
        guard let first = try nextContentLine(after: -1) else {
            return YAMLNode(.mapping(YAMLMapping()), line: emptyLine, column: emptyColumn)
        }
        let rootIndent = indentation(of: first)
        let root = try parseBlockNode(line: first, at: lines[first].start + rootIndent, parentIndent: -1, depth: 0)
        guard case .mapping = root.value else {
            throw FrontMatterError(
                "front matter must be a mapping of 'key: value' lines, not \(root.value.typeDescription)"
                    + keyHint(line: first),
                line: root.line, column: root.column)
        }
        if let extra = try nextContentLine(after: lineIndex) {
            throw inconsistentIndentation(line: extra, expected: rootIndent)
        }
        return root
    }

    func inconsistentIndentation(line index: Int, expected: Int) -> FrontMatterError {
        let found = indentation(of: index)
        return error("inconsistent indentation: expected \(expected) spaces, found \(found)",
                     at: lines[index].start + found, line: index)
    }

    func checkDepth(_ depth: Int, at offset: Int, line index: Int) throws(FrontMatterError) {
        if depth > YAMLReader.maxDepth {
            throw error("nesting is too deep (more than \(YAMLReader.maxDepth) levels)", at: offset, line: index)
        }
    }

    /// A node that starts a line's content (after indentation or after `- `):
    /// a block sequence, a block mapping, or a value written inline.
    mutating func parseBlockNode(line index: Int, at offset: Int, parentIndent: Int, depth: Int) throws(FrontMatterError) -> YAMLNode {
        try checkDepth(depth, at: offset, line: index)
        if isSequenceEntry(at: offset, line: index) {
            return try parseBlockSequence(line: index, dash: offset, depth: depth)
        }
        if let key = try scanKey(line: index, at: offset) {
            return try parseBlockMapping(line: index, firstKey: key, depth: depth)
        }
        return try parseInlineValue(line: index, at: offset, parentIndent: parentIndent, depth: depth)
    }

    /// A value that is not on the key's (or dash's) line but indented below it,
    /// or null when nothing is. A mapping's value may be a `-` list at the key's
    /// own indentation (`tags:` then `- a`).
    mutating func parseIndentedValue(
        after index: Int, parentIndent: Int, allowSequenceAtParentIndent: Bool,
        nullAt offset: Int, depth: Int
    ) throws(FrontMatterError) -> YAMLNode {
        lineIndex = index
        guard let next = try nextContentLine(after: index) else {
            return node(.null, at: offset, line: index)
        }
        let indent = indentation(of: next)
        let start = lines[next].start + indent
        if indent > parentIndent {
            return try parseBlockNode(line: next, at: start, parentIndent: parentIndent, depth: depth + 1)
        }
        if indent == parentIndent && allowSequenceAtParentIndent && isSequenceEntry(at: start, line: next) {
            try checkDepth(depth + 1, at: start, line: next)
            return try parseBlockSequence(line: next, dash: start, depth: depth + 1)
        }
        return node(.null, at: offset, line: index)
    }

    mutating func parseBlockSequence(line index: Int, dash: Int, depth: Int) throws(FrontMatterError) -> YAMLNode {
        let indent = dash - lines[index].start
        let origin = self.position(of: dash, line: index)
        var items: [YAMLNode] = []
        var line = index
        var dashOffset = dash
        while true {
            let end = lines[line].end
            var content = dashOffset + 1
            var sawTab = false
            while content < end && ASCII.isBlank(bytes[content]) {
                if bytes[content] == ASCII.tab { sawTab = true }
                content += 1
            }
            if content == end || bytes[content] == ASCII.hash {
                items.append(try parseIndentedValue(
                    after: line, parentIndent: indent, allowSequenceAtParentIndent: false,
                    nullAt: dashOffset + 1, depth: depth))
            } else {
                if sawTab && startsCompactCollection(line: line, at: content) {
                    throw error("tabs are not allowed for indentation; indent with spaces", at: dashOffset + 1, line: line)
                }
                lineIndex = line
                items.append(try parseBlockNode(line: line, at: content, parentIndent: indent, depth: depth + 1))
            }
            guard let next = try nextContentLine(after: lineIndex) else { break }
            let nextIndent = indentation(of: next)
            if nextIndent < indent { break }
            if nextIndent > indent { throw inconsistentIndentation(line: next, expected: indent) }
            let start = lines[next].start + nextIndent
            // Same indentation but not a `-`: the end of a list that is a mapping's value.
            guard isSequenceEntry(at: start, line: next) else { break }
            line = next
            dashOffset = start
        }
        return YAMLNode(.list(items), line: origin.line, column: origin.column)
    }

    /// Whether the text at `offset` opens a nested block collection (`- ` or `key:`).
    private func startsCompactCollection(line index: Int, at offset: Int) -> Bool {
        if isSequenceEntry(at: offset, line: index) { return true }
        return (try? scanKey(line: index, at: offset)) != nil
    }

    mutating func parseBlockMapping(line index: Int, firstKey: ScannedKey, depth: Int) throws(FrontMatterError) -> YAMLNode {
        let indent = firstKey.offset - lines[index].start
        let origin = self.position(of: firstKey.offset, line: index)
        var entries = MappingBuilder()
        var line = index
        var key = firstKey
        while true {
            let keyPosition = position(of: key.offset, line: line)
            if let problem = key.typeProblem {
                throw error(problem, at: key.offset, line: line)
            }
            let end = lines[line].end
            var content = key.colon + 1
            while content < end && ASCII.isBlank(bytes[content]) { content += 1 }
            let value: YAMLNode
            if content == end || bytes[content] == ASCII.hash {
                value = try parseIndentedValue(
                    after: line, parentIndent: indent, allowSequenceAtParentIndent: true,
                    nullAt: key.colon + 1, depth: depth)
            } else {
                lineIndex = line
                value = try parseInlineValue(line: line, at: content, parentIndent: indent, depth: depth + 1)
            }
            let entry = YAMLEntry(key: key.text, keyLine: keyPosition.line, keyColumn: keyPosition.column, value: value)
            if let first = entries.append(entry) {
                throw FrontMatterError("duplicate key '\(key.text)' (first defined on line \(first.keyLine))",
                                       line: keyPosition.line, column: keyPosition.column)
            }

            guard let next = try nextContentLine(after: lineIndex) else { break }
            let nextIndent = indentation(of: next)
            if nextIndent < indent { break }
            if nextIndent > indent { throw inconsistentIndentation(line: next, expected: indent) }
            let start = lines[next].start + nextIndent
            guard let nextKey = try scanKey(line: next, at: start) else {
                throw expectedKey(line: next, at: start)
            }
            line = next
            key = nextKey
        }
        return YAMLNode(.mapping(entries.mapping), line: origin.line, column: origin.column)
    }

    /// The error for a line among `key: value` entries that is not one.
    private func expectedKey(line index: Int, at offset: Int) -> FrontMatterError {
        if isSequenceEntry(at: offset, line: index) {
            return error("expected 'key: value', found a '- ' list item among the keys of a mapping", at: offset, line: index)
        }
        let end = lines[index].end
        var cursor = offset
        while cursor < end && bytes[cursor] != ASCII.colon { cursor += 1 }
        return error("expected 'key: value'" + keyHint(line: index), at: cursor < end ? cursor : offset, line: index)
    }

    /// Why a line that was meant as `key: value` may not be one: a full-width
    /// `：` (ordinary text in YAML) or a `:` without the space after it.
    func keyHint(line index: Int) -> String {
        let line = lines[index]
        var cursor = line.start
        while cursor < line.end {
            if bytes[cursor] == ASCII.colon {
                return " (a space is needed after ':')"
            }
            if cursor + 2 < line.end && bytes[cursor] == 0xEF && bytes[cursor + 1] == 0xBC && bytes[cursor + 2] == 0x9A {
                return " (the full-width '：' is ordinary text; a key needs ':' and a space)"
            }
            cursor += 1
        }
        return ""
    }
}

/// Collects a mapping's entries and finds duplicate keys (linear for the
/// usual handful of keys, a set for large mappings).
struct MappingBuilder {
    private(set) var mapping = YAMLMapping()
    private var seen: Set<String>?

    /// Appends the entry, or returns the earlier entry with the same key.
    mutating func append(_ entry: YAMLEntry) -> YAMLEntry? {
        if let seen {
            if seen.contains(entry.key) {
                return mapping.entries.first { $0.key == entry.key }
            }
        } else if let earlier = mapping.entries.first(where: { $0.key == entry.key }) {
            return earlier
        } else if mapping.entries.isEmpty {
            mapping.entries.reserveCapacity(8)
        }
        mapping.entries.append(entry)
        if seen != nil {
            seen?.insert(entry.key)
        } else if mapping.entries.count >= 16 {
            seen = Set(mapping.entries.map(\.key))
        }
        return nil
    }
}
