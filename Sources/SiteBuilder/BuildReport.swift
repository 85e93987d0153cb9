import Diagnostics

/// What a successful build did, for the one-line summary.
public struct BuildReport: Sendable {
    public var pages: Int
    public var sections: Int
    public var taxonomyPages: Int
    public var filesWritten: Int
    public var filesCopied: Int
    /// The search index under search/: files and bytes (shards, fragments, manifest).
    public var searchFiles = 0
    public var searchBytes = 0
    /// How an incremental build brought the index up to date; nil when it
    /// was written whole or not at all.
    public var searchUpdate: SearchUpdate?
    /// Warnings: the build succeeded regardless.
    public var diagnostics: [Diagnostic]
    public var timings = StageClock()
    /// True when nothing had changed since the last build, so nothing was done.
    public var upToDate = false
    /// For an incremental build (page bodies changed): the pages and the
    /// lists rendered again; nil for a full build.
    public var changedPages: Int?
    public var changedLists = 0
    /// The build started from the last build's site snapshot: only published
    /// pages had changed (bodies, what they show, dates, weights or tags),
    /// and no other page was read.
    public var fromSnapshot = false
    /// For a build from the snapshot: how many of its pages were decoded
    /// (the pages rendered and those they show; all of them when a list changed).
    public var pagesDecoded: Int?
    /// For a build that read the site again after front matter edits: how
    /// many page files were taken from the snapshot instead of read (`KnownPages`).
    public var pagesFromSnapshot: Int?
    /// For an incremental build after date, weight or tag edits: the pages
    /// edited so, around which the site was updated rather than assembled
    /// again (`RelationalEdit`).
    public var pagesMoved: Int?
    /// For an incremental build after new page files: the pages put in
    /// among the snapshot's rather than the site assembled again (`PageInsertion`).
    public var pagesAdded: Int?
}

/// How the search index followed an incremental build.
public enum SearchUpdate: Sendable, Equatable {
    /// Pages kept their numbers: only the shards holding changed terms were rewritten.
    case patched(shards: Int)
    /// Pages moved in the order (a date edit): the shards holding a moved
    /// page (every shard, when many moved) were renumbered, and those whose
    /// bytes changed were rewritten.
    case renumbered(shards: Int)
    /// Written anew from the cached records (pages added or removed, or the
    /// shard count changed).
    case rewritten
}
