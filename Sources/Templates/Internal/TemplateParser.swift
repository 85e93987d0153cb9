/// Compiles one template's source into a node tree, in a single pass over
/// its UTF-8 bytes, collecting every error it can find instead of stopping
/// at the first.
///
/// Whitespace follows the Mustache spec, including the inheritance rules of
/// the spec's whitespace guide:
/// - A standalone tag (alone on its line apart from spaces and tabs) removes
///   its whole line. Interpolations are never standalone.
/// - A parent pair `{{<p}}…{{/p}}` is standalone when `{{<p}}` has only
///   whitespace before it and `{{/p}}` only whitespace after it, even on one line.
/// - Inside a parent, an argument `{{$b}}` removes the line end after it, and
///   its `{{/b}}` the whitespace before it on its line.
/// - A block's intrinsic indentation (the indentation of the line after an
///   opening tag that ends its line) is removed from every line of the block.
/// Every kept line start is recorded, so that an indented partial or block
/// can insert its indentation there at render time.
struct TemplateParser {
    private let bytes: [UInt8]
    private let path: String
    private let maxNestingDepth: Int
    private(set) var errors: [TemplateError] = []
    private let lineStarts: [Int]
    private let source: String

    private var openDelimiter: [UInt8] = Array("{{".utf8)
    private var closeDelimiter: [UInt8] = Array("}}".utf8)
    private var frames: [Frame]
    /// Where the next literal text begins.
    private var textStart = 0

    init(source: String, path: String, maxNestingDepth: Int) {
        // A byte order mark is not template text; editors do not count it as a column either.
        let source = source.hasPrefix("\u{FEFF}") ? String(source.unicodeScalars.dropFirst()) : source
        self.source = source
        self.path = path
        self.maxNestingDepth = maxNestingDepth
        let bytes = Array(source.utf8)
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == Ascii.newline {
            starts.append(offset + 1)
        }
        self.lineStarts = starts
        self.bytes = bytes
        self.frames = [Frame(kind: .root, closingName: "", offset: 0, contentStart: 0)]
    }

    /// Parses the whole template. With errors (see `errors`) the tree is
    /// what could be recovered: good enough to check the partial names in it.
    mutating func parse(name: String) -> CompiledTemplate {
        scanTags()
        return CompiledTemplate(
            name: name,
            path: path,
            source: source,
            root: Content(nodes: frames[0].nodes, startsWithLineStart: frames[0].startsWithLineStart),
            lineStarts: lineStarts
        )
    }

    // MARK: - Scanning

    private mutating func scanTags() {
        var position = textStart
        while let tagStart = find(openDelimiter, from: position) {
            switch readTag(at: tagStart) {
            case .success(let tag):
                if !handle(tag) { return }
                position = max(textStart, tag.end)
            case .failure(let failure):
                switch failure {
                case .recoverable(let error):
                    // Keep going after the opening delimiter, so that later
                    // tags are still checked.
                    report(error.message, at: error.offset)
                    position = tagStart + openDelimiter.count
                case .fatal(let error):
                    report(error.message, at: error.offset)
                    return
                }
            }
        }
        flushText(upTo: bytes.count, dropsLineStartAtEnd: false)
        while frames.count > 1 {
            let frame = frames[frames.count - 1]
            report("unclosed \(frame.kind.noun) \"\(frame.closingName)\"", at: frame.offset)
            closeTopFrame(offset: bytes.count, rightClearNext: nil)
        }
    }

