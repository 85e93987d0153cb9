import CCmark

/// Redoes emphasis in one inline container (a paragraph, a heading, or the
/// text of a link or image) when CJK text next to a `*`/`_` run makes
/// CommonMark's flanking rules miss what the editor meant.
///
/// CommonMark decides whether a run can open or close emphasis from the
/// characters on either side. A closing `**` after punctuation must be
/// followed by whitespace or punctuation, which Chinese text never has:
/// `**真，**她` and `**《书名》**后` stay literal, and a later `做好**服务**`
/// may then pair with the wrong run. The rule used here is CommonMark's plus
/// two cases where a CJK character on the outer side stands in for the
/// whitespace a Western text would have. With `before`/`after` the characters
/// around the run (a container's edge counts as whitespace):
///
/// - left-flanking: CommonMark's (`after` is not whitespace, and `after` is
///   not punctuation or `before` is whitespace or punctuation), or `before`
///   is CJK and `after` is punctuation that can begin a phrase: not a closing
///   bracket or quote and not `，。、；：！？,.;:!?…` (`他说**“真的”**`);
/// - right-flanking: CommonMark's (mirrored), or `after` is CJK and `before`
///   is punctuation that can end a phrase: not an opening bracket or quote
///   (`**真，**她`, `**《书名》**后`);
/// - `*` opens when left-flanking and closes when right-flanking. `_` opens
///   when left-flanking and (not right-flanking, or `before` is punctuation,
///   or `before` is CJK and `after` punctuation), and closes symmetrically.
///   So `_` between two letters (`是____的`) is never emphasis, as in
///   CommonMark, and neither is an asterisk used as a note mark (`单价*，`).
///
/// Pairing then follows CommonMark's "process emphasis" procedure (nearest
/// opener, the rule of three, the openers' lower bound). A container is
/// rebuilt only when some run is classified differently from CommonMark,
/// which needs a CJK neighbour, so Latin text keeps cmark's result. Runs are
/// located in the source through cmark's positions; when a position does not
/// check out (cmark 0.30 is off after over-indented continuation lines or a
/// backslash line break) or a text node holds a decoded entity, the container
/// keeps cmark's result.
struct CJKEmphasisResolver {
    let source: UnsafeBufferPointer<UInt8>
    let lines: SourceLineIndex

    /// A cheap test for whether `container` has anything to resolve at all: an
    /// emphasis node or a `*`/`_` left as text among its inline children.
    static func mayNeedWork(_ container: OpaquePointer) -> Bool {
        var child = cmark_node_first_child(container)
        while let node = child {
            switch Cmark.type(node) {
            case CMARK_NODE_EMPH, CMARK_NODE_STRONG:
                return true
            case CMARK_NODE_TEXT:
                if Cmark.contains(Cmark.literal(node), asterisk, or: underscore) { return true }
            default:
                break
            }
            child = cmark_node_next(node)
        }
        return false
    }

    /// Re-pairs the runs in `container` when the CJK-aware rule disagrees
    /// with CommonMark. `edges` are the characters just outside the
    /// container in the source (`[` and `]` for link text), nil for a block.
    func resolve(_ container: OpaquePointer, edges: (Unicode.Scalar, Unicode.Scalar)? = nil) {
        guard let pieces = flatten(container) else { return }
        var runs: [(piece: Int, flanking: Flanking)] = []
        var differs = false
        for (index, piece) in pieces.enumerated() {
            guard case .run(let byte, _) = piece else { continue }
            let before = index > 0 ? Self.lastScalar(of: pieces[index - 1]) : edges?.0
            let after = index + 1 < pieces.count ? Self.firstScalar(of: pieces[index + 1]) : edges?.1
            let standard = Flanking(byte: byte, before: before, after: after, cjkAware: false)
            let relaxed = Flanking(byte: byte, before: before, after: after, cjkAware: true)
            if standard != relaxed { differs = true }
            runs.append((index, relaxed))
        }
        guard differs else { return }
        rebuild(container, from: pieces, runs: runs)
    }

    // MARK: - Flattening

    /// One element of a container's inline content with emphasis undone.
    private enum Piece {
        /// An inline node kept as it is (text without runs, code, link, break…).
        case node(OpaquePointer)
        /// Part of a text node that had runs in it.
        case text([UInt8])
        /// A run of `*` or `_`: the byte and the run's length.
        case run(UInt8, Int)
    }

