/// What content/ holds, classified by the contract's folder rules. All paths
/// are relative to content/ and use `/`.
struct ContentTree: Sendable {
    struct PageFile: Sendable {
        /// `initiatives/xiamen.md` or `events/2025/wuwei/index.md`.
        var id: String
        var sectionPath: String
        var fileSlug: String
        var isBundle: Bool
    }

    struct Resource: Sendable {
        /// Path of the file relative to content/.
        var path: String
        /// For bundle resources: the page that owns it and the path inside the bundle.
        var ownerPage: String?
        var pathInBundle: String?
    }

    var siteFile: String?
    var homeIndex: String?
    /// Every section folder, with its `_index.md` when it has one.
    var sections: [String: String?] = [:]
    var pages: [PageFile] = []
    var resources: [Resource] = []
    var skippedLinks: [String] = []
    /// Symbolic links to a folder that contains them (followed, they would never end).
    var loopingLinks: [String] = []
    /// Names that cannot be a URL segment (control characters, `\`, too long): not read.
    var unusableNames: [String] = []
    /// Folders nested deeper than the scanner reads.
    var tooDeep: [String] = []
}
