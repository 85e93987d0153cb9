import CCmark

/// One pass over a parsed tree, before it is rendered: redoes emphasis where
/// CJK text needs it, drops soft breaks between CJK characters, rewrites
/// link URLs, and collects headings, links and plain text. The walk is
/// iterative (no recursion on input depth) and only changes a node's
/// children before descending into them, or a leaf as it is left.
struct TreeWalker {
    private let source: UnsafeBufferPointer<UInt8>
    private let options: MarkdownOptions
    private var lineIndex: SourceLineIndex?
    private var columnCursor = SourceLineIndex.ColumnCursor()

    private(set) var headings: [MarkdownHeading] = []
    private(set) var links: [MarkdownLink] = []
    /// One entry per `<hN>` tag the renderer will write, in order: the
    /// heading's anchor, or nil for a tag inside raw HTML.
    private(set) var headingTags: [String?] = []
    private var anchors = HeadingAnchorAllocator()
    private var openHeadingTag = 0

    /// Plain text of all blocks so far, as UTF-8, one block per line.
    private var plain: [UInt8] = []
    private var blockStart = 0
    private var imageDepth = 0
    private var firstTopLevelParagraph: String?
    private var firstAnyParagraph: String?

    init(source: UnsafeBufferPointer<UInt8>, options: MarkdownOptions) {
        self.source = source
        self.options = options
        plain.reserveCapacity(source.count)
    }

    var plainText: String { String(decoding: plain, as: UTF8.self) }
    var firstParagraphText: String { firstTopLevelParagraph ?? firstAnyParagraph ?? "" }

    mutating func walk(_ root: OpaquePointer, rewriteDestination: (MarkdownLink) -> String?) {
        var node = root
        var entering = true
        while true {
            if entering {
                enter(node, rewriteDestination: rewriteDestination)
                if let child = cmark_node_first_child(node) {
                    node = child
                    continue
                }
            }
            if node == root { break }
            let next = cmark_node_next(node)
            let parent = cmark_node_parent(node)
            if leave(node) { cmark_node_free(node) }
            if let next {
                node = next
                entering = true
            } else if let parent {
                node = parent
                entering = false
            } else {
                break
            }
        }
    }

    // MARK: - Events

    private mutating func enter(_ node: OpaquePointer, rewriteDestination: (MarkdownLink) -> String?) {
        switch Cmark.type(node) {
        case CMARK_NODE_PARAGRAPH:
            resolveEmphasis(in: node, edges: nil)
            beginBlock()
        case CMARK_NODE_HEADING:
            resolveEmphasis(in: node, edges: nil)
            beginBlock()
            openHeadingTag = headingTags.count
            headingTags.append(nil)  // filled in when the heading is left
        case CMARK_NODE_TEXT, CMARK_NODE_CODE:
            if imageDepth == 0 { plain.append(contentsOf: Cmark.literal(node)) }
        case CMARK_NODE_LINEBREAK:
            if imageDepth == 0 { plain.append(0x0A) }
        case CMARK_NODE_LINK:
            record(node, isImage: false, rewriteDestination: rewriteDestination)
        case CMARK_NODE_IMAGE:
            record(node, isImage: true, rewriteDestination: rewriteDestination)
            imageDepth += 1
        case CMARK_NODE_CODE_BLOCK:
            beginBlock()
            var literal = Cmark.literal(node)[...]
            if literal.last == 0x0A { literal = literal.dropLast() }
            plain.append(contentsOf: literal)
            _ = endBlock()
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
            if options.allowRawHTML {
                let count = HeadingIDInserter.countHeadingTags(in: Cmark.literal(node))
                headingTags.append(contentsOf: repeatElement(nil, count: count))
            }
        default:
            break
        }
    }

    /// Returns true when the node should be removed from the tree.
    private mutating func leave(_ node: OpaquePointer) -> Bool {
        switch Cmark.type(node) {
        case CMARK_NODE_PARAGRAPH:
            let text = endBlock()
            if !text.isEmpty, firstTopLevelParagraph == nil {
                let topLevel = cmark_node_parent(node).map { Cmark.type($0) == CMARK_NODE_DOCUMENT } ?? false
                if topLevel || firstAnyParagraph == nil {
                    let string = String(decoding: plain[text], as: UTF8.self)
                    if topLevel { firstTopLevelParagraph = string }
                    if firstAnyParagraph == nil { firstAnyParagraph = string }
                }
            }
        case CMARK_NODE_HEADING:
            let text = String(decoding: plain[endBlock()], as: UTF8.self)
            let anchor = anchors.anchor(for: text)
            headings.append(MarkdownHeading(level: Int(cmark_node_get_heading_level(node)), text: text, anchor: anchor))
            headingTags[openHeadingTag] = anchor
        case CMARK_NODE_IMAGE:
            imageDepth -= 1
        case CMARK_NODE_SOFTBREAK:
            if joinsAcross(node) { return true }
            if imageDepth == 0 { plain.append(0x20) }
        default:
            break
        }
        return false
    }