    /// Applies one tag; `false` stops the scan (nesting too deep).
    private mutating func handle(_ tag: Tag) -> Bool {
        let lineStart = leftClearLineStart(before: tag.start)
        let nextLine = rightClearNextLine(after: tag.end)
        let isStandalone = lineStart != nil && nextLine != nil
        let standaloneLineStart = isStandalone ? lineStart : nil

        switch tag.kind {
        case .variable(let name, let escaped):
            flushText(upTo: tag.start, dropsLineStartAtEnd: false)
            appendNode(.variable(VariableNode(name: name, escaped: escaped, offset: tag.start)))
            textStart = tag.end

        case .comment, .ignored:
            removeTag(tag, standaloneLineStart: standaloneLineStart, nextLine: nextLine)

        case .setDelimiters(let open, let close):
            removeTag(tag, standaloneLineStart: standaloneLineStart, nextLine: nextLine)
            openDelimiter = open
            closeDelimiter = close

        case .partial(let reference):
            let indentation = standaloneLineStart.map { string(strippedIndentation(from: $0, to: tag.start)) } ?? ""
            removeTag(tag, standaloneLineStart: standaloneLineStart, nextLine: nextLine)
            appendNode(.partial(PartialNode(
                reference: reference, indentation: indentation, isStandalone: isStandalone, offset: tag.start
            )))

        case .sectionOpen(let name, let inverted):
            guard checkNesting(at: tag.start) else { return false }
            removeTag(tag, standaloneLineStart: standaloneLineStart, nextLine: nextLine)
            frames.append(Frame(
                kind: .section(name, inverted: inverted), closingName: name.text,
                offset: tag.start, contentStart: textStart
            ))

        case .parentOpen(let reference, let text):
            guard checkNesting(at: tag.start) else { return false }
            var frame = Frame(kind: .parent(reference), closingName: text, offset: tag.start, contentStart: 0)
            if let lineStart {
                // Whether this whitespace is indentation or text is known
                // only at `{{/parent}}`: hold it back until then.
                frame.heldWhitespace = strippedIndentation(from: lineStart, to: tag.start)
                frame.heldLineStart = lineStartKind(at: lineStart)
                flushText(upTo: lineStart, dropsLineStartAtEnd: true)
            } else {
                flushText(upTo: tag.start, dropsLineStartAtEnd: false)
            }
            textStart = tag.end
            frame.contentStart = textStart
            frames.append(frame)

        case .blockOpen(let name):
            guard checkNesting(at: tag.start) else { return false }
            if case .parent = frames[frames.count - 1].kind {
                // An argument: what precedes it is ignored parent text; a line
                // end right after it belongs to the tag.
                textStart = nextLine ?? tag.end
                let intrinsic = nextLine.map(intrinsicIndentation(ofLineAt:)) ?? []
                frames.append(Frame(
                    kind: .argument, closingName: name, offset: tag.start,
                    contentStart: textStart, stripPrefix: intrinsic
                ))
            } else {
                let leading = lineStart.map { strippedIndentation(from: $0, to: tag.start) }
                removeTag(tag, standaloneLineStart: standaloneLineStart, nextLine: nextLine)
                let intrinsic = isStandalone ? nextLine.map(intrinsicIndentation(ofLineAt:)) ?? [] : []
                var frame = Frame(
                    kind: .block(isStandalone: isStandalone), closingName: name, offset: tag.start,
                    contentStart: textStart, stripPrefix: intrinsic
                )
                frame.heldWhitespace = leading
                frames.append(frame)
            }

        case .close(let name):
            guard let matchIndex = frames.lastIndex(where: { $0.closingName == name }), matchIndex > 0 else {
                report("closing tag \"\(name)\" has no open section", at: tag.start)
                removeTag(tag, standaloneLineStart: standaloneLineStart, nextLine: nextLine)
                return true
            }
            if matchIndex != frames.count - 1 {
                let open = frames[frames.count - 1]
                report("closing tag \"\(name)\" does not match the open \(open.kind.noun) \"\(open.closingName)\"", at: tag.start)
                while frames.count - 1 > matchIndex {
                    flushText(upTo: tag.start, dropsLineStartAtEnd: false)
                    textStart = tag.start
                    closeTopFrame(offset: tag.start, rightClearNext: nil)
                }
            }
            closeMatchingFrame(tag, lineStart: lineStart, nextLine: nextLine)
        }
        return true
    }

    /// Closes the innermost frame with the whitespace rule of its kind.
    private mutating func closeMatchingFrame(_ tag: Tag, lineStart: Int?, nextLine: Int?) {
        let frame = frames[frames.count - 1]
        switch frame.kind {
        case .root:
            break
        case .section, .block:
            removeTag(tag, standaloneLineStart: nextLine != nil ? lineStart : nil, nextLine: nextLine)
            closeTopFrame(offset: tag.start, rightClearNext: nextLine)
        case .argument:
            // The whitespace before `{{/b}}` on its own line is not content;
            // what follows the tag is ignored parent text.
            if let lineStart {
                flushText(upTo: lineStart, dropsLineStartAtEnd: true)
            } else {
                flushText(upTo: tag.start, dropsLineStartAtEnd: false)
            }
            textStart = tag.end
            closeTopFrame(offset: tag.start, rightClearNext: nil)
        case .parent:
            // The pair is standalone when whitespace precedes `{{<p}}` and follows `{{/p}}`.
            if frame.heldWhitespace != nil, let nextLine {
                textStart = nextLine
            } else {
                textStart = tag.end
            }
            closeTopFrame(offset: tag.start, rightClearNext: nextLine)
        }
    }

