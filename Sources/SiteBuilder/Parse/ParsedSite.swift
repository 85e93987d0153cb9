import Diagnostics
import SiteModel

/// Everything read from content/ before anything is assembled: settings,
/// sections and pages (drafts and future pages included; assembly filters).
struct ParsedSite: Sendable {
    var config: SiteConfig
    var home: SectionInfo
    var sections: [String: SectionInfo]
    /// Sorted by id.
    var pages: [Page]
    var resources: [ContentTree.Resource]
    var diagnostics: [Diagnostic]
    /// Each page file's hashes, by id (drafts and future pages too).
    var fingerprints: [String: PageFingerprint] = [:]
    /// Of `_site.yml` and every section's `_index.md`.
    var settingsHash: UInt64 = 0
    /// Pages taken from the last build's snapshot instead of read (`KnownPages`).
    var pagesFromSnapshot = 0
}