    /// The container's inline content as cmark read it, with each emphasis
    /// node turned back into its delimiter runs and text split at runs; nil
    /// when the source does not confirm cmark's positions.
    private func flatten(_ container: OpaquePointer) -> [Piece]? {
        var pieces: [Piece] = []
        var open: [(node: OpaquePointer, byte: UInt8, count: Int)] = []
        var cursor = cmark_node_first_child(container)
        while true {
            while cursor == nil, let frame = open.popLast() {
                Self.appendRun(frame.byte, frame.count, to: &pieces)
                cursor = cmark_node_next(frame.node)
            }
            guard let node = cursor else { break }
            switch Cmark.type(node) {
            case CMARK_NODE_EMPH, CMARK_NODE_STRONG:
                let count = Cmark.type(node) == CMARK_NODE_EMPH ? 1 : 2
                guard let byte = delimiterByte(of: node, count: count) else { return nil }
                Self.appendRun(byte, count, to: &pieces)
                open.append((node, byte, count))
                cursor = cmark_node_first_child(node)
            case CMARK_NODE_TEXT:
                guard split(node, into: &pieces) else { return nil }
                cursor = cmark_node_next(node)
            default:
                pieces.append(.node(node))
                cursor = cmark_node_next(node)
            }
        }
        return pieces
    }

    private static func appendRun(_ byte: UInt8, _ count: Int, to pieces: inout [Piece]) {
        guard count > 0 else { return }
        // Adjacent runs of one byte are one run in the source, split by cmark's matching.
        if case .run(let previousByte, let previousCount)? = pieces.last, previousByte == byte {
            pieces[pieces.count - 1] = .run(byte, previousCount + count)
        } else {
            pieces.append(.run(byte, count))
        }
    }

    /// The delimiter byte of an emphasis node, read from the source at both
    /// ends of the node's span.
    private func delimiterByte(of node: OpaquePointer, count: Int) -> UInt8? {
        guard let start = lines.offset(line: Int(cmark_node_get_start_line(node)),
                                       column: Int(cmark_node_get_start_column(node))),
              let end = lines.offset(line: Int(cmark_node_get_end_line(node)),
                                     column: Int(cmark_node_get_end_column(node))),
              start + count <= source.count, end - count + 1 >= 0
        else { return nil }
        let byte = source[start]
        guard byte == Self.asterisk || byte == Self.underscore else { return nil }
        for offset in start..<(start + count) where source[offset] != byte { return nil }
        for offset in (end - count + 1)...end where source[offset] != byte { return nil }
        return byte
    }

    /// Splits a text node at the `*`/`_` runs that were delimiters in the
    /// source (not escaped, not from an entity). cmark merges text nodes and
    /// leaves delimiter characters that an emphasis node used inside the
    /// span of the text next to it, so a run may be shorter in the literal
    /// than in the source at either end of the span.
    private func split(_ node: OpaquePointer, into pieces: inout [Piece]) -> Bool {
        let literal = Cmark.literal(node)
        guard Cmark.contains(literal, Self.asterisk, or: Self.underscore) else {
            pieces.append(.node(node))
            return true
        }
        let line = Int(cmark_node_get_start_line(node))
        guard Int(cmark_node_get_end_line(node)) == line,
              let begin = lines.offset(line: line, column: Int(cmark_node_get_start_column(node))),
              let last = lines.offset(line: line, column: Int(cmark_node_get_end_column(node)))
        else { return false }
        let spanEnd = last + 1
        var sourceIndex = begin
        var literalIndex = 0
        var segmentStart = 0
        while literalIndex < literal.count {
            guard sourceIndex < spanEnd else { return false }
            let byte = source[sourceIndex]
            if byte == Self.backslash, sourceIndex + 1 < spanEnd,
               CharacterClass.isASCIIPunctuation(source[sourceIndex + 1]) {
                guard literal[literalIndex] == source[sourceIndex + 1] else { return false }
                sourceIndex += 2
                literalIndex += 1
            } else if byte == Self.asterisk || byte == Self.underscore {
                var runLength = 1
                while sourceIndex + runLength < spanEnd, source[sourceIndex + runLength] == byte { runLength += 1 }
                var kept = 0
                while kept < runLength, literalIndex + kept < literal.count, literal[literalIndex + kept] == byte {
                    kept += 1
                }
                let atEdge = sourceIndex == begin || sourceIndex + runLength == spanEnd
                guard kept == runLength || atEdge else { return false }
                if segmentStart < literalIndex {
                    pieces.append(.text(Array(literal[segmentStart..<literalIndex])))
                }
                Self.appendRun(byte, kept, to: &pieces)
                sourceIndex += runLength
                literalIndex += kept
                segmentStart = literalIndex
            } else {
                // Also catches a decoded entity (`&amp;` is `&` in the literal).
                guard literal[literalIndex] == byte else { return false }
                sourceIndex += 1
                literalIndex += 1
            }
        }
        // cmark's span may include spaces stripped before a line break.
        while sourceIndex < spanEnd {
            guard source[sourceIndex] == 0x20 || source[sourceIndex] == 0x09 else { return false }
            sourceIndex += 1
        }
        if segmentStart < literal.count {
            pieces.append(.text(Array(literal[segmentStart...])))
        }
        return true
    }

