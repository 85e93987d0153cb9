/// A parsed template, shared (never copied) by every render.
final class CompiledTemplate: Sendable {
    let name: String
    let path: String
    let root: Content
    /// Byte offsets at which each line starts, for turning offsets into positions.
    private let lineStarts: [Int]
    private let source: String
    /// The bytes of literal text in the template itself, to size output buffers.
    let estimatedOutputSize: Int

    init(name: String, path: String, source: String, root: Content, lineStarts: [Int]) {
        self.name = name
        self.path = path
        self.source = source
        self.root = root
        self.lineStarts = lineStarts
        self.estimatedOutputSize = 2 * Self.textSize(of: root) + 1024
    }

    var sourceText: String { source }

    private static func textSize(of content: Content) -> Int {
        content.nodes.reduce(0) { total, node in
            switch node {
            case .text(let run): total + run.text.utf8.count
            case .section(let section): total + textSize(of: section.content)
            case .block(let block): total + textSize(of: block.defaultContent)
            case .variable, .partial, .parent: total
            }
        }
    }

    /// 1-based line and Unicode-scalar column of a byte offset.
    func position(ofByte offset: Int) -> (line: Int, column: Int) {
        Self.position(ofByte: offset, lineStarts: lineStarts, in: source)
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
}