    // MARK: - Plain text blocks

    private mutating func beginBlock() {
        if !plain.isEmpty { plain.append(0x0A) }
        blockStart = plain.count
    }

    /// Where the text of the block begun last lies in `plain`; an empty
    /// block leaves no line.
    private mutating func endBlock() -> Range<Int> {
        if plain.count == blockStart, blockStart > 0 {
            plain.removeLast()
            return plain.count..<plain.count
        }
        return blockStart..<plain.count
    }

    // MARK: - Emphasis

    private mutating func resolveEmphasis(in container: OpaquePointer, edges: (Unicode.Scalar, Unicode.Scalar)?) {
        guard CJKEmphasisResolver.mayNeedWork(container) else { return }
        CJKEmphasisResolver(source: source, lines: lines()).resolve(container, edges: edges)
    }

    private mutating func lines() -> SourceLineIndex {
        if let lineIndex { return lineIndex }
        let built = SourceLineIndex(source)
        lineIndex = built
        return built
    }

    // MARK: - Links

    private mutating func record(_ node: OpaquePointer, isImage: Bool, rewriteDestination: (MarkdownLink) -> String?) {
        let autolink = !isImage && Cmark.isAutolink(node)
        if !autolink { resolveEmphasis(in: node, edges: ("[", "]")) }
        let line = Int(cmark_node_get_start_line(node))
        let opening = UInt8(ascii: isImage ? "!" : autolink ? "<" : "[")
        let column = scalarColumn(line: line, byteColumn: Int(cmark_node_get_start_column(node)), expecting: opening)
        let link = MarkdownLink(
            destination: String(decoding: Cmark.url(node), as: UTF8.self),
            isImage: isImage,
            line: line + options.lineOffset,
            column: column
        )
        links.append(link)
        if let replacement = rewriteDestination(link) {
            _ = replacement.withCString { cmark_node_set_url(node, $0) }
        }
    }

    /// cmark's byte column as a scalar column. cmark 0.30 puts an inline
    /// node too far left on a continuation line indented more than its
    /// block, by up to that indentation: when the expected character is not
    /// at the reported column, the nearest one within the indentation (up to
    /// 64 columns) is taken.
    private mutating func scalarColumn(line: Int, byteColumn: Int, expecting opening: UInt8) -> Int {
        let index = lines()
        guard let range = index.range(ofLine: line) else { return max(byteColumn, 1) }
        var offset = range.lowerBound + max(byteColumn, 1) - 1
        if !(range.contains(offset) && source[offset] == opening) {
            var indentation = 0
            while indentation < 64, range.lowerBound + indentation < range.upperBound,
                  source[range.lowerBound + indentation] == 0x20 || source[range.lowerBound + indentation] == 0x09 {
                indentation += 1
            }
            for distance in 1...(indentation + 1) {
                if range.contains(offset + distance), source[offset + distance] == opening {
                    offset += distance
                    break
                }
                if range.contains(offset - distance), source[offset - distance] == opening {
                    offset -= distance
                    break
                }
            }
        }
        return index.scalarColumn(line: line, offset: offset, in: source, cursor: &columnCursor)
    }

    // MARK: - Soft breaks

    /// Whether a soft break sits between CJK characters and should vanish.
    private func joinsAcross(_ softBreak: OpaquePointer) -> Bool {
        guard let before = scalar(besides: softBreak, forward: false),
              let after = scalar(besides: softBreak, forward: true) else { return false }
        return CharacterClass.joinsWithoutSpace(before, after)
    }

    /// The text character rendered right before (or after) a node, looking
    /// out of emphasis and link text and into them; nil when it is not text
    /// (an image, raw HTML, a line break, the edge of the block).
    private func scalar(besides node: OpaquePointer, forward: Bool) -> Unicode.Scalar? {
        let sibling: (OpaquePointer) -> OpaquePointer? = forward ? cmark_node_next : cmark_node_previous
        var current = node
        while sibling(current) == nil {
            guard let parent = cmark_node_parent(current), Cmark.isInlineContainer(parent) else { return nil }
            current = parent
        }
        guard var candidate = sibling(current) else { return nil }
        while true {
            switch Cmark.type(candidate) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                let literal = Cmark.literal(candidate)
                return forward ? UTF8Scalars.first(of: literal) : UTF8Scalars.last(of: literal)
            case CMARK_NODE_EMPH, CMARK_NODE_STRONG, CMARK_NODE_LINK:
                guard let child = forward ? cmark_node_first_child(candidate) : cmark_node_last_child(candidate)
                else { return nil }
                candidate = child
            default:
                return nil
            }
        }
    }
}
