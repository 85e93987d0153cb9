/// What one build of a `serve` session read and rendered, kept for the
/// next: the assembled site, the theme and the cache. A change to page
/// bodies is then built from it without reading the other pages again.
public struct BuildMemory: Sendable {
    var loaded: Builder.Loaded
    var cache: BuildCache
}