    /// Pops the innermost frame and adds its node to the frame below.
    private mutating func closeTopFrame(offset: Int, rightClearNext: Int?) {
        let frame = frames.removeLast()
        let content = Content(nodes: frame.nodes, startsWithLineStart: frame.startsWithLineStart)
        switch frame.kind {
        case .root:
            break
        case .section(let name, let inverted):
            appendNode(.section(SectionNode(name: name, content: content, inverted: inverted, offset: frame.offset)))
        case .argument:
            if case .parent = frames[frames.count - 1].kind {
                frames[frames.count - 1].arguments[frame.closingName] = content
            }
        case .block(let isStandalone):
            let indentation: [UInt8]
            if isStandalone {
                indentation = frame.stripPrefix
            } else if let leading = frame.heldWhitespace, rightClearNext != nil {
                // `  {{$b}}…{{/b}}` alone on a line: its lines line up with the tag.
                indentation = leading
            } else {
                indentation = []
            }
            appendNode(.block(BlockNode(
                name: frame.closingName, defaultContent: content, indentation: string(indentation),
                isStandalone: isStandalone, offset: frame.offset
            )))
        case .parent(let reference):
            let isStandalone = frame.heldWhitespace != nil && rightClearNext != nil
            if let held = frame.heldWhitespace, !isStandalone {
                // Not standalone after all: the held whitespace is text.
                switch frame.heldLineStart {
                case .conditional:
                    frames[frames.count - 1].startsWithLineStart = true
                    appendText(TextRun(text: string(held), pieces: []))
                case .unconditional: appendText(TextRun(text: string(held), pieces: ["", string(held)]))
                case .none: appendText(TextRun(text: string(held), pieces: []))
                }
            }
            appendNode(.parent(ParentNode(
                reference: reference, arguments: frame.arguments,
                indentation: isStandalone ? string(frame.heldWhitespace ?? []) : "",
                isStandalone: isStandalone, offset: frame.offset
            )))
        }
    }

    /// Flushes the text before a tag that produces no output of its own, and
    /// skips the tag (with its whole line when it is standalone).
    private mutating func removeTag(_ tag: Tag, standaloneLineStart: Int?, nextLine: Int?) {
        if let standaloneLineStart, let nextLine {
            flushText(upTo: standaloneLineStart, dropsLineStartAtEnd: true)
            textStart = nextLine
        } else {
            flushText(upTo: tag.start, dropsLineStartAtEnd: false)
            textStart = tag.end
        }
    }

    private mutating func checkNesting(at offset: Int) -> Bool {
        if frames.count > maxNestingDepth {
            report("sections nested more than \(maxNestingDepth) levels deep", at: offset)
            return false
        }
        return true
    }

    // MARK: - Text and line starts

    private func lineStartKind(at offset: Int) -> LineStartKind {
        guard offset < bytes.count, isLineStart(offset) else { return .none }
        let frame = frames[frames.count - 1]
        if offset == frame.contentStart, frame.kind.hasConditionalFirstLine { return .conditional }
        return .unconditional
    }

    private func isLineStart(_ offset: Int) -> Bool {
        offset == 0 || bytes[offset - 1] == Ascii.newline
    }

    /// Adds the source text from `textStart` up to `end` to the innermost
    /// frame, recording line starts and removing intrinsic indentation.
    /// `dropsLineStartAtEnd`: the line beginning at `end` is a removed
    /// standalone line, so it gets no line start.
    private mutating func flushText(upTo end: Int, dropsLineStartAtEnd: Bool) {
        let start = textStart
        guard start <= end else { return }
        if case .parent = frames[frames.count - 1].kind { return }
        var pieces: [[UInt8]] = [[]]
        var index = start
        if isLineStart(start), !(start == end && dropsLineStartAtEnd) {
            index = beginLine(at: start, limit: end, pieces: &pieces)
        }
        while index < end {
            guard let newline = bytes[index..<end].firstIndex(of: Ascii.newline) else {
                pieces[pieces.count - 1].append(contentsOf: bytes[index..<end])
                break
            }
            pieces[pieces.count - 1].append(contentsOf: bytes[index...newline])
            index = newline + 1
            if index == end && dropsLineStartAtEnd { break }
            index = beginLine(at: index, limit: end, pieces: &pieces)
        }
        if pieces.count == 1 && pieces[0].isEmpty { return }
        let text = pieces.reduce(into: [UInt8]()) { $0.append(contentsOf: $1) }
        appendText(TextRun(text: string(text), pieces: pieces.map(string)))
    }

