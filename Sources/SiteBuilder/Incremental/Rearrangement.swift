import SiteModel

/// Where one assembled site's relations differ from another's with the
/// same pages: the pages whose output shows other pages than before (as
/// previous, next, related page or roster naming them), and the lists
/// (sections, terms) that list other pages, or appear or go.
///
/// A build from the snapshot after a `RelationalEdit` renders only from
/// these (and the pages showing an edited page): an output outside them
/// shows the same pages as in the last build. The stamps keep how the
/// last build's site differed from the snapshot, since the next build
/// starts from the snapshot again: what differs between two builds
/// differs between one of them and the snapshot.
struct Rearrangement: Sendable, Equatable {
    /// Page indexes, sorted.
    var pages: [Int] = []
    /// Lists by name (`URLPath.listName`), sorted.
    var lists: [String] = []

    var isEmpty: Bool { pages.isEmpty && lists.isEmpty }

    init(pages: [Int] = [], lists: [String] = []) {
        self.pages = pages
        self.lists = lists
    }

    /// How `new` differs from `old`, two sites with the same pages.
    init(from old: Site, to new: Site) {
        var pages: [Int] = []
        for index in new.pages.indices where index < old.pages.count {
            if old.previous[index] != new.previous[index] || old.next[index] != new.next[index] || old.related[index] != new.related[index]
                || old.rostersNaming[index] != new.rostersNaming[index] {
                pages.append(index)
            }
        }
        var lists: Set<String> = []
        for path in Set(old.sectionPages.keys).union(new.sectionPages.keys) where old.sectionPages[path] != new.sectionPages[path] {
            lists.insert(path)
        }
        let taxonomies = [(old.tags, new.tags), (old.regions, new.regions), (old.honours, new.honours), (old.years, new.years), (old.authors, new.authors)]
        for (before, after) in taxonomies {
            Self.differences(before, after, into: &lists)
        }
        self.pages = pages
        self.lists = lists.sorted()
    }

    /// Terms (and their children) that list other pages, or are in one list only.
    private static func differences(_ old: [Term], _ new: [Term], into lists: inout Set<String>) {
        guard old != new else { return }
        let before = Dictionary(old.map { ($0.url.listName, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(new.map { ($0.url.listName, $0) }, uniquingKeysWith: { first, _ in first })
        for key in Set(before.keys).union(after.keys) {
            let was = before[key]
            let now = after[key]
            if was?.pages != now?.pages { lists.insert(key) }
            if was?.children != now?.children { differences(was?.children ?? [], now?.children ?? [], into: &lists) }
        }
    }

    func union(_ other: Rearrangement) -> Rearrangement {
        Rearrangement(pages: Set(pages).union(other.pages).sorted(), lists: Set(lists).union(other.lists).sorted())
    }
}

extension URLPath {
    /// A list's name where lists are kept by name (`Rearrangement`, the stamps):
    /// its URL's segments joined with `/` (`tags/劳模`, a section's path).
    var listName: String { segments.joined(separator: "/") }

    /// The URL of the list of that name.
    init(listName: String) {
        self.init(listName.split(separator: "/").map(String.init))
    }
}
