/// A template ready to render, shared (never copied) by every render.
///
/// The parser's node tree is flattened into one array of plain instructions
/// with side tables for their strings, so the render loop moves an index
/// along the array and copies no reference-counted values per node. A
/// section's, block's or argument's content is the instruction range right
/// after its instruction, skipped (by jumping to `end`) when not rendered.
final class CompiledTemplate: Sendable {
    let name: String
    let path: String
    let code: [Instruction]
    /// The body of the template.
    let root: CodeRange
    /// All literal text of the template, UTF-8; text instructions name byte ranges of it.
    let textBytes: [UInt8]
    /// For each text with line starts, the offsets in `textBytes` where an
    /// indentation goes.
    let lineStarts: [[Int32]]
    let names: [Name]
    let partials: [PartialCall]
    let parents: [ParentCall]
    let blocks: [BlockCall]
    /// Bytes of literal text in the template itself, to size output buffers.
    let estimatedOutputSize: Int
    /// Byte offsets at which each source line starts, for turning offsets into positions.
    private let sourceLineStarts: [Int]
    private let source: String

    init(name: String, path: String, source: String, root: Content, lineStarts: [Int]) {
        self.name = name
        self.path = path
        self.source = source
        self.sourceLineStarts = lineStarts
        var builder = Builder()
        self.root = builder.emit(root)
        self.code = builder.code
        self.textBytes = builder.textBytes
        self.lineStarts = builder.lineStarts
        self.names = builder.names
        self.partials = builder.partials
        self.parents = builder.parents
        self.blocks = builder.blocks
        self.estimatedOutputSize = 2 * builder.textBytes.count + 1024
    }

    var sourceText: String { source }

    /// 1-based line and Unicode-scalar column of a byte offset.
    func position(ofByte offset: Int) -> (line: Int, column: Int) {
        Self.position(ofByte: offset, lineStarts: sourceLineStarts, in: source)
    }

    static func position(ofByte offset: Int, lineStarts: [Int], in source: String) -> (line: Int, column: Int) {
        // The last line start at or before the offset.
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        let utf8 = source.utf8
        let lineStart = lineStarts.isEmpty ? 0 : lineStarts[low]
        var column = 1
        var index = utf8.index(utf8.startIndex, offsetBy: lineStart, limitedBy: utf8.endIndex) ?? utf8.endIndex
        let end = utf8.index(utf8.startIndex, offsetBy: offset, limitedBy: utf8.endIndex) ?? utf8.endIndex
        while index < end {
            if utf8[index] & 0xC0 != 0x80 { column += 1 }
            utf8.formIndex(after: &index)
        }
        return (low + 1, column)
    }

    /// Flattens a node tree into instructions and tables.
    private struct Builder {
        var code: [Instruction] = []
        var textBytes: [UInt8] = []
        var lineStarts: [[Int32]] = []
        var names: [Name] = []
        var partials: [PartialCall] = []
        var parents: [ParentCall] = []
        var blocks: [BlockCall] = []

