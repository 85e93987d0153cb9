import Diagnostics

/// What rendering a page's body tells the rest of the build: its summary
/// and measures for lists and feeds. The body's HTML is not kept.
struct PageDigest: Sendable {
    var summary: String
    var readingMinutes: Int
    var wordCount: Int
    var diagnostics: [Diagnostic]
}
