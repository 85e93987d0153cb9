import Diagnostics
import Foundation
import SiteModel

extension Builder {
    /// Builds after the files at `changedPaths` (relative to the site
    /// folder, as the watcher reports them) changed, starting from what the
    /// previous build of the session read. When only pages changed, only
    /// those are read again, the site is assembled again only if their front
    /// matter changed, and only outputs whose key changed are rendered; in
    /// every other case, or without a memory, this is a normal build. Either
    /// way the output is what a full build would write.
    public func build(after memory: BuildMemory?, changedPaths: [String]?) async throws(BuildFailure) -> (report: BuildReport, memory: BuildMemory?) {
        if let memory, let changedPaths, let update = await reread(changedPaths, memory: memory) {
            guard update.contentChanged else {
                var report = BuildReport(
                    pages: memory.loaded.site.pages.count, sections: memory.loaded.site.sections.count, taxonomyPages: memory.cache.taxonomyPages,
                    filesWritten: 0, filesCopied: 0, diagnostics: []
                )
                report.upToDate = true
                return (report, memory)
            }
            if let result = try await buildFromMemory(
                update.loaded, frontMatterChanged: update.frontMatterChanged, shownFieldEdits: update.shownFieldEdits,
                rearranged: update.rearranged, pagesMoved: update.pagesMoved, pagesAdded: update.pagesAdded, cache: memory.cache
            ) {
                return result
            }
        }
        return try await buildRemembering()
    }

    private struct Reread {
        var loaded: Loaded
        var contentChanged: Bool
        /// The site was assembled again.
        var frontMatterChanged: Bool
        /// Pages whose front matter changed only in what they show (`ShownFieldsEdit`)
        /// or where they stand among others (`RelationalEdit`): the site was not assembled again.
        var shownFieldEdits: Set<Int> = []
        /// After a `RelationalEdit`, where the site's relations now differ,
        /// and how many pages moved.
        var rearranged: Rearrangement?
        var pagesMoved: Int?
        /// New pages put among the others (`PageInsertion`).
        var pagesAdded: Int?
    }

    /// The site after reading the changed pages again, or nil when anything
    /// but known pages may have changed, or a changed page has a problem
    /// (then a full build reads everything and reports it).
    private func reread(_ paths: [String], memory: BuildMemory) async -> Reread? {
        var loaded = memory.loaded
        guard options.now < loaded.site.nextPublication, BuildState.stamp(of: outputURL.path) == memory.cache.outputStamp else { return nil }
        let parser = SiteParser(contentRoot: rootURL.appendingPathComponent("content"), displayPrefix: "content/", baseURLOverride: options.baseURL, workers: 1)
        let sectionKinds = loaded.parsed.sections.mapValues(\.defaultKind)
        var changedPages: [String: Page] = [:]
        var added: [Page] = []
        var contentChanged = false
        for path in Set(paths).sorted() {
            let parts = path.split(separator: "/")
            // Hidden files (an editor's swap file) are not part of the site.
            if parts.contains(where: { $0.hasPrefix(".") }) { continue }
            guard parts.first == "content", parts.count > 1 else { return nil }
            let id = parts.dropFirst().joined(separator: "/")
            guard let file = loaded.pageFiles[id], let old = loaded.fingerprints[id] else {
                // A file that came and went (an editor's temporary file) leaves no trace; anything else may be new.
                if !FileManager.default.fileExists(atPath: rootURL.path + "/" + path) { continue }
                // A new page file in a section's folder is put among the others; anything else is read with everything.
                guard loaded.pageFiles[id] == nil, let file = Self.newPageFile(id, in: loaded.site) else { return nil }
                let (page, diagnostics, fingerprint) = parser.parseAgain(file, config: loaded.parsed.config, sectionKinds: sectionKinds)
                guard let page, let fingerprint, diagnostics.isEmpty,
                      PageInsertion.applies(page, to: loaded.site, includeFuture: options.includeFuture, now: options.now)
                else { return nil }
                added.append(page)
                loaded.pageFiles[id] = file
                loaded.fingerprints[id] = fingerprint
                contentChanged = true
                continue
            }
            let (page, diagnostics, fingerprint) = parser.parseAgain(file, config: loaded.parsed.config, sectionKinds: sectionKinds)
            guard let page, let fingerprint, diagnostics.isEmpty else { return nil }
            guard fingerprint.content != old.content else { continue }
            contentChanged = true
            loaded.fingerprints[id] = fingerprint
            if fingerprint.frontMatter != old.frontMatter { changedPages[id] = page }
        }
        if !changedPages.isEmpty || !added.isEmpty {
            // Warnings come from front matter and assembly: with any, a full build tells them again.
            guard loaded.warnings.isEmpty else { return nil }
            for (index, page) in loaded.parsed.pages.enumerated() {
                if let changed = changedPages[page.id] { loaded.parsed.pages[index] = changed }
            }
            // In id order, as they were read: each new page goes where it belongs.
            for page in added {
                var (low, high) = (0, loaded.parsed.pages.count)
                while low < high {
                    let middle = (low + high) / 2
                    if loaded.parsed.pages[middle].id < page.id { low = middle + 1 } else { high = middle }
                }
                loaded.parsed.pages.insert(page, at: low)
            }
            // New pages go in first, on no list; then they are filed like moved pages.
            let (base, positions) = PageInsertion.inserting(added, into: loaded.site)
            var replacements = Dictionary(uniqueKeysWithValues: zip(positions, added))
            // Pages that changed only in what they show of themselves, or also in
            // where they stand among others (their date, weight or tags).
            var handled = 0
            var pagesMoved = 0
            for (id, page) in changedPages {
                guard let index = base.pageIndexByID[id] else { continue }
                let old = base.pages[index]
                if ShownFieldsEdit.applies(from: old, to: page) {
                    replacements[index] = page
                    handled += 1
                } else if RelationalEdit.applies(from: old, to: page, includeFuture: options.includeFuture, now: options.now) {
                    replacements[index] = page
                    handled += 1
                    pagesMoved += 1
                }
            }
            // Only what the pages show of themselves changed: the site stands, with the pages replaced.
            if handled == changedPages.count, pagesMoved == 0, added.isEmpty {
                loaded.site.pages = loaded.site.pages.replacing(replacements)
                return Reread(loaded: loaded, contentChanged: contentChanged, frontMatterChanged: false, shownFieldEdits: Set(replacements.keys))
            }
            // Dates, weights and tags too, or new pages: the site is updated around the pages.
            if handled == changedPages.count, let site = RelationalEdit.apply(replacements, to: base) {
                let rearrangement = Rearrangement(from: base, to: site)
                // A new page's outputs, and a new term's pages, must not take another output's path.
                if !added.isEmpty || !Self.termLists(of: site).isSubset(of: Self.termLists(of: loaded.site)) {
                    guard OutputPlan.plan(site, pageSize: site.config.pageSize, assets: loaded.theme.assets.map(\.outputPath)).isEmpty else { return nil }
                }
                loaded.site = site
                return Reread(
                    loaded: loaded, contentChanged: contentChanged, frontMatterChanged: false, shownFieldEdits: Set(replacements.keys),
                    rearranged: rearrangement, pagesMoved: pagesMoved, pagesAdded: added.count
                )
            }
            let assembler = SiteAssembler(includeDrafts: options.includeDrafts, includeFuture: options.includeFuture, now: options.now)
            let (site, problems) = await assembler.assemble(loaded.parsed)
            let conflicts = OutputPlan.plan(site, pageSize: site.config.pageSize, assets: loaded.theme.assets.map(\.outputPath))
            // Files copied somewhere else (a bundle whose page moved): only a full render copies them.
            guard problems.isEmpty, conflicts.isEmpty, site.resourceOutputs == loaded.site.resourceOutputs else { return nil }
            loaded.site = site
        }
        return Reread(loaded: loaded, contentChanged: contentChanged, frontMatterChanged: !changedPages.isEmpty || !added.isEmpty)
    }

