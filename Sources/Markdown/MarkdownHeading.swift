/// A heading of the body, in document order.
public struct MarkdownHeading: Sendable, Hashable {
    /// 1 to 6.
    public var level: Int
    /// The heading's plain text (no markup).
    public var text: String
    /// The heading's `id` attribute in the HTML, unique within the document.
    public var anchor: String

    public init(level: Int, text: String, anchor: String) {
        self.level = level
        self.text = text
        self.anchor = anchor
    }
}
