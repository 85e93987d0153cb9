import Diagnostics
import Templates

/// What rendering a page's body tells the rest of the build: its summary
/// and measures for lists and feeds. The body's HTML is not kept.
struct PageDigest: Sendable {
    var summary: String
    var readingMinutes: Int
    var wordCount: Int
    var diagnostics: [Diagnostic]
    /// Template names this page's data did not have (only when asked, for `check --strict`).
    var unresolved: [UnresolvedName] = []
}