    // MARK: - Neighbouring characters

    /// The character a piece shows at its start in the source, as far as
    /// flanking cares: nodes other than text stand for their opening syntax.
    private static func firstScalar(of piece: Piece) -> Unicode.Scalar? {
        switch piece {
        case .text(let bytes): return bytes.withUnsafeBufferPointer { UTF8Scalars.first(of: $0) }
        case .run(let byte, _): return Unicode.Scalar(byte)
        case .node(let node):
            switch Cmark.type(node) {
            case CMARK_NODE_TEXT: return UTF8Scalars.first(of: Cmark.literal(node))
            case CMARK_NODE_CODE: return "`"
            case CMARK_NODE_HTML_INLINE: return "<"
            case CMARK_NODE_LINK: return "["
            case CMARK_NODE_IMAGE: return "!"
            default: return "\n"  // line breaks and anything else: whitespace
            }
        }
    }

    private static func lastScalar(of piece: Piece) -> Unicode.Scalar? {
        switch piece {
        case .text(let bytes): return bytes.withUnsafeBufferPointer { UTF8Scalars.last(of: $0) }
        case .run(let byte, _): return Unicode.Scalar(byte)
        case .node(let node):
            switch Cmark.type(node) {
            case CMARK_NODE_TEXT: return UTF8Scalars.last(of: Cmark.literal(node))
            case CMARK_NODE_CODE: return "`"
            case CMARK_NODE_HTML_INLINE: return ">"
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE: return ")"
            default: return "\n"
            }
        }
    }

    /// Whether a run can open and close emphasis (see the type's comment).
    private struct Flanking: Equatable {
        var canOpen: Bool
        var canClose: Bool

        init(byte: UInt8, before: Unicode.Scalar?, after: Unicode.Scalar?, cjkAware: Bool) {
            let beforeSpace = before.map(CharacterClass.isWhitespace) ?? true
            let afterSpace = after.map(CharacterClass.isWhitespace) ?? true
            let beforePunctuation = before.map(CharacterClass.isPunctuation) ?? false
            let afterPunctuation = after.map(CharacterClass.isPunctuation) ?? false
            var left = !afterSpace && (!afterPunctuation || beforeSpace || beforePunctuation)
            var right = !beforeSpace && (!beforePunctuation || afterSpace || afterPunctuation)
            var cjkBeforePunctuation = false
            var cjkAfterPunctuation = false
            if cjkAware, let before, let after {
                cjkBeforePunctuation = CharacterClass.isCJK(before) && !beforeSpace && afterPunctuation
                cjkAfterPunctuation = CharacterClass.isCJK(after) && !afterSpace && beforePunctuation
                if cjkBeforePunctuation, !CharacterClass.isClosingPunctuation(after) { left = true }
                if cjkAfterPunctuation, !CharacterClass.isOpeningPunctuation(before) { right = true }
            }
            if byte == CJKEmphasisResolver.asterisk {
                canOpen = left
                canClose = right
            } else {
                canOpen = left && (!right || beforePunctuation || cjkBeforePunctuation)
                canClose = right && (!left || afterPunctuation || cjkAfterPunctuation)
            }
        }
    }

    // MARK: - Rebuilding

    /// A run on the delimiter stack of CommonMark's procedure.
    private struct Delimiter {
        var node: OpaquePointer
        let byte: UInt8
        let length: Int
        var remaining: Int
        let canOpen: Bool
        let canClose: Bool
        var previous: Int?
        var next: Int?
    }

