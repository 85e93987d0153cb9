/// A section's settings from its `_index.md` (or defaults when it has none).
public struct SectionInfo: Sendable, Hashable {
    public enum SortOrder: String, Sendable, Hashable {
        /// Newest first, then by weight.
        case date
        /// By weight, then newest first.
        case weight
    }

    /// The folder relative to content/ (`events/2025`); `""` for the home page.
    public var path: String
    public var title: String
    public var description: String?
    public var defaultKind: PageKind
    public var sort: SortOrder
    public var weight: Int?
    /// The intro text (Markdown) of `_index.md`.
    public var body: String
    public var bodyStartLine: Int
    /// The `_index.md` file, when there is one.
    public var sourceFile: String?

    public init(path: String, title: String) {
        self.path = path
        self.title = title
        self.defaultKind = .article
        self.sort = .date
        self.body = ""
        self.bodyStartLine = 1
    }

    public var url: URLPath {
        URLPath(path.split(separator: "/").map(String.init))
    }
}