    /// Records the line start at `offset` and skips its intrinsic indentation.
    private mutating func beginLine(at offset: Int, limit: Int, pieces: inout [[UInt8]]) -> Int {
        switch lineStartKind(at: offset) {
        case .none: return offset
        case .conditional: frames[frames.count - 1].startsWithLineStart = true
        case .unconditional: pieces.append([])
        }
        return skipIntrinsicIndentation(at: offset, limit: limit)
    }

    /// Removes the active blocks' intrinsic indentation from the line at `offset`.
    private func skipIntrinsicIndentation(at offset: Int, limit: Int) -> Int {
        var index = offset
        for frame in frames where !frame.stripPrefix.isEmpty {
            let prefix = frame.stripPrefix
            guard index + prefix.count <= limit, bytes[index..<(index + prefix.count)].elementsEqual(prefix) else { break }
            index += prefix.count
        }
        return index
    }

    /// The whitespace from a line start to a tag, without the active blocks'
    /// intrinsic indentation.
    private func strippedIndentation(from lineStart: Int, to tagStart: Int) -> [UInt8] {
        let skipped = skipIntrinsicIndentation(at: lineStart, limit: tagStart)
        return Array(bytes[skipped..<tagStart])
    }

    /// The indentation of the line at `offset` beyond the active blocks' own:
    /// a new block's intrinsic indentation.
    private func intrinsicIndentation(ofLineAt offset: Int) -> [UInt8] {
        var end = offset
        while end < bytes.count, bytes[end] == Ascii.space || bytes[end] == Ascii.tab { end += 1 }
        return strippedIndentation(from: offset, to: end)
    }

    private mutating func appendText(_ run: TextRun) {
        let last = frames[frames.count - 1].nodes.count - 1
        if last >= 0, case .text(let previous) = frames[frames.count - 1].nodes[last] {
            frames[frames.count - 1].nodes[last] = .text(previous.appending(run))
        } else {
            frames[frames.count - 1].nodes.append(.text(run))
        }
    }

    private mutating func appendNode(_ node: Node) {
        frames[frames.count - 1].nodes.append(node)
    }

    // MARK: - Standalone tests

    /// The start of the tag's line when only spaces and tabs precede the tag on it.
    private func leftClearLineStart(before offset: Int) -> Int? {
        var index = offset
        while index > 0, bytes[index - 1] == Ascii.space || bytes[index - 1] == Ascii.tab {
            index -= 1
        }
        return isLineStart(index) ? index : nil
    }

    /// The start of the next line (or the end of the template) when only
    /// spaces and tabs follow the tag on its line.
    private func rightClearNextLine(after offset: Int) -> Int? {
        var index = offset
        while index < bytes.count, bytes[index] == Ascii.space || bytes[index] == Ascii.tab {
            index += 1
        }
        if index == bytes.count { return index }
        if bytes[index] == Ascii.newline { return index + 1 }
        if bytes[index] == Ascii.carriageReturn, index + 1 < bytes.count, bytes[index + 1] == Ascii.newline {
            return index + 2
        }
        return nil
    }

    // MARK: - Reading one tag

    private struct Tag {
        enum Kind {
            case variable(Name, escaped: Bool)
            case comment
            /// A tag with an error already reported: removed like a comment.
            case ignored
            case setDelimiters(open: [UInt8], close: [UInt8])
            case sectionOpen(Name, inverted: Bool)
            case close(String)
            case partial(TemplateReference)
            case parentOpen(TemplateReference, text: String)
            case blockOpen(String)
        }

        var kind: Kind
        var start: Int
        var end: Int
    }

    private struct TagError: Error {
        var message: String
        var offset: Int
    }

    private enum TagFailure: Error {
        /// The tag could not be delimited: read on after its opening delimiter.
        case recoverable(TagError)
        /// The rest of the template cannot be read (an unclosed comment).
        case fatal(TagError)
    }

