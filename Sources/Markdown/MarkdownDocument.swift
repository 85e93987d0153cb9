/// A Markdown body parsed and rendered once: the HTML and everything the site
/// builder needs from the body (headings, links, text), so nothing later has
/// to scrape the HTML.
///
/// CommonMark as cmark implements it, with these additions for Chinese text:
/// headings get `id` anchors; a soft line break between CJK characters
/// vanishes instead of becoming a space; emphasis next to full-width
/// punctuation (`**真，**她`) works as the editor means it (see
/// `CJKEmphasisResolver` for the rule).
public struct MarkdownDocument: Sendable {
    /// The rendered body HTML.
    public var html: String
    public var headings: [MarkdownHeading]
    /// Every link and image destination as written (before rewriting), in
    /// document order.
    public var links: [MarkdownLink]
    /// The plain text of the first paragraph: the first top-level paragraph
    /// with text, else the first paragraph anywhere (in a quote or list).
    public var firstParagraphText: String
    /// All text without markup, one block (paragraph, heading, code block)
    /// per line. A soft break joins CJK characters directly and is a space
    /// otherwise; a hard break is a newline; image descriptions and raw HTML
    /// are left out.
    public var plainText: String

    /// Parses and renders `text`. `rewriteDestination` is called once per
    /// link and image, in document order; a non-nil result becomes the URL
    /// in the HTML (still subject to safe mode's URL checks).
    public init(
        parsing text: String,
        options: MarkdownOptions = MarkdownOptions(),
        rewriteDestination: (MarkdownLink) -> String? = { _ in nil }
    ) {
        self = MarkdownConverter.convert(text, options: options, rewriteDestination: rewriteDestination)
    }

    init(html: String, headings: [MarkdownHeading], links: [MarkdownLink], firstParagraphText: String, plainText: String) {
        self.html = html
        self.headings = headings
        self.links = links
        self.firstParagraphText = firstParagraphText
        self.plainText = plainText
    }
}