        mutating func emit(_ content: Content) -> CodeRange {
            let start = code.count
            for node in content.nodes {
                switch node {
                case .text(let run):
                    let start = textBytes.count
                    if run.pieces.isEmpty {
                        textBytes.append(contentsOf: run.text.utf8)
                        code.append(Instruction(.text, operand: start, end: textBytes.count, offset: 0))
                    } else {
                        var offsets: [Int32] = []
                        for (index, piece) in run.pieces.enumerated() {
                            if index > 0 { offsets.append(Int32(truncatingIfNeeded: textBytes.count)) }
                            textBytes.append(contentsOf: piece.utf8)
                        }
                        code.append(Instruction(.textWithLineStarts, operand: start, end: textBytes.count, offset: lineStarts.count))
                        lineStarts.append(offsets)
                    }
                case .variable(let variable):
                    code.append(Instruction(
                        variable.escaped ? .escapedVariable : .rawVariable, operand: names.count, end: 0, offset: variable.offset
                    ))
                    names.append(variable.name)
                case .section(let section):
                    let index = code.count
                    code.append(Instruction(section.inverted ? .invertedSection : .section, operand: names.count, end: 0, offset: section.offset))
                    names.append(section.name)
                    _ = emit(section.content)
                    code[index].end = Int32(code.count)
                case .partial(let partial):
                    code.append(Instruction(.partial, operand: partials.count, end: 0, offset: partial.offset))
                    partials.append(PartialCall(
                        reference: partial.reference, indentation: partial.indentation, isStandalone: partial.isStandalone
                    ))
                case .parent(let parent):
                    let index = code.count
                    code.append(Instruction(.parent, operand: parents.count, end: 0, offset: parent.offset))
                    parents.append(ParentCall(
                        reference: parent.reference, arguments: [:], indentation: parent.indentation, isStandalone: parent.isStandalone
                    ))
                    var arguments: [String: CodeRange] = [:]
                    for name in parent.arguments.keys.sorted() {
                        if let argument = parent.arguments[name] { arguments[name] = emit(argument) }
                    }
                    parents[Int(code[index].operand)].arguments = arguments
                    code[index].end = Int32(code.count)
                case .block(let block):
                    let index = code.count
                    code.append(Instruction(.block, operand: blocks.count, end: 0, offset: block.offset))
                    blocks.append(BlockCall(
                        name: block.name, defaultContent: CodeRange(start: 0, end: 0, startsWithLineStart: false),
                        indentation: block.indentation, isStandalone: block.isStandalone
                    ))
                    blocks[Int(code[index].operand)].defaultContent = emit(block.defaultContent)
                    code[index].end = Int32(code.count)
                }
            }
            return CodeRange(start: start, end: code.count, startsWithLineStart: content.startsWithLineStart)
        }
    }
}

/// One step of a compiled template: plain values only.
struct Instruction: Sendable {
    enum Operation: UInt8, Sendable {
        /// Appends `textBytes[operand..<end]`.
        case text
        /// The same, with the indentation inserted at `lineStarts[offset]`.
        case textWithLineStarts
        /// Appends the value of `names[operand]`, escaped or not.
        case escapedVariable, rawVariable
        /// Renders the instructions up to `end` for the value of
        /// `names[operand]` (or when it is falsey), then continues at `end`.
        case section, invertedSection
        /// Expands `partials[operand]`.
        case partial
        /// Expands `parents[operand]`; its arguments' code runs up to `end`.
        case parent
        /// Expands `blocks[operand]`; its default content runs up to `end`.
        case block
    }

    var operation: Operation
    var operand: Int32
    var end: Int32
    /// The tag's byte offset in the source, for messages.
    var offset: Int32

    init(_ operation: Operation, operand: Int, end: Int, offset: Int) {
        self.operation = operation
        self.operand = Int32(truncatingIfNeeded: operand)
        self.end = Int32(truncatingIfNeeded: end)
        self.offset = Int32(truncatingIfNeeded: offset)
    }
}

/// Instructions `start..<end` of a template.
struct CodeRange: Sendable {
    var start: Int32
    var end: Int32
    /// See `Content.startsWithLineStart`.
    var startsWithLineStart: Bool

    init(start: Int, end: Int, startsWithLineStart: Bool) {
        self.start = Int32(truncatingIfNeeded: start)
        self.end = Int32(truncatingIfNeeded: end)
        self.startsWithLineStart = startsWithLineStart
    }
}

struct PartialCall: Sendable {
    var reference: TemplateReference
    var indentation: String
    var isStandalone: Bool
}

struct ParentCall: Sendable {
    var reference: TemplateReference
    var arguments: [String: CodeRange]
    var indentation: String
    var isStandalone: Bool
}

struct BlockCall: Sendable {
    var name: String
    var defaultContent: CodeRange
    var indentation: String
    var isStandalone: Bool
}