    private mutating func readTag(at start: Int) -> Result<Tag, TagFailure> {
        var index = start + openDelimiter.count
        while index < bytes.count, bytes[index] == Ascii.space || bytes[index] == Ascii.tab { index += 1 }
        let sigil = index < bytes.count ? bytes[index] : 0
        let openText = string(openDelimiter)
        let closeText = string(closeDelimiter)

        switch sigil {
        case Ascii.bang:
            guard let close = find(closeDelimiter, from: index + 1) else {
                return .failure(.fatal(TagError(message: "unclosed comment: expected \"\(closeText)\"", offset: start)))
            }
            return .success(Tag(kind: .comment, start: start, end: close + closeDelimiter.count))

        case Ascii.equals:
            guard let close = find([Ascii.equals] + closeDelimiter, from: index + 1, sameLine: true) else {
                return .failure(.recoverable(TagError(
                    message: "unclosed set-delimiter tag: expected \"=\(closeText)\"", offset: start
                )))
            }
            let end = close + 1 + closeDelimiter.count
            let parts = bytes[(index + 1)..<close]
                .split(whereSeparator: { $0 == Ascii.space || $0 == Ascii.tab })
            guard parts.count == 2 else {
                report("a set-delimiter tag needs two delimiters separated by a space, as in \(openText)=<% %>=\(closeText)", at: start)
                return .success(Tag(kind: .ignored, start: start, end: end))
            }
            guard !parts.contains(where: { $0.contains(Ascii.equals) }) else {
                report("delimiters cannot contain \"=\"", at: start)
                return .success(Tag(kind: .ignored, start: start, end: end))
            }
            return .success(Tag(kind: .setDelimiters(open: Array(parts[0]), close: Array(parts[1])), start: start, end: end))

        case Ascii.openBrace:
            guard let close = find([Ascii.closeBrace] + closeDelimiter, from: index + 1, sameLine: true) else {
                return .failure(.recoverable(TagError(message: "unclosed tag: expected \"}\(closeText)\"", offset: start)))
            }
            let end = close + 1 + closeDelimiter.count
            let text = trimmed(index + 1, close)
            guard let name = checkedName(text, at: start, sigil: "{") else {
                return .success(Tag(kind: .ignored, start: start, end: end))
            }
            return .success(Tag(kind: .variable(name, escaped: false), start: start, end: end))

        default:
            guard let close = find(closeDelimiter, from: index, sameLine: true) else {
                return .failure(.recoverable(TagError(message: "unclosed tag: expected \"\(closeText)\"", offset: start)))
            }
            let end = close + closeDelimiter.count
            let hasSigil = [Ascii.hash, Ascii.caret, Ascii.slash, Ascii.greater, Ascii.less, Ascii.dollar, Ascii.ampersand]
                .contains(sigil)
            let text = trimmed(hasSigil ? index + 1 : index, close)
            let ignored = Tag(kind: .ignored, start: start, end: end)
            let sigilText = hasSigil ? String(UnicodeScalar(sigil)) : ""

            switch sigil {
            case Ascii.hash, Ascii.caret:
                guard let name = checkedName(text, at: start, sigil: sigilText) else { return .success(ignored) }
                return .success(Tag(kind: .sectionOpen(name, inverted: sigil == Ascii.caret), start: start, end: end))
            case Ascii.slash:
                guard checkedWord(text, at: start, sigil: "/") else { return .success(ignored) }
                return .success(Tag(kind: .close(normalizedReferenceText(text)), start: start, end: end))
            case Ascii.greater, Ascii.less:
                guard let reference = checkedReference(text, at: start, sigil: sigilText) else { return .success(ignored) }
                if sigil == Ascii.greater {
                    return .success(Tag(kind: .partial(reference), start: start, end: end))
                }
                return .success(Tag(kind: .parentOpen(reference, text: normalizedReferenceText(text)), start: start, end: end))
            case Ascii.dollar:
                guard checkedWord(text, at: start, sigil: "$") else { return .success(ignored) }
                return .success(Tag(kind: .blockOpen(text), start: start, end: end))
            default:
                guard let name = checkedName(text, at: start, sigil: sigilText) else { return .success(ignored) }
                return .success(Tag(kind: .variable(name, escaped: sigil != Ascii.ampersand), start: start, end: end))
            }
        }
    }

    /// A data name: `.` or dotted parts, none empty, no spaces.
    private mutating func checkedName(_ text: String, at offset: Int, sigil: String) -> Name? {
        guard checkedWord(text, at: offset, sigil: sigil) else { return nil }
        if text == "." { return Name(text: text, parts: []) }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !parts.contains(where: \.isEmpty) else {
            report("invalid name \"\(text)\": a dotted name needs a name between its dots", at: offset)
            return nil
        }
        return Name(text: text, parts: parts)
    }

