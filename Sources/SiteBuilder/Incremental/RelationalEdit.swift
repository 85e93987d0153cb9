import SiteModel

/// A front matter edit that moves a page among the others without changing
/// what the page is: its date, updated date, weight or tags change (and
/// perhaps what it shows of itself, `ShownFieldsEdit`). Instead of
/// assembling the site again, the page leaves and re-enters the lists it
/// is in (all pages, its sections, its tags, year, authors and region),
/// and only the neighbours in its section and the related pages near it in
/// its tags are made again. The result is the site `SiteAssembler` would
/// make from the same pages (`RelationalEditTests` holds them together).
///
/// Rosters and profiles are left out (the people index is made from them),
/// as is a page the edit would leave unpublished.
enum RelationalEdit {
    static func applies(from old: Page, to new: Page, includeFuture: Bool, now: Int) -> Bool {
        guard old.kind != .roster, old.kind != .profile, includeFuture || new.date.epochSeconds <= now else { return false }
        var aligned = ShownFieldsEdit.aligned(new, with: old)
        aligned.date = old.date
        aligned.updated = old.updated
        aligned.weight = old.weight
        aligned.tags = old.tags
        return aligned == old
    }

    /// The site with `replacements` (page index → page, each one this edit
    /// or `ShownFieldsEdit` applies to) in place and its relations brought
    /// up to date. Nil when a page's author names repeat a name (which the
    /// assembler files twice; such a page is left to it).
    static func apply(_ replacements: [Int: Page], to site: Site) -> Site? {
        guard !replacements.isEmpty else { return site }
        var site = site
        let before = site.pages
        site.pages = site.pages.replacing(replacements)
        let pages = site.pages
        let edited = replacements.keys.sorted()
        let isEdited = Set(edited)
        let newer = { (left: Int, right: Int) in SiteAssembler.newer(pages[left], pages[right]) }

        site.newestFirst.removeAll(where: isEdited.contains)
        for index in edited { insert(index, into: &site.newestFirst, by: newer) }

        // Sections: the page's folder and every folder above it list it.
        var bySection: [String: [Int]] = [:]
        for index in edited {
            SiteAssembler.forEachSection(containing: pages[index].sectionPath) { bySection[$0, default: []].append(index) }
        }
        for (path, indexes) in bySection {
            // A section that listed no page yet (a new page's, `PageInsertion`) starts a list.
            guard site.sections[path] != nil else { continue }
            var list = site.sectionPages[path] ?? []
            let byWeight = site.sections[path]?.sort == .weight
            let order = { (left: Int, right: Int) -> Bool in
                guard byWeight else { return newer(left, right) }
                let leftWeight = pages[left].weight ?? Int.max
                let rightWeight = pages[right].weight ?? Int.max
                return leftWeight != rightWeight ? leftWeight < rightWeight : newer(left, right)
            }
            list.removeAll(where: Set(indexes).contains)
            for index in indexes { insert(index, into: &list, by: order) }
            site.sectionPages[path] = list
        }
        // Previous and next among the pages of each edited page's own folder.
        for path in Set(edited.map { pages[$0].sectionPath }) where !path.isEmpty {
            let inSubsections = Set((site.childSections[path] ?? []).flatMap { site.sectionPages[$0] ?? [] })
            let own = (site.sectionPages[path] ?? []).filter { !inSubsections.contains($0) }
            for (position, index) in own.enumerated() {
                site.previous[index] = position + 1 < own.count ? own[position + 1] : nil
                site.next[index] = position > 0 ? own[position - 1] : nil
            }
        }

        let tagsBefore = Dictionary(site.tags.map { ($0.name, $0.pages) }, uniquingKeysWith: { first, _ in first })
        let authors = { (page: Page) in page.authors.isEmpty ? page.byline.map(BylineNames.names) ?? [] : page.authors }
        for index in edited where Set(authors(pages[index])).count != authors(pages[index]).count { return nil }
        refile(&site.tags, root: "tags", edits: edited.map { ($0, before[$0].tags, pages[$0].tags) }, newer: newer)
        refile(&site.years, root: "archive", descending: true, edits: edited.map { index in
            (index, [String(before[index].date.year)], [String(pages[index].date.year)])
        }, newer: newer)
        refile(&site.authors, root: "authors", edits: edited.map { ($0, authors(before[$0]), authors(pages[$0])) }, newer: newer)
        // The region is the same: the page moves within its province and city
        // (all taken out first, so that each goes back into a list in order).
        let placed = edited.compactMap { index -> (index: Int, province: Int, city: Int?)? in
            let region = pages[index].region
            guard let province = region.first, let term = site.regions.firstIndex(where: { $0.name == province }) else { return nil }
            let city = region.count > 1 ? site.regions[term].children.firstIndex(where: { $0.name == region[1] }) : nil
            return (index, term, city)
        }
        for entry in placed {
            site.regions[entry.province].pages.removeAll { $0 == entry.index }
            if let city = entry.city { site.regions[entry.province].children[city].pages.removeAll { $0 == entry.index } }
        }
        for entry in placed {
            insert(entry.index, into: &site.regions[entry.province].pages, by: newer)
            if let city = entry.city { insert(entry.index, into: &site.regions[entry.province].children[city].pages, by: newer) }
        }
        // Honours come from rosters and profiles only: an edited page is in none.

        let reached = pagesReached(edited: isEdited, tagsBefore: tagsBefore, tagsAfter: site.tags, pages: before, editedPages: pages)
        var tagsUsed: Set<String> = []
        for index in reached { tagsUsed.formUnion(pages[index].tags) }
        var related = RelatedPages(tags: site.tags, newestFirst: site.newestFirst, pageCount: pages.count, tagsUsed: tagsUsed)
        for index in reached.sorted() { site.related[index] = related.of(index, tags: pages[index].tags) }
        return site
    }

