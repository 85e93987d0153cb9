import SiteModel

/// Each page's related pages: up to five sharing the most tags, looking
/// only at each tag's nearest pages by date so that large tags stay
/// linear. Made for every page when the site is assembled, and for the
/// few pages an edit can reach when it is updated (`RelationalEdit`).
struct RelatedPages {
    /// How far along a tag's list (newest first) a page looks each way.
    static let window = 12

    private let pageCount: Int
    /// Each page's place among all pages, newest first: the tie-break.
    private let rank: [Int]
    private let lists: [String: [Int]]
    /// Each tag's pages by index → place in the tag's list, for the tags asked for.
    private let positions: [String: [Int: Int]]
    /// Shared-tag counts by page, reset after each page through `counted`.
    private var scores: [Int]
    private var counted: [Int] = []

    /// `tagsUsed`: the tags of the pages whose related pages will be asked
    /// for (nil: every tag).
    init(tags: [Term], newestFirst: [Int], pageCount: Int, tagsUsed: Set<String>? = nil) {
        self.pageCount = pageCount
        var rank = [Int](repeating: 0, count: pageCount)
        for (position, index) in newestFirst.enumerated() { rank[index] = position }
        self.rank = rank
        var lists: [String: [Int]] = [:]
        var positions: [String: [Int: Int]] = [:]
        for term in tags {
            lists[term.name] = term.pages
            guard tagsUsed?.contains(term.name) ?? true else { continue }
            var map: [Int: Int] = [:]
            for (position, index) in term.pages.enumerated() { map[index] = position }
            positions[term.name] = map
        }
        self.lists = lists
        self.positions = positions
        scores = [Int](repeating: 0, count: pageCount)
    }

    /// The related pages of page `index`, whose tags are `tags`.
    mutating func of(_ index: Int, tags: [String]) -> [Int] {
        for tag in tags {
            guard let list = lists[tag], let position = positions[tag]?[index] else { continue }
            let low = max(0, position - Self.window)
            let high = min(list.count - 1, position + Self.window)
            guard low <= high else { continue }
            for other in list[low...high] where other != index {
                if scores[other] == 0 { counted.append(other) }
                scores[other] += 1
            }
        }
        // Most shared tags first, then newest: both as one integer key.
        let ranked = counted.map { (key: -scores[$0] * pageCount + rank[$0], page: $0) }
        for other in counted { scores[other] = 0 }
        counted.removeAll(keepingCapacity: true)
        return ranked.sorted { $0.key < $1.key }.prefix(5).map(\.page)
    }
}
