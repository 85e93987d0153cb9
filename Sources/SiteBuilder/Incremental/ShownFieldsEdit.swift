import SiteModel

/// A front matter edit that changes only what a page shows of itself (its
/// title, kicker, subtitle, column, summary, image caption or credit), not
/// where it is or how it relates to other pages: the site's relations stay
/// as assembled, and only the outputs showing the page are rendered again
/// (the page, the pages showing it, its lists, its alias redirects).
/// Rosters and profiles are left out: the people index is made from their
/// titles and names.
enum ShownFieldsEdit {
    static func applies(from old: Page, to new: Page) -> Bool {
        guard old.kind != .roster, old.kind != .profile else { return false }
        return aligned(new, with: old) == old
    }

    /// `new` with what it shows of itself taken from `old`.
    static func aligned(_ new: Page, with old: Page) -> Page {
        var aligned = new
        aligned.title = old.title
        aligned.kicker = old.kicker
        aligned.subtitle = old.subtitle
        aligned.column = old.column
        aligned.summary = old.summary
        aligned.imageCaption = old.imageCaption
        aligned.imageCredit = old.imageCredit
        // Where the body starts moves with the front matter's length.
        aligned.bodyStartLine = old.bodyStartLine
        return aligned
    }

    /// The pages whose output shows one of `edited` (as previous, next or
    /// related page; rosters and profiles, which show each other, are never edited here).
    static func pagesShowing(_ edited: Set<Int>, in site: Site) -> Set<Int> {
        guard !edited.isEmpty else { return [] }
        var showing: Set<Int> = []
        for index in site.pages.indices {
            if let previous = site.previous[index], edited.contains(previous) { showing.insert(index) }
            if let next = site.next[index], edited.contains(next) { showing.insert(index) }
            if site.related[index].contains(where: edited.contains) { showing.insert(index) }
        }
        return showing
    }
}
