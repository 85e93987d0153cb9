/// A link or image destination as written in the body, with where it is.
public struct MarkdownLink: Sendable, Hashable {
    /// The destination after CommonMark unescaping (backslash escapes and
    /// entities decoded), before any rewriting.
    public var destination: String
    public var isImage: Bool
    /// 1-based line of the link's first character (`[`, `!` or `<`), plus
    /// the options' `lineOffset`.
    public var line: Int
    /// 1-based column in Unicode scalars (a Chinese character is one column).
    public var column: Int

    public init(destination: String, isImage: Bool, line: Int, column: Int) {
        self.destination = destination
        self.isImage = isImage
        self.line = line
        self.column = column
    }
}
