/// What a build must render, from the last build's cache and what was just
/// read. Only a change to page bodies is followed page by page: a page's
/// place in the site (title, date, tags, neighbours, lists) comes from front
/// matter, so when every changed page kept its front matter, the output
/// differs only in those pages, the lists and feeds showing their summaries,
/// and the search index. Anything else renders everything, where unchanged
/// files are still kept by hard links.
enum ChangePlan: Sendable {
    case everything
    /// No page's bytes changed (files only touched): the output stands.
    case nothing(BuildCache)
    /// These pages (indexes into the site's pages) changed in their body only.
    case pages([Int], BuildCache)

    init(site: Site, loaded: Builder.Loaded, cache: BuildCache?, outputStamp: UInt64?, search: Bool) {
        guard let cache, let outputStamp, cache.outputStamp == outputStamp, cache.structure == loaded.structure,
              cache.entries.count == site.pages.count, !search || cache.search != nil
        else {
            self = .everything
            return
        }
        var changed: [Int] = []
        for (index, page) in site.pages.enumerated() {
            let entry = cache.entries[index]
            guard entry.id == page.id, let now = loaded.fingerprints[page.id], !search || entry.recordOffset >= 0 else {
                self = .everything
                return
            }
            if now.content != entry.fingerprint.content {
                guard now.frontMatter == entry.fingerprint.frontMatter else {
                    self = .everything
                    return
                }
                changed.append(index)
            }
        }
        self = changed.isEmpty ? .nothing(cache) : .pages(changed, cache)
    }
}
