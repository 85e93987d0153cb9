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
    /// Warnings: the build succeeded regardless.
    public var diagnostics: [Diagnostic]
    public var timings = StageClock()
    /// True when nothing had changed since the last build, so nothing was done.
    public var upToDate = false
    /// For an incremental build (page bodies changed): the pages and the
    /// lists rendered again; nil for a full build.
    public var changedPages: Int?
    public var changedLists = 0
    /// The build started from the last build's site snapshot: only page
    /// bodies had changed, and no other page was read.
    public var fromSnapshot = false
    /// For a build from the snapshot: how many of its pages were decoded
    /// (the pages rendered and those they show; all of them when a list changed).
    public var pagesDecoded: Int?
}
