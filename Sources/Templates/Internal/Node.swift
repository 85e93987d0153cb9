/// What the parser makes of a template: a tree of nodes, which
/// `CompiledTemplate` then flattens into instructions for the renderer.
/// Offsets are UTF-8 byte offsets into the template's source, turned into
/// line and column only for messages.
enum Node: Sendable {
    case text(TextRun)
    case variable(VariableNode)
    case section(SectionNode)
    case partial(PartialNode)
    case parent(ParentNode)
    case block(BlockNode)
}

/// A run of literal text. `pieces` is empty when the run holds no line start
/// at which an indentation must be inserted; otherwise the text is split at
/// those line starts, so that rendering inside an indented partial inserts
/// the indentation between pieces.
struct TextRun: Sendable {
    var text: String
    var pieces: [String]

    init(text: String, pieces: [String]) {
        self.text = text
        self.pieces = pieces.count > 1 ? pieces : []
    }

    /// The pieces, including the single whole piece of a run without line starts.
    var allPieces: [String] { pieces.isEmpty ? [text] : pieces }

    func appending(_ other: TextRun) -> TextRun {
        if pieces.isEmpty && other.pieces.isEmpty {
            return TextRun(text: text + other.text, pieces: [])
        }
        var left = allPieces
        let right = other.allPieces
        left[left.count - 1] += right[0]
        left.append(contentsOf: right.dropFirst())
        return TextRun(text: text + other.text, pieces: left)
    }
}

/// A list of nodes: a template's body, a section's or a block's content.
struct Content: Sendable {
    var nodes: [Node]
    /// Whether the content begins at the start of a source line that is kept
    /// in the output. An indented expansion writes its indentation there only
    /// when the tag that expands it was standalone (it began a line itself).
    var startsWithLineStart: Bool
}

/// A data name: `.` (the top of the context stack) or dotted parts. A
/// class, so that the render loop passes it around with one reference count.
final class Name: Sendable, Hashable {
    /// As written, for messages and for matching the closing tag.
    let text: String
    /// Empty for `.`.
    let parts: [String]

    init(text: String, parts: [String]) {
        self.text = text
        self.parts = parts
    }

    var isImplicitIterator: Bool { parts.isEmpty }

    static func == (lhs: Name, rhs: Name) -> Bool { lhs.text == rhs.text }

    func hash(into hasher: inout Hasher) { hasher.combine(text) }
}

struct VariableNode: Sendable {
    var name: Name
    var escaped: Bool
    var offset: Int
}

struct SectionNode: Sendable {
    var name: Name
    var content: Content
    var inverted: Bool
    var offset: Int
}

/// Which template a partial or parent tag names.
enum TemplateReference: Sendable, Hashable {
    /// `{{>nav}}`: checked when the library is built.
    case named(String)
    /// `{{>*name}}`: the template name comes from the data at render time.
    case dynamic(Name)
}

struct PartialNode: Sendable {
    var reference: TemplateReference
    /// Added to every line of the partial (the whitespace before a standalone tag).
    var indentation: String
    var isStandalone: Bool
    var offset: Int
}

/// `{{<parent}}…{{/parent}}`: renders `parent` with the blocks given inside.
struct ParentNode: Sendable {
    var reference: TemplateReference
    var arguments: [String: Content]
    var indentation: String
    var isStandalone: Bool
    var offset: Int
}

/// `{{$name}}default{{/name}}` outside a parent tag: a place a child
/// template may fill.
struct BlockNode: Sendable {
    var name: String
    var defaultContent: Content
    /// Added to every line of the content that fills the block.
    var indentation: String
    var isStandalone: Bool
    var offset: Int
}