    /// Renders what changed from memory and updates the output in place;
    /// nil when the cache cannot serve it (then everything is read).
    private func buildFromMemory(
        _ loaded: Loaded, frontMatterChanged: Bool, shownFieldEdits: Set<Int>, rearranged: Rearrangement?, pagesMoved: Int?, pagesAdded: Int?,
        cache: BuildCache
    ) async throws(BuildFailure) -> (report: BuildReport, memory: BuildMemory?)? {
        var clock = StageClock()
        guard var updated = try await updateInPlace(
            loaded, cache: cache, outputsMayComeOrGo: frontMatterChanged, shownFieldEdits: shownFieldEdits, rearranged: rearranged, clock: &clock
        ) else {
            return nil
        }
        updated.report.pagesMoved = pagesMoved
        updated.report.pagesAdded = pagesAdded
        return (updated.report, updated.cache.map { BuildMemory(loaded: loaded, cache: $0) })
    }

    /// Renders what changed into the staging folder and moves it into the
    /// output in place; nil when the cache cannot serve (nothing changed
    /// then). The new cache comes back stamped with the output, not saved;
    /// with `encodingCache`, also most of its bytes, encoded while the output was published.
    /// `shownFieldEdits`: pages whose front matter changed only in what they show (`ShownFieldsEdit`).
    func updateInPlace(
        _ loaded: Loaded, cache: BuildCache, outputsMayComeOrGo: Bool, shownFieldEdits: Set<Int> = [], rearranged: Rearrangement? = nil,
        encodingCache: Bool = false, clock: inout StageClock
    ) async throws(BuildFailure) -> (report: BuildReport, cache: BuildCache?, cacheBody: [UInt8]?)? {
        let publisher = Publisher(output: outputURL)
        do {
            try publisher.prepare()
        } catch {
            throw BuildFailure([.error("cannot prepare the output folder \(options.output): \(error.localizedDescription)")])
        }
        return try await discardingOnFailure(publisher) {
            let rendered: Rendering?
            do {
                rendered = try await renderIncrementally(
                    loaded, cache: cache, outputsMayComeOrGo: outputsMayComeOrGo, shownFieldEdits: shownFieldEdits, rearranged: rearranged,
                    publisher: publisher, clock: &clock
                )
            } catch {
                // Two outputs on one path can make writing fail: a full build tells the clash.
                if await loaded.pathClashes() != nil {
                    publisher.discard()
                    return nil
                }
                throw error
            }
            // The path check beside the rendering (`Loaded.pathCheck`) found a clash: a full build tells it.
            guard let rendering = rendered, !loaded.site.pages.isDamaged, await loaded.pathClashes() == nil else {
                publisher.discard()
                return nil
            }
            let body = encodingCache ? rendering.cache.map { cache in Task { cache.encodedBody() } } : nil
            try publish(rendering, with: publisher, inPlace: true)
            clock.lap("publish")
            var report = rendering.report
            report.timings = clock
            guard var newCache = rendering.cache, let stamp = BuildState.stamp(of: outputURL.path) else { return (report, nil, nil) }
            newCache.outputStamp = stamp
            return (report, newCache, await body?.value)
        }
    }
}
