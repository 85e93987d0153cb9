import Diagnostics
import Templates
import SearchIndex

/// What rendering a page's body tells the rest of the build: its summary
/// and measures for lists and feeds. The body's HTML is not kept.
struct PageDigest: Sendable {
    var summary: String
    var readingMinutes: Int
    var wordCount: Int
    var diagnostics: [Diagnostic]
    /// Template names this page's data did not have (only when asked, for `check --strict`).
    var unresolved: [UnresolvedName] = []
    /// The page's search terms, taken by the index writer once all pages rendered.
    var search: SearchRecord?
    /// Bytes of the page's search fragment file.
    var searchFragmentBytes = 0
    /// Every link and image destination of the body, as written: what the
    /// page's output depends on besides its own file (`OutputKeys`).
    var linkDestinations: [String] = []
}
