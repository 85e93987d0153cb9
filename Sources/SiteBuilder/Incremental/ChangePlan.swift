/// What a build must render, from the last build's cache and what was just
/// read. When the structure (generator, options, templates, settings,
/// sections, resources) is the same, the build is incremental: outputs
/// whose key (`OutputKeys`) is unchanged are not rendered, and the output
/// folder is updated in place. Anything else renders everything, where
/// unchanged files are still kept by hard links.
enum ChangePlan: Sendable {
    case everything
    /// No published page's bytes changed (files only touched): the output stands.
    case nothing(BuildCache)
    /// `outputsMayComeOrGo` is false when the same pages are published and
    /// every changed page kept its front matter.
    case incremental(BuildCache, outputsMayComeOrGo: Bool)

    init(site: Site, loaded: Builder.Loaded, cache: BuildCache?, outputStamp: UInt64?, search: Bool) {
        guard let cache, let outputStamp, cache.outputStamp == outputStamp, cache.structure == loaded.structure,
              !search || cache.search != nil
        else {
            self = .everything
            return
        }
        let comparison = Comparison(site: site, fingerprints: loaded.fingerprints, cache: cache)
        if comparison.samePages && comparison.sameContent {
            self = .nothing(cache)
        } else {
            self = .incremental(cache, outputsMayComeOrGo: !(comparison.samePages && comparison.sameFrontMatter))
        }
    }

    /// The published pages now against the cache's: the same ones in the
    /// same order, and whether their front matter and whole files are the same.
    struct Comparison {
        var samePages: Bool
        var sameFrontMatter = true
        var sameContent = true

        init(site: Site, fingerprints: [String: PageFingerprint], cache: BuildCache) {
            samePages = cache.entries.count == site.pages.count
            for (index, page) in site.pages.enumerated() where samePages {
                let entry = cache.entries[index]
                guard entry.id == page.id, let now = fingerprints[page.id] else {
                    samePages = false
                    break
                }
                if now.content != entry.fingerprint.content { sameContent = false }
                if now.frontMatter != entry.fingerprint.frontMatter { sameFrontMatter = false }
            }
        }
    }
}