    /// The pages whose related pages an edit can change: the edited pages,
    /// those near them in their tags (the edited pages' places among all
    /// pages break ties), and in a tag whose list changed, those within
    /// reach of the stretch that changed, before and after (pages between
    /// a page's old and new place move by one, and so do their windows).
    private static func pagesReached(
        edited: Set<Int>, tagsBefore: [String: [Int]], tagsAfter: [Term], pages before: PageList, editedPages: PageList
    ) -> Set<Int> {
        let window = RelatedPages.window
        let tagsNow = Dictionary(tagsAfter.map { ($0.name, $0.pages) }, uniquingKeysWith: { first, _ in first })
        var tags: Set<String> = []
        for index in edited { tags.formUnion(before[index].tags + editedPages[index].tags) }
        var reached = edited
        for tag in tags {
            let old = tagsBefore[tag] ?? []
            let new = tagsNow[tag] ?? []
            let shorter = min(old.count, new.count)
            var front = 0
            while front < shorter, old[front] == new[front] { front += 1 }
            var back = 0
            while back < shorter - front, old[old.count - 1 - back] == new[new.count - 1 - back] { back += 1 }
            for list in [old, new] {
                if old != new {
                    reached.formUnion(list[max(0, front - window)..<min(list.count, list.count - back + window)])
                }
                for (position, index) in list.enumerated() where edited.contains(index) {
                    reached.formUnion(list[max(0, position - window)...min(list.count - 1, position + window)])
                }
            }
        }
        return reached
    }

    /// Takes each edited page out of the terms its old names file it under
    /// and into those of its new names, newest first, making terms that
    /// did not exist and dropping those left empty. Terms stay sorted by
    /// name (`descending` for years).
    private static func refile(
        _ terms: inout [Term], root: String, descending: Bool = false, edits: [(index: Int, old: [String], new: [String])],
        newer: (Int, Int) -> Bool
    ) {
        guard edits.contains(where: { !$0.old.isEmpty || !$0.new.isEmpty }) else { return }
        var byName = Dictionary(terms.indices.map { (terms[$0].name, $0) }, uniquingKeysWith: { first, _ in first })
        for edit in edits {
            for name in edit.old {
                if let term = byName[name] { terms[term].pages.removeAll { $0 == edit.index } }
            }
        }
        var added = false
        for edit in edits {
            for name in edit.new {
                if let term = byName[name] {
                    insert(edit.index, into: &terms[term].pages, by: newer)
                } else {
                    byName[name] = terms.count
                    terms.append(Term(name: name, url: URLPath([root, name]), pages: [edit.index]))
                    added = true
                }
            }
        }
        let removed = terms.contains { $0.pages.isEmpty }
        if removed { terms.removeAll { $0.pages.isEmpty } }
        if added { terms.sort { descending ? $0.name > $1.name : $0.name < $1.name } }
    }

    /// Inserts `index` into a list ordered by `precedes`, before the first entry it precedes.
    private static func insert(_ index: Int, into list: inout [Int], by precedes: (Int, Int) -> Bool) {
        var low = 0
        var high = list.count
        while low < high {
            let middle = (low + high) / 2
            if precedes(index, list[middle]) { high = middle } else { low = middle + 1 }
        }
        list.insert(index, at: low)
    }
}
