import SiteModel

/// New page files in folders that were sections: instead of assembling the
/// site again, the new pages are put among the others by id (every page
/// after one moves up an index, and every relation with it) and then filed
/// as a `RelationalEdit` files a moved page: into all pages newest first,
/// its sections, tags, year, authors and region, with the neighbours and
/// related pages near it made again. `RelationalEditTests` holds the result
/// to the site `SiteAssembler` makes from the same pages.
///
/// Left to the assembler: rosters and profiles (the people index), bundles,
/// drafts and future pages, a page in a region no page had, and a folder
/// that was no section.
enum PageInsertion {
    static func applies(_ page: Page, to site: Site, includeFuture: Bool, now: Int) -> Bool {
        guard page.kind != .roster, page.kind != .profile, !page.isBundle, !page.draft, includeFuture || page.date.epochSeconds <= now,
              site.pageIndexByID[page.id] == nil, !site.unpublishedIDs.contains(page.id),
              page.sectionPath.isEmpty || site.sections[page.sectionPath] != nil
        else { return false }
        // The region's lists are not made here, only added to.
        if let province = page.region.first {
            guard let term = site.regions.first(where: { $0.name == province }) else { return false }
            if page.region.count > 1, !term.children.contains(where: { $0.name == page.region[1] }) { return false }
        }
        return true
    }

    /// The site with `added` in place by id, on no list and with no relations
    /// yet, and the index each of `added` took. `RelationalEdit.apply` with
    /// those pages then files them.
    static func inserting(_ added: [Page], into site: Site) -> (site: Site, positions: [Int]) {
        guard !added.isEmpty else { return (site, []) }
        let (pages, positions) = site.pages.inserting(added)
        // Each old index's new one.
        var moved = [Int](repeating: 0, count: site.pages.count)
        let taken = Set(positions)
        var old = 0
        for position in pages.indices where !taken.contains(position) {
            moved[old] = position
            old += 1
        }
        let map = { (index: Int) in moved[index] }
        var result = site
        result.pages = pages
        result.pageIndexByID = site.pageIndexByID.mapValues(map)
        for (page, position) in zip(added, positions) { result.pageIndexByID[page.id] = position }
        result.sectionPages = site.sectionPages.mapValues { $0.map(map) }
        result.newestFirst = site.newestFirst.map(map)
        result.tags = site.tags.map { moving($0, by: map) }
        result.regions = site.regions.map { moving($0, by: map) }
        result.honours = site.honours.map { moving($0, by: map) }
        result.years = site.years.map { moving($0, by: map) }
        result.authors = site.authors.map { moving($0, by: map) }
        result.rostersNaming = Dictionary(uniqueKeysWithValues: site.rostersNaming.map { (map($0.key), $0.value.map(map)) })
        result.profileBySlug = site.profileBySlug.mapValues(map)
        result.previous = [Int?](repeating: nil, count: pages.count)
        result.next = [Int?](repeating: nil, count: pages.count)
        result.related = [[Int]](repeating: [], count: pages.count)
        for index in site.pages.indices {
            result.previous[moved[index]] = site.previous[index].map(map)
            result.next[moved[index]] = site.next[index].map(map)
            result.related[moved[index]] = site.related[index].map(map)
        }
        return (result, positions)
    }

    private static func moving(_ term: Term, by map: (Int) -> Int) -> Term {
        var term = term
        term.pages = term.pages.map(map)
        term.children = term.children.map { moving($0, by: map) }
        return term
    }
}
