/// A page split into its parsed front matter and its Markdown body.
public struct PageSource: Sendable {
    /// Always a `.mapping` (empty front matter gives an empty mapping); its
    /// position is the opening `---`.
    public var frontMatter: YAMLNode
    /// Everything after the closing `---` line, as written (line endings kept).
    public var body: String
    /// The 1-based line in the file of the body's first line.
    public var bodyStartLine: Int

    public init(frontMatter: YAMLNode, body: String, bodyStartLine: Int) {
        self.frontMatter = frontMatter
        self.body = body
        self.bodyStartLine = bodyStartLine
    }
}