    private func rebuild(_ container: OpaquePointer, from pieces: [Piece], runs: [(piece: Int, flanking: Flanking)]) {
        // Keep the untouched nodes, free the rest (old emphasis and split text).
        for case .node(let node) in pieces { cmark_node_unlink(node) }
        while let child = cmark_node_first_child(container) { cmark_node_free(child) }

        var flankingByPiece: [Int: Flanking] = [:]
        for run in runs { flankingByPiece[run.piece] = run.flanking }
        var delimiters: [Delimiter] = []
        for (index, piece) in pieces.enumerated() {
            switch piece {
            case .node(let node):
                cmark_node_append_child(container, node)
            case .text(let bytes):
                guard let node = Cmark.makeText(bytes) else { continue }
                cmark_node_append_child(container, node)
            case .run(let byte, let count):
                guard let node = Cmark.makeText(repeatElement(byte, count: count)) else { continue }
                cmark_node_append_child(container, node)
                guard let flanking = flankingByPiece[index], flanking.canOpen || flanking.canClose else { continue }
                let position = delimiters.count
                delimiters.append(Delimiter(
                    node: node, byte: byte, length: count, remaining: count,
                    canOpen: flanking.canOpen, canClose: flanking.canClose,
                    previous: position > 0 ? position - 1 : nil, next: nil
                ))
                if position > 0 { delimiters[position - 1].next = position }
            }
        }
        processEmphasis(&delimiters)
    }

    /// CommonMark's "process emphasis" over the rebuilt container's runs.
    private func processEmphasis(_ delimiters: inout [Delimiter]) {
        // Lowest index an opener may have, per byte, closer-can-open and length mod 3.
        var openersBottom = [Int](repeating: -1, count: 12)
        var current: Int? = delimiters.isEmpty ? nil : 0

        func remove(_ index: Int) {
            let previous = delimiters[index].previous
            let next = delimiters[index].next
            if let previous { delimiters[previous].next = next }
            if let next { delimiters[next].previous = previous }
        }

        while let closer = current {
            let closing = delimiters[closer]
            guard closing.canClose else {
                current = closing.next
                continue
            }
            let key = (closing.byte == Self.asterisk ? 0 : 6) + (closing.canOpen ? 3 : 0) + closing.length % 3
            var candidate = closing.previous
            var found: Int?
            while let index = candidate, index > openersBottom[key] {
                let opening = delimiters[index]
                if opening.byte == closing.byte, opening.canOpen {
                    let oddMatch = (closing.canOpen || opening.canClose)
                        && (opening.length + closing.length) % 3 == 0
                        && !(opening.length % 3 == 0 && closing.length % 3 == 0)
                    if !oddMatch {
                        found = index
                        break
                    }
                }
                candidate = opening.previous
            }
            guard let opener = found else {
                openersBottom[key] = closing.previous ?? -1
                current = closing.next
                if !closing.canOpen { remove(closer) }
                continue
            }

            let used = delimiters[opener].remaining >= 2 && closing.remaining >= 2 ? 2 : 1
            wrap(from: delimiters[opener].node, to: closing.node, strong: used == 2)
            // Runs between the pair are now literal text inside the new node.
            delimiters[opener].next = closer
            delimiters[closer].previous = opener

            delimiters[opener].remaining -= used
            if delimiters[opener].remaining == 0 {
                remove(opener)
                cmark_node_free(delimiters[opener].node)
            } else {
                Cmark.setLiteral(delimiters[opener].node, repeatElement(closing.byte, count: delimiters[opener].remaining))
            }
            delimiters[closer].remaining -= used
            if delimiters[closer].remaining == 0 {
                current = delimiters[closer].next
                remove(closer)
                cmark_node_free(closing.node)
            } else {
                Cmark.setLiteral(closing.node, repeatElement(closing.byte, count: delimiters[closer].remaining))
            }
        }
    }

    /// Moves the siblings strictly between two run nodes into a new emphasis
    /// node placed after the opener.
    private func wrap(from opener: OpaquePointer, to closer: OpaquePointer, strong: Bool) {
        guard let emphasis = cmark_node_new(strong ? CMARK_NODE_STRONG : CMARK_NODE_EMPH) else { return }
        var cursor = cmark_node_next(opener)
        while let node = cursor, node != closer {
            cursor = cmark_node_next(node)
            cmark_node_append_child(emphasis, node)
        }
        cmark_node_insert_after(opener, emphasis)
    }

    static let asterisk = UInt8(ascii: "*")
    static let underscore = UInt8(ascii: "_")
    static let backslash = UInt8(ascii: "\\")
}
