import Diagnostics
import Foundation
import SiteModel

extension Builder {
    /// The site snapshot's bytes, made on another thread while the build
    /// goes on (saved by `saveSnapshot` once the output is in place).
    func encodingSnapshot(of loaded: Loaded) -> Task<[UInt8], Never> {
        let snapshot = SiteSnapshot(site: loaded.site, sectionKinds: loaded.parsed.sections.mapValues(\.defaultKind), structure: loaded.structure)
        return Task { snapshot.encoded() }
    }

    /// Saves the assembled site and the source stamps it was built from,
    /// after a build without warnings whose output, cache and state are in
    /// place. The stamps go last: they vouch for the other three.
    func saveSnapshot(_ encoding: Task<[UInt8], Never>, of loaded: Loaded, stamps: SourceStamps) async {
        try? FileManager.default.createDirectory(atPath: stateFolder, withIntermediateDirectories: true)
        CacheFile.replace(SiteSnapshot.file(in: stateFolder), with: await encoding.value)
        var stamps = stamps
        stamps.noteFrontMatters(loaded.fingerprints)
        stamps.snapshotStamp = SourceStamps.stamp(ofFile: SiteSnapshot.file(in: stateFolder))
        stamps.save(in: stateFolder)
    }

    /// The stamps the last build saved with its snapshot, when they vouch for it.
    func savedStamps() -> SourceStamps? {
        guard let saved = SourceStamps.load(from: stateFolder),
              saved.snapshotStamp == SourceStamps.stamp(ofFile: SiteSnapshot.file(in: stateFolder))
        else { return nil }
        return saved
    }

    /// The published pages that changed since the last build, read from the
    /// source stamps alone: nil when anything else may have changed (a file
    /// came or went, settings, a template, a resource), and the build must
    /// read everything. Whether each page's front matter is as the snapshot
    /// has it, or differs only in what the page shows, `buildFromSnapshot` finds out.
    func pageEdits(_ stamps: SourceStamps, saved: SourceStamps) -> PageEdits? {
        guard let changes = stamps.changes(since: saved), !changes.isEmpty else { return nil }
        var ids: [String] = []
        for change in changes {
            guard change.path.hasPrefix("content/"), change.path.hasSuffix(".md"), change.frontMatter != 0 else { return nil }
            ids.append(String(change.path.dropFirst("content/".count)))
        }
        // Pages already differing from the snapshot are read again whether they changed or not.
        ids += saved.overrides.filter { !ids.contains($0) }
        return PageEdits(saved: saved, ids: ids)
    }

    /// After new pages in folders that were there (and perhaps edited
    /// ones), nothing removed or otherwise changed: the page files to read,
    /// every other published page being the snapshot's (`knownPages`). Nil
    /// otherwise: a new folder may make a bundle of pages that were there.
    func pageAdditions(_ stamps: SourceStamps, saved: SourceStamps) -> PageEdits? {
        guard let changes = stamps.changesAndAdditions(since: saved), changes.contains(where: \.added) else { return nil }
        var ids: [String] = []
        for change in changes {
            let name = change.path.split(separator: "/").last ?? ""
            guard change.isFile, change.path.hasPrefix("content/"), change.path.hasSuffix(".md"), name != "_index.md", name != "index.md",
                  change.added || change.frontMatter != 0
            else { return nil }
            ids.append(String(change.path.dropFirst("content/".count)))
        }
        ids += saved.overrides.filter { !ids.contains($0) }
        return PageEdits(saved: saved, ids: ids, filesAdded: true)
    }

    /// The snapshot's published pages whose files did not change (`KnownPages`),
    /// when the snapshot and the cache are of the same build and of the output
    /// as it is: the cache has the snapshot's pages and those the last build
    /// added to them (`added`, `PageInsertion`), in id order.
    /// `fingerprints`: the cache's, by page id.
    func knownPages(
        _ snapshot: SiteSnapshot?, cache: BuildCache, fingerprints: [String: PageFingerprint], changed ids: [String], added: [String] = []
    ) -> KnownPages? {
        guard let snapshot, cache.structure == snapshot.structure, cache.outputStamp == BuildState.stamp(of: outputURL.path),
              cache.entries.count == snapshot.site.pages.count + added.count
        else { return nil }
        var (fromSnapshot, fromAdded) = (0, 0)
        for entry in cache.entries {
            if fromSnapshot < snapshot.site.pages.count, entry.id == snapshot.site.pages.id(at: fromSnapshot) {
                fromSnapshot += 1
            } else if fromAdded < added.count, entry.id == added[fromAdded] {
                fromAdded += 1
            } else {
                return nil
            }
        }
        return KnownPages(pages: snapshot.site.pages, indexByID: snapshot.site.pageIndexByID, fingerprints: fingerprints, changed: Set(ids))
    }

