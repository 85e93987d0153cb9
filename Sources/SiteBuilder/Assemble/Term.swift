import SiteModel

/// One entry of a taxonomy (a tag, a region, an honour, a year, an author)
/// and the pages filed under it, newest first.
struct Term: Sendable, Equatable {
    var name: String
    var url: URLPath
    var pages: [Int]
    /// Regions only: the cities of a province.
    var children: [Term] = []
}
