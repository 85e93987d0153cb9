import CCmark

/// How a Markdown body is read and rendered.
public struct MarkdownOptions: Sendable, Hashable {
    /// Pass raw HTML through. When false (the default), cmark's safe mode
    /// replaces raw HTML with `<!-- raw HTML omitted -->` and empties
    /// `javascript:`, `vbscript:`, `file:` and non-image `data:` URLs.
    public var allowRawHTML: Bool = false
    /// Added to cmark's line numbers, so positions count from the top of the
    /// file when the body starts after front matter.
    public var lineOffset: Int = 0

    public init(allowRawHTML: Bool = false, lineOffset: Int = 0) {
        self.allowRawHTML = allowRawHTML
        self.lineOffset = lineOffset
    }

    /// The cmark option bits, set in this one place. Smart punctuation stays
    /// off: Chinese sources already have their curly quotes. cmark 0.30 is
    /// safe by default and `CMARK_OPT_UNSAFE` lets raw HTML through; older
    /// versions need `CMARK_OPT_SAFE`, which 0.30 accepts and ignores.
    var cmarkFlags: Int32 {
        allowRawHTML ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT | CMARK_OPT_SAFE
    }
}