    /// What `pageEdits` found: the pages to read again.
    struct PageEdits: Sendable {
        /// The stamps the last build saved.
        var saved: SourceStamps
        /// The page files that changed, and those differing from the snapshot.
        var ids: [String]
        /// Files came since the last build (`pageAdditions`).
        var filesAdded = false
    }

    /// Beyond this many pages differing from the snapshot, a full build
    /// makes a new one rather than read them all again every time.
    static let maxSnapshotOverrides = 100

    /// What `buildFromSnapshot` did.
    enum SnapshotOutcome {
        case built(BuildReport)
        /// The site must be read and assembled again; `known` holds the
        /// snapshot's unchanged pages when the snapshot is sound.
        case readEverything(known: KnownPages?)
    }

    /// A build after only published pages changed (`pageEdits`), without reading
    /// or assembling the other pages: each changed page must read back,
    /// front matter and all, as the snapshot has it, or differ only in what
    /// it shows of itself (`ShownFieldsEdit`; it then replaces the snapshot's
    /// page, and the stamps list it among the overrides). Then the site is
    /// the snapshot's and only outputs whose key changed are rendered, as
    /// `serve` does from memory. When the snapshot cannot serve (damaged, of
    /// another build) the caller reads everything; when a changed page moves
    /// in the site (a date, a tag) or has a problem, it reads the changed
    /// files and takes the others from the snapshot (`KnownPages`).
    func buildFromSnapshot(
        _ edits: PageEdits, _ stamps: SourceStamps, snapshot loading: Task<SiteSnapshot?, Never>, cache: BuildCache, fingerprint: UInt64,
        clock: inout StageClock
    ) async throws(BuildFailure) -> SnapshotOutcome {
        let (saved, ids) = (edits.saved, edits.ids)
        let parser = SiteParser(contentRoot: rootURL.appendingPathComponent("content"), displayPrefix: "content/", baseURLOverride: options.baseURL, workers: 1)
        // Made while the snapshot, the longer of the two to decode, is still being read.
        var fingerprints = Dictionary(cache.entries.map { ($0.id, $0.fingerprint) }, uniquingKeysWith: { first, _ in first })
        let snapshot = await loading.value
        guard let snapshot else { return .readEverything(known: nil) }
        // Pages the last build added to the snapshot's (`PageInsertion`): read again, as edited ones are.
        let addedBefore = saved.overrides.filter { snapshot.site.pageIndexByID[$0] == nil }.sorted()
        guard let known = knownPages(snapshot, cache: cache, fingerprints: fingerprints, changed: ids, added: addedBefore) else {
            return .readEverything(known: nil)
        }
        // A page due to be published since: the site changes around it.
        guard options.now < snapshot.site.nextPublication else { return .readEverything(known: known) }
        var contentChanged = false
        var replacements: [Int: Page] = [:]
        var relational = false
        var shownFieldEdits: Set<Int> = []
        // A page read again: what changed since the last build read it.
        func note(_ fingerprint: PageFingerprint, of id: String, at index: Int) {
            if fingerprint.content != fingerprints[id]?.content { contentChanged = true }
            // Front matter not as the last build read it (or a page new since): the pages and lists showing the page follow.
            if fingerprint.frontMatter != fingerprints[id]?.frontMatter { shownFieldEdits.insert(index) }
            fingerprints[id] = fingerprint
        }
        // New page files, put among the snapshot's pages first: the edited ones are then found by their new indexes.
        var added: [(page: Page, fingerprint: PageFingerprint)] = []
        for id in ids where snapshot.site.pageIndexByID[id] == nil {
            guard let file = Self.newPageFile(id, in: snapshot.site) else { return .readEverything(known: known) }
            let (page, diagnostics, fingerprint) = parser.parseAgain(file, config: snapshot.site.config, sectionKinds: snapshot.sectionKinds)
            guard let page, let fingerprint, diagnostics.isEmpty,
                  PageInsertion.applies(page, to: snapshot.site, includeFuture: options.includeFuture, now: options.now)
            else { return .readEverything(known: known) }
            added.append((page, fingerprint))
        }
        let (base, positions) = PageInsertion.inserting(added.map(\.page), into: snapshot.site)
        var site = base
        for (index, new) in zip(positions, added) {
            replacements[index] = new.page
            relational = true
            note(new.fingerprint, of: new.page.id, at: index)
        }
        for id in ids where snapshot.site.pageIndexByID[id] != nil {
            guard let index = site.pageIndexByID[id] else { return .readEverything(known: known) }
            let page = site.pages[index]
            let file = ContentTree.PageFile(id: id, sectionPath: page.sectionPath, fileSlug: Self.fileSlug(of: id, isBundle: page.isBundle), isBundle: page.isBundle)
            let (reread, diagnostics, fingerprint) = parser.parseAgain(file, config: site.config, sectionKinds: snapshot.sectionKinds)
            guard let reread, let fingerprint, diagnostics.isEmpty else { return .readEverything(known: known) }
            // The same page to the last field, or one differing only in what it
            // shows of itself: the site assembled from it is the snapshot's.
            if reread != page {
                if !ShownFieldsEdit.applies(from: page, to: reread) {
                    // A date, weight or tag moves the page among others: the site is updated around it.
                    guard RelationalEdit.applies(from: page, to: reread, includeFuture: options.includeFuture, now: options.now) else {
                        return .readEverything(known: known)
                    }
                    relational = true
                }
                replacements[index] = reread
            }
            note(fingerprint, of: id, at: index)
        }
        guard replacements.count <= Self.maxSnapshotOverrides else { return .readEverything(known: known) }
        if relational {
            guard let updated = RelationalEdit.apply(replacements, to: site) else { return .readEverything(known: known) }
            site = updated
        } else {
            site.pages = site.pages.replacing(replacements)
        }
        // Where the relations differ from the snapshot's now and did in the last
        // build: outside these, every output shows the pages it showed then.
        // (Pages added to the snapshot's are compared as they were put in, on no list.)
        let rearrangement = relational ? Rearrangement(from: base, to: site) : Rearrangement()
        let lastRearranged = Self.moving(saved.rearranged, from: snapshot.site.pages, added: addedBefore, to: site)
        let sinceLastBuild = rearrangement.union(lastRearranged)
        clock.lap("snapshot")
        let state = BuildState(
            fingerprint: fingerprint, outputStamp: cache.outputStamp, validUntil: site.nextPublication,
            pages: site.pages.count, sections: site.sections.count, taxonomyPages: cache.taxonomyPages
        )
        var newStamps = stamps
        newStamps.snapshotStamp = saved.snapshotStamp
        // Files came: the entries are not the saved stamps', so the hashes are noted anew.
        if edits.filesAdded { newStamps.noteFrontMatters(fingerprints) } else { newStamps.keepFrontMatters(of: saved) }
        newStamps.overrides = replacements.keys.map(site.pages.id(at:)).sorted()
        newStamps.rearranged = rearrangement
        guard contentChanged else {
            // Files touched, bytes the same: the output stands.
            state.save(in: stateFolder)
            newStamps.save(in: stateFolder)
            var report = BuildReport(pages: site.pages.count, sections: site.sections.count, taxonomyPages: cache.taxonomyPages, filesWritten: 0, filesCopied: 0, diagnostics: [])
            report.timings = clock
            report.upToDate = true
            report.fromSnapshot = true
            report.pagesDecoded = site.pages.decodedCount
            return .built(report)
        }
        guard case .success(let theme) = ThemeLoader(siteRoot: rootURL).load() else { return .readEverything(known: known) }
        // A term new since the last build has pages of its own, which must not
        // take another output's path: checked as a full build checks (every page
        // read), beside the rendering. Terms the snapshot lacks but the last
        // build had were checked then.
        // So do a new page, and one added before whose front matter changed.
        let listsSinceLastBuild = Set(rearrangement.lists).subtracting(saved.rearranged.lists)
        let pagesWithNewPaths = positions.contains(where: shownFieldEdits.contains)
        var pathCheck: Task<[Diagnostic], Never>?
        if relational, pagesWithNewPaths || !listsSinceLastBuild.isEmpty
            && !listsSinceLastBuild.intersection(Self.termLists(of: site)).subtracting(Self.termLists(of: snapshot.site)).isEmpty {
            let (checked, assets) = (site, theme.assets.map(\.outputPath))
            pathCheck = Task {
                checked.pages.decodeAll()
                return OutputPlan.plan(checked, pageSize: checked.config.pageSize, assets: assets)
            }
        }
        // With no front matter changed since the last build, its pages and
        // relations are these: only bodies changed, whatever the snapshot holds.
        let rearranging = (relational || !sinceLastBuild.isEmpty) && !shownFieldEdits.isEmpty
        // The parsed pages are what `serve` assembles again after a front matter edit; this build returns no memory.
        let parsed = ParsedSite(config: site.config, home: site.home, sections: site.sections, pages: [], resources: [], diagnostics: [])
        let loaded = Loaded(
            site: site, theme: theme, warnings: [], fingerprints: fingerprints, structure: cache.structure, pageFiles: [:], parsed: parsed,
            pathCheck: pathCheck
        )
        guard let updated = try await updateInPlace(
            loaded, cache: cache, outputsMayComeOrGo: false, shownFieldEdits: shownFieldEdits,
            rearranged: rearranging ? sinceLastBuild : nil, encodingCache: true, clock: &clock
        ) else {
            // The cache or the snapshot did not serve (a damaged page, a record
            // missing), or two outputs would share a path (a full build tells which).
            return .readEverything(known: nil)
        }
        var report = updated.report
        report.fromSnapshot = true
        report.pagesDecoded = site.pages.decodedCount
        let addedAt = Set(positions)
        if relational {
            report.pagesMoved = replacements.count { !addedAt.contains($0.key) && !ShownFieldsEdit.applies(from: base.pages[$0.key], to: $0.value) }
            report.pagesAdded = added.count - addedBefore.count
        }
        guard let newCache = updated.cache else { return .built(report) }
        var saving = report.timings
        newCache.save(in: stateFolder, body: updated.cacheBody)
        // With warnings, the next build reads everything and shows them again.
        if report.diagnostics.isEmpty {
            var newState = state
            newState.outputStamp = newCache.outputStamp
            newState.taxonomyPages = report.taxonomyPages
            newState.save(in: stateFolder)
            newStamps.save(in: stateFolder)
        }
        saving.lap("save the cache")
        report.timings = saving
        return .built(report)
    }