    /// A non-empty name without spaces.
    private mutating func checkedWord(_ text: String, at offset: Int, sigil: String) -> Bool {
        if text.isEmpty {
            let tag = "\(string(openDelimiter))\(sigil)\(sigil == "{" ? "}" : "")\(string(closeDelimiter))"
            report(sigil.isEmpty ? "empty tag \"\(tag)\"" : "missing name in tag \"\(tag)\"", at: offset)
            return false
        }
        if text.utf8.contains(where: { $0 == Ascii.space || $0 == Ascii.tab }) {
            report("invalid name \"\(text)\": names cannot contain spaces", at: offset)
            return false
        }
        return true
    }

    /// A partial or parent name: a template name, or `*` and a data name.
    private mutating func checkedReference(_ text: String, at offset: Int, sigil: String) -> TemplateReference? {
        if text.hasPrefix("*") {
            let nameText = String(text.dropFirst()).trimmingSpaces()
            guard let name = checkedName(nameText, at: offset, sigil: sigil + "*") else { return nil }
            return .dynamic(name)
        }
        guard checkedWord(text, at: offset, sigil: sigil) else { return nil }
        return .named(text)
    }

    /// `* name` and `*name` close the same tag.
    private func normalizedReferenceText(_ text: String) -> String {
        text.hasPrefix("*") ? "*" + String(text.dropFirst()).trimmingSpaces() : text
    }

    // MARK: - Helpers

    private mutating func report(_ message: String, at offset: Int) {
        let position = CompiledTemplate.position(ofByte: offset, lineStarts: lineStarts, in: source)
        errors.append(TemplateError(message: message, path: path, line: position.line, column: position.column))
    }

    private func trimmed(_ start: Int, _ end: Int) -> String {
        var low = start
        var high = end
        while low < high, bytes[low] == Ascii.space || bytes[low] == Ascii.tab { low += 1 }
        while high > low, bytes[high - 1] == Ascii.space || bytes[high - 1] == Ascii.tab { high -= 1 }
        return string(bytes[low..<high])
    }

    /// The offset of the first occurrence of `needle` at or after `start`;
    /// with `sameLine`, only before the next line break.
    private func find(_ needle: [UInt8], from start: Int, sameLine: Bool = false) -> Int? {
        guard let first = needle.first, needle.count <= bytes.count else { return nil }
        var index = start
        let last = bytes.count - needle.count
        while index <= last {
            let byte = bytes[index]
            if byte == first {
                var matched = true
                for offset in 1..<needle.count where bytes[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            } else if sameLine && byte == Ascii.newline {
                return nil
            }
            index += 1
        }
        return nil
    }

    private func string(_ slice: some Collection<UInt8>) -> String {
        String(decoding: slice, as: UTF8.self)
    }
}

// MARK: - Frames

extension TemplateParser {
    /// An open section, parent, block or argument, collecting its content.
    fileprivate struct Frame {
        enum Kind {
            case root
            case section(Name, inverted: Bool)
            case parent(TemplateReference)
            /// A block directly inside a parent: content passed to the parent.
            case argument
            /// A block elsewhere: a place a child template may fill.
            case block(isStandalone: Bool)

            var noun: String {
                switch self {
                case .root, .section: "section"
                case .parent: "parent tag"
                case .argument, .block: "block"
                }
            }

            /// Whether the content's first line is indented only when the tag
            /// that expands the content was standalone.
            var hasConditionalFirstLine: Bool {
                switch self {
                case .root, .argument, .block: true
                case .section, .parent: false
                }
            }
        }

        var kind: Kind
        var closingName: String
        /// The opening tag's offset, for messages.
        var offset: Int
        var contentStart: Int
        var stripPrefix: [UInt8] = []
        var nodes: [Node] = []
        var startsWithLineStart = false
        var arguments: [String: Content] = [:]
        /// The whitespace before the opening tag when only whitespace precedes
        /// it on its line (parents and blocks).
        var heldWhitespace: [UInt8]?
        var heldLineStart: LineStartKind = .none

        init(kind: Kind, closingName: String, offset: Int, contentStart: Int, stripPrefix: [UInt8] = []) {
            self.kind = kind
            self.closingName = closingName
            self.offset = offset
            self.contentStart = contentStart
            self.stripPrefix = stripPrefix
        }
    }
}

/// How a line start in the source is treated when the text is indented.
private enum LineStartKind {
    /// Not a line start (or the end of the template).
    case none
    /// The first line of a template or block: indented only when the tag
    /// that expands it is standalone.
    case conditional
    /// Any other line start.
    case unconditional
}
