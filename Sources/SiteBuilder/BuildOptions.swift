/// What a build reads, where it writes, and which pages it includes.
public struct BuildOptions: Sendable {
    /// The site folder: holds content/, optionally templates/.
    public var root: String
    /// The output folder; relative paths are relative to `root`.
    public var output: String = "public"
    public var includeDrafts = false
    public var includeFuture = false
    /// Overrides `base_url` from `_site.yml` (preview deploys, sub-paths).
    public var baseURL: String?
    /// "Now", for leaving out pages dated in the future; seconds since 1970.
    public var now: Int
    /// How many pages are parsed and rendered at once; 0 means one per core.
    public var workers = 0
    /// Build even when nothing changed since the last build.
    public var force = false
    /// Told what the build is doing as each stage starts (`reading content`,
    /// `rendering 9960 pages`…), for a progress line on a terminal.
    public var progress: (@Sendable (String) -> Void)?
    /// Writes the search index, the search page and the header's search box.
    public var search = true
    /// Where the build keeps what it knows of its last build, for the next
    /// one to do only what changed; `.unionpress` in the site folder when
    /// nil. `serve` keeps its own beside its output, so that it and `build`
    /// into `public/` never take each other's.
    public var stateFolder: String?
    /// HTML added to every page's `<head>` (templates place it with
    /// `{{{extra_head}}}`); `serve` puts its live-reload script here.
    public var extraHead = ""

    public init(root: String, now: Int) {
        self.root = root
        self.now = now
    }
}
