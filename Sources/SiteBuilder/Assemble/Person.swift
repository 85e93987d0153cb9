import SiteModel

/// Someone on a roster or with a profile, listed once in the people index.
struct Person: Sendable {
    struct Honour: Sendable {
        var title: String
        var year: Int?
        /// The roster or profile page that records it.
        var page: Int
    }

    /// The profile slug when the person has a profile, else the name.
    var key: String
    var name: String
    var profile: Int?
    var unit: String?
    var honours: [Honour]
    var pinyinInitial: Character?
}
