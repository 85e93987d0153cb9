// TEMPORARY: the API shape the Markdown helper is implementing; replaced at merge.
public struct MarkdownOptions: Sendable { public var allowRawHTML: Bool; public var lineOffset: Int
    public init(allowRawHTML: Bool = false, lineOffset: Int = 0) { self.allowRawHTML = allowRawHTML; self.lineOffset = lineOffset } }
public struct MarkdownLink: Sendable, Hashable { public var destination: String; public var isImage: Bool; public var line: Int; public var column: Int }
public struct MarkdownHeading: Sendable, Hashable { public var level: Int; public var text: String; public var anchor: String }
public struct MarkdownDocument: Sendable {
    public init(parsing text: String, options: MarkdownOptions = MarkdownOptions(), rewriteDestination: (MarkdownLink) -> String? = { _ in nil }) { html = text; headings = []; links = []; firstParagraphText = text; plainText = text }
    public var html: String; public var headings: [MarkdownHeading]; public var links: [MarkdownLink]; public var firstParagraphText: String; public var plainText: String
}