    /// A file under content/ that was not there, in a folder that was a
    /// section: the page the scanner would make of it (a page of its own,
    /// not a bundle), or nil when it would make none or something else.
    static func newPageFile(_ id: String, in site: Site) -> ContentTree.PageFile? {
        let parts = id.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let name = parts.last, name.hasSuffix(".md"), name != "index.md", !name.hasPrefix("_"), !name.hasPrefix("."),
              URLPath.isSafeSegment(name)
        else { return nil }
        let folder = parts.dropLast().joined(separator: "/")
        guard folder.isEmpty || site.sections[folder] != nil else { return nil }
        return ContentTree.PageFile(id: id, sectionPath: folder, fileSlug: String(name.dropLast(3)), isBundle: false)
    }

    /// The last build's rearrangement, whose pages are indexes of its site
    /// (the snapshot's pages with `added` put in by id), as indexes of `site`.
    static func moving(_ rearrangement: Rearrangement, from snapshotPages: PageList, added: [String], to site: Site) -> Rearrangement {
        guard !rearrangement.pages.isEmpty, !added.isEmpty || site.pages.count != snapshotPages.count else { return rearrangement }
        var lastIDs: [String] = []
        lastIDs.reserveCapacity(snapshotPages.count + added.count)
        var next = 0
        for index in snapshotPages.indices {
            let id = snapshotPages.id(at: index)
            while next < added.count, added[next] < id {
                lastIDs.append(added[next])
                next += 1
            }
            lastIDs.append(id)
        }
        lastIDs += added[next...]
        var moved = rearrangement
        moved.pages = rearrangement.pages.compactMap { $0 < lastIDs.count ? site.pageIndexByID[lastIDs[$0]] : nil }.sorted()
        return moved
    }

    /// Every term's and city's list, as `Rearrangement` names lists.
    static func termLists(of site: Site) -> Set<String> {
        var lists: Set<String> = []
        for term in site.tags + site.regions + site.honours + site.years + site.authors {
            lists.insert(term.url.listName)
            for child in term.children { lists.insert(child.url.listName) }
        }
        return lists
    }

    /// The name a page file gives its page: its folder's for a bundle's `index.md`, else its own without `.md`.
    static func fileSlug(of id: String, isBundle: Bool) -> String {
        let parts = id.split(separator: "/")
        let name = isBundle ? parts.dropLast().last ?? "" : parts.last ?? ""
        return isBundle ? String(name) : String(name.dropLast(3))
    }
}
