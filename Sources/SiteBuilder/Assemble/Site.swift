import SiteModel

/// The assembled site: the published pages and every relation between them,
/// computed once. Relations are page indexes into `pages`.
struct Site: Sendable, Equatable {
    var config: SiteConfig
    var home: SectionInfo
    /// Every section, by folder path.
    var sections: [String: SectionInfo]
    /// Published pages, in id order.
    var pages: PageList
    var pageIndexByID: [String: Int]
    /// Ids of pages left out (drafts, future), so links to them get a clear message.
    var unpublishedIDs: Set<String>
    /// When the first page now left out for its future date comes due
    /// (`Int.max` when none): until then an unchanged site builds the same.
    var nextPublication: Int
    /// A section's pages including its subsections', in list order.
    var sectionPages: [String: [Int]]
    /// Direct subsections, sorted.
    var childSections: [String: [String]]
    /// Top-level sections, sorted by weight then path.
    var topSections: [String]
    /// All published pages, newest first.
    var newestFirst: [Int]
    var tags: [Term]
    var regions: [Term]
    var honours: [Term]
    var years: [Term]
    var authors: [Term]
    /// For each profile page: the rosters that name the person.
    var rostersNaming: [Int: [Int]]
    /// For each roster member with a profile: the profile page (by slug).
    var profileBySlug: [String: Int]
    var previous: [Int?]
    var next: [Int?]
    var related: [[Int]]
    /// Files copied through: content path → output path (relative to the output folder).
    var resourceOutputs: [String: String]
    /// Bundle resources by owning page id, path inside the bundle → content path.
    var bundleResources: [String: [String: String]]
}
