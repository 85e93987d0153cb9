import Diagnostics
import Foundation
import SearchIndex
import SiteModel
import Templates
#if canImport(Glibc)
import Glibc
#endif

extension Builder {
    /// What `render` did.
    struct Rendering: Sendable {
        var report: BuildReport
        /// The cache describing the new output, when asked for and complete.
        var cache: BuildCache?
        /// Output files to delete (incremental renders only).
        var removals: [String] = []
        /// The cache's search records are in the new records file.
        var recordsInNewFile = false
    }

    /// An incremental render: from the last build's cache (whose structure
    /// key matches), only outputs whose key changed are rendered, and the
    /// writer writes only files whose bytes changed.
    struct Increment: Sendable {
        var cache: BuildCache
        /// False when the same pages are published and no front matter
        /// changed: then no output can appear or go, and the folder is not listed.
        var outputsMayComeOrGo: Bool
        /// The output folder as the last build left it.
        var previousOutput: String
        /// Pages whose front matter changed only in what they show
        /// (`ShownFieldsEdit`), by index: with the bodies, what may have changed.
        var shownFieldEdits: Set<Int> = []
        /// After a date, weight or tag edit (`RelationalEdit`): the same pages,
        /// their relations differing from the last build's only here. Only these
        /// outputs, those showing an edited page and the site-wide ones are keyed.
        var rearranged: Rearrangement?
    }

    /// The cache cannot serve this build (a record missing from its file):
    /// the caller renders everything instead.
    struct CacheUnusable: Error {}

    /// Renders the site: every output, or with `increment` only what
    /// changed. With `loaded`, also returns the cache describing the new
    /// output (saved once it is published).
    func render(
        _ site: Site, theme: Theme, writer: OutputWriter, warnings: [Diagnostic], clock: inout StageClock, collectUnresolved: Bool = false,
        cacheFor loaded: Loaded? = nil, increment: Increment? = nil
    ) async throws -> Rendering {
        // Theme assets and copied files do not depend on anything rendered:
        // a full build copies them beside the rendering, filling the moments
        // a core would otherwise wait (the last pages, the serial steps).
        // They are part of the structure key: an incremental render finds them as they were.
        let copying: Task<Void, Error>? = increment != nil ? nil : Task { [rootURL] in
            for asset in theme.assets {
                try writer.write("assets/" + asset.outputPath, bytes: asset.bytes)
            }
            let content = rootURL.appendingPathComponent("content")
            for (source, output) in site.resourceOutputs.sorted(by: { $0.key < $1.key }) {
                try Task.checkCancellation()
                try writer.copy(from: content.appendingPathComponent(source), to: output)
            }
        }
        do {
            return try await renderOutputs(
                site, theme: theme, writer: writer, warnings: warnings, clock: &clock, collectUnresolved: collectUnresolved,
                cacheFor: loaded, increment: increment, copying: copying
            )
        } catch {
            // Nothing may go on writing once the caller discards the output.
            copying?.cancel()
            _ = await copying?.result
            throw error
        }
    }

    private func renderOutputs(
        _ site: Site, theme: Theme, writer: OutputWriter, warnings: [Diagnostic], clock: inout StageClock, collectUnresolved: Bool,
        cacheFor loaded: Loaded?, increment: Increment?, copying: Task<Void, Error>?
    ) async throws -> Rendering {
        // Only bodies changed (and front matter only in what pages show of
        // themselves): the same pages in the same order, so only pages showing
        // an edited one can have a new key, and lists change only where a summary or an edited page is.
        let rearranged = increment?.rearranged
        let bodiesOnly = rearranged == nil && (increment.map { !$0.outputsMayComeOrGo } ?? false)
        // Then few outputs are rendered, and each makes the links it shows.
        let few = bodiesOnly || rearranged != nil
        var views = ViewBuilder(site: site, assetPaths: theme.assetPaths, search: options.search, hrefsUpFront: !few)
        views.extraHead = options.extraHead
        var searchNumbers = [Int](repeating: 0, count: options.search ? site.pages.count : 0)
        // Documents are numbered oldest first: a new page, usually the newest, comes last and moves none.
        for (number, index) in site.newestFirst.reversed().enumerated() where options.search { searchNumbers[index] = number }
        let keys = loaded.map { OutputKeys(site: site, fingerprints: $0.fingerprints, links: views.links, everyPage: !few) }

        let edited = few ? increment?.shownFieldEdits ?? [] : []
        var (previous, pageKeys, pagesToRender) = try choosePages(site, increment: increment, loaded: loaded, keys: keys, edited: edited)
        if bodiesOnly, !edited.isEmpty { pagesToRender = Set(pagesToRender).union(ShownFieldsEdit.pagesShowing(edited, in: site)).sorted() }

        options.progress?("rendering \(pagesToRender.count) pages")
        let pageRenderer = PageRenderer(
            site: site, views: views, library: theme.library, contentRoot: rootURL.appendingPathComponent("content"),
            collectUnresolved: collectUnresolved, searchNumbers: searchNumbers
        )
        // Each page's key is made beside its rendering, from the links it found.
        let rendered = await ParallelMap.map(pagesToRender, workers: workerCount) { index in
            let digest = pageRenderer.render(index, write: { path, bytes in try writer.write(path, bytes: bytes) })
            return (digest, keys?.page(index, destinations: digest.linkDestinations))
        }
        clock.lap("pages")
        let problems = rendered.flatMap(\.0.diagnostics)
        if problems.contains(where: { $0.severity == .error }) {
            throw BuildFailure(warnings + problems)
        }
        var digests = previous.map { entry in
            PageDigest(
                summary: entry?.summary ?? "", readingMinutes: entry?.readingMinutes ?? 1, wordCount: entry?.wordCount ?? 0, diagnostics: [],
                searchFragmentBytes: entry?.fragmentBytes ?? 0, linkDestinations: entry?.linkDestinations ?? []
            )
        }
        for (index, (digest, key)) in zip(pagesToRender, rendered) {
            digests[index] = digest
            if let key { pageKeys[index] = key }
        }

        options.progress?("rendering lists and indexes")
        let newSummaries: Set<Int> = few ? Set(pagesToRender.filter { digests[$0].summary != previous[$0]?.summary }).union(edited) : []
        // After body edits that kept every summary, no list can have changed:
        // no list entry is even made.
        let listsUnchanged = bodiesOnly && newSummaries.isEmpty
        // After body edits, the few lists showing a new summary make only the entries they show.
        let listRenderer = listsUnchanged
            ? nil : ListRenderer(site: site, views: views, library: theme.library, digests: digests, itemsUpFront: !few)
        let pagedLists = listRenderer?.pagedLists() ?? []
        var listsGone: [String] = []
        var listsKeyed: Set<String> = []
        let (listPaths, listKeys, jobsToRender) = if let listRenderer, let rearranged, let increment, let keys {
            chooseLists(
                listRenderer, lists: pagedLists, rearranged: rearranged, increment: increment, shown: newSummaries, edited: edited, keys: keys,
                gone: &listsGone, keyed: &listsKeyed
            )
        } else if let listRenderer {
            await chooseLists(
                listRenderer, lists: pagedLists, increment: increment, bodiesOnly: bodiesOnly, newSummaries: newSummaries, edited: edited, keys: keys
            )
        } else {
            ([], increment?.cache.listKeys ?? [:], [ListRenderer.Job]())
        }
        let listResults = await ParallelMap.map(jobsToRender, workers: workerCount) { job -> Result<[UnresolvedName], BuildFailure> in
            guard let listRenderer else { return .success([]) }
            do {
                let output = try listRenderer.render(job, lists: pagedLists)
                try writer.write(output.path, bytes: output.bytes)
                return .success(collectUnresolved ? try listRenderer.unresolvedNames(job, lists: pagedLists) : [])
            } catch let error as TemplateError {
                return .failure(BuildFailure([.error(error.message, at: SourceLocation(file: error.path, line: error.line, column: error.column))]))
            } catch {
                return .failure(BuildFailure([.error("cannot write the site: \(error)")]))
            }
        }
        var unresolved = Set(rendered.flatMap(\.0.unresolved))
        for result in listResults {
            switch result {
            case .success(let names): unresolved.formUnion(names)
            case .failure(let failure): throw failure
            }
        }
        let templateWarnings = unresolved.sorted().map { name in
            var diagnostic = theme.library.diagnostic(for: TemplateError(message: "", path: name.path, line: name.line, column: name.column))
            diagnostic.severity = .warning
            diagnostic.message = "\"\(name.name)\" is not in the data of any page this template renders: check the spelling"
            return diagnostic
        }
        clock.lap("lists")

        options.progress?("writing the search index")
        // The feed shows summaries; the sitemap only addresses and dates,
        // which are front matter. Both are made beside the search index.
        let feeds = FeedRenderer(site: site, digests: digests)
        // After a date or tag edit, the last sitemap is updated where it can have changed.
        let lastSitemap = rearranged == nil ? nil : increment.flatMap { CacheFile.read($0.previousOutput + "/sitemap.xml") }
        let sitemapPages = edited.union(pagesToRender).sorted()
        async let feedFiles = (
            atom: listsUnchanged ? nil : feeds.atom(),
            sitemap: bodiesOnly
                ? nil
                : lastSitemap.flatMap { feeds.sitemap(updating: $0, pages: sitemapPages, lists: listsKeyed) } ?? Array(feeds.sitemap().utf8)
        )
        var search = SearchOutcome()
        if options.search {
            if let increment {
                search = compactingRecords(try updateSearchIndex(
                    site, increment: increment, previous: previous, rendered: Array(zip(pagesToRender, rendered.map(\.0))),
                    searchNumbers: searchNumbers, writer: writer
                ))
            } else {
                search = try writeSearchIndex(site, digests: &digests, writer: writer, keepingRecords: loaded != nil)
            }
        }
        let (atom, sitemap) = await feedFiles
        if let atom { try writer.write("feed.xml", atom) }
        if let sitemap { try writer.write("sitemap.xml", bytes: sitemap) }
        try await copying?.value
        clock.lap("feeds, assets, resources")

        // Outputs the last build wrote that this one does not: pages gone or
        // moved, lists and aliases gone, fragments past the last page.
        var removals = search.staleShards + listsGone
        if let increment, increment.outputsMayComeOrGo {
            var written = increment.cache.entries.map(\.outputPath)
            written += increment.cache.listKeys.keys
            if options.search { written += increment.cache.entries.indices.map(SearchLayout.fragment) }
            var expected = Set(site.pages.map(\.url.outputFile))
            expected.formUnion(listPaths)
            if options.search { expected.formUnion(site.pages.indices.map(SearchLayout.fragment)) }
            removals += Set(written).subtracting(expected).sorted()
        }

        // After a date or tag edit, the list keys name every list output.
        let allListPaths = rearranged == nil ? listPaths : Array(listKeys.keys)
        let taxonomyPages = bodiesOnly ? increment?.cache.taxonomyPages ?? 0 : allListPaths.count { path in
            ["tags/", "regions/", "honours/", "archive/", "authors/"].contains { path.hasPrefix($0) }
        }
        let listCount = bodiesOnly ? increment?.cache.listKeys.count ?? 0 : allListPaths.count
        var report = BuildReport(
            pages: site.pages.count, sections: site.sections.count, taxonomyPages: taxonomyPages,
            filesWritten: site.pages.count + listCount + 2 + theme.assets.count + search.files, filesCopied: site.resourceOutputs.count,
            searchFiles: search.files, searchBytes: search.bytes,
            diagnostics: warnings + problems + templateWarnings
        )
        if increment != nil {
            report.changedPages = pagesToRender.count
            report.changedLists = jobsToRender.count
            report.searchUpdate = search.update
        }
        guard let loaded, !options.search || search.recordLocations != nil else { return Rendering(report: report, removals: removals) }
        func entry(_ index: Int) -> BuildCache.Entry {
            let location = search.recordLocations?[index]
            return BuildCache.Entry(
                id: site.pages.id(at: index), fingerprint: loaded.fingerprints[site.pages.id(at: index)] ?? PageFingerprint(content: 0, frontMatter: 0),
                summary: digests[index].summary, readingMinutes: digests[index].readingMinutes, wordCount: digests[index].wordCount,
                fragmentBytes: digests[index].searchFragmentBytes, recordOffset: location?.offset ?? -1, recordLength: location?.length ?? 0,
                searchNumber: options.search ? searchNumbers[index] : -1, pageKey: pageKeys[index],
                linkDestinations: digests[index].linkDestinations,
                // Only bodies changed, or dates and tags: every page is where it was.
                outputPath: few ? previous[index]?.outputPath ?? site.pages[index].url.outputFile : site.pages[index].url.outputFile
            )
        }
        var entries: [BuildCache.Entry]
        if few, !search.recordsInNewFile, let increment, increment.cache.entries.count == site.pages.count {
            // Only the pages rendered have new entries: the others kept their
            // key, digest, search record (no compaction moved it) and place,
            // and after a date edit perhaps not their search number.
            entries = increment.cache.entries
            for index in pagesToRender { entries[index] = entry(index) }
            for index in entries.indices where options.search && entries[index].searchNumber != searchNumbers[index] {
                entries[index].searchNumber = searchNumbers[index]
            }
        } else {
            entries = site.pages.indices.map(entry)
        }
        var cache = BuildCache(
            structure: loaded.structure, outputStamp: 0, entries: entries, listKeys: listKeys, search: search.state,
            taxonomyPages: report.taxonomyPages
        )
        // Entries that did not change are saved as the bytes they were read from.
        cache.stored = increment?.cache.stored
        return Rendering(report: report, cache: cache, removals: removals, recordsInNewFile: search.recordsInNewFile)
    }

    /// Which pages to render: all, or those whose key changed; with the
    /// last build's entry of each page and the keys known so far.
    private func choosePages(
        _ site: Site, increment: Increment?, loaded: Loaded?, keys: OutputKeys?, edited: Set<Int>
    ) throws -> (previous: [BuildCache.Entry?], keys: [UInt64], toRender: [Int]) {
        var previous = [BuildCache.Entry?](repeating: nil, count: site.pages.count)
        var pageKeys = [UInt64](repeating: 0, count: site.pages.count)
        guard let increment, let loaded, let keys else { return (previous, pageKeys, Array(site.pages.indices)) }
        var toRender: [Int] = []
        if let rearranged = increment.rearranged {
            // The same pages, perhaps with new ones (`PageInsertion`): those whose own
            // bytes changed or that are new, and those whose key may have
            // changed (shown pages rearranged, or an edited page shown) if it did.
            let mayHaveChanged = Set(rearranged.pages).union(ShownFieldsEdit.pagesShowing(edited, in: site))
            let entries = increment.cache.entries
            if entries.count == site.pages.count {
                for (index, entry) in entries.enumerated() {
                    guard entry.id == site.pages.id(at: index) else { throw CacheUnusable() }
                    previous[index] = entry
                }
            } else {
                // Entries are in id order, as the pages are: each is found by a walk along both.
                var next = 0
                for index in site.pages.indices {
                    let id = site.pages.id(at: index)
                    while next < entries.count, entries[next].id < id { next += 1 }
                    if next < entries.count, entries[next].id == id { previous[index] = entries[next] }
                }
                guard previous.count(where: { $0 != nil }) == entries.count else { throw CacheUnusable() }
            }
            for index in site.pages.indices {
                guard let entry = previous[index] else {
                    toRender.append(index)
                    continue
                }
                pageKeys[index] = entry.pageKey
                if loaded.fingerprints[entry.id]?.content != entry.fingerprint.content
                    || mayHaveChanged.contains(index) && keys.page(index, destinations: entry.linkDestinations) != entry.pageKey {
                    toRender.append(index)
                }
            }
            return (previous, pageKeys, toRender)
        }
        if !increment.outputsMayComeOrGo {
            // The same pages in the same order: only a page whose own bytes changed can render differently.
            guard increment.cache.entries.count == site.pages.count else { throw CacheUnusable() }
            for (index, entry) in increment.cache.entries.enumerated() {
                guard entry.id == site.pages.id(at: index) else { throw CacheUnusable() }
                previous[index] = entry
                pageKeys[index] = entry.pageKey
                if loaded.fingerprints[entry.id]?.content != entry.fingerprint.content { toRender.append(index) }
            }
            return (previous, pageKeys, toRender)
        }
        let byID = Dictionary(increment.cache.entries.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for (index, page) in site.pages.enumerated() {
            previous[index] = byID[page.id]
            if let entry = previous[index], keys.page(index, destinations: entry.linkDestinations) == entry.pageKey {
                pageKeys[index] = entry.pageKey
            } else {
                toRender.append(index)
            }
        }
        return (previous, pageKeys, toRender)
    }

    /// Every list output's path, the list keys for the new cache, and the
    /// jobs to render: all, those whose key changed, or after body edits
    /// those showing a changed summary or an `edited` page (the paths are
    /// then only theirs: only a build whose outputs may come or go needs all).
    private func chooseLists(
        _ renderer: ListRenderer, lists: [ListRenderer.PagedList], increment: Increment?, bodiesOnly: Bool, newSummaries: Set<Int>,
        edited: Set<Int>, keys: OutputKeys?
    ) async -> (paths: [String], keys: [String: UInt64], jobs: [ListRenderer.Job]) {
        var jobs = renderer.jobs(lists: lists, search: options.search, aliases: !bodiesOnly)
        // An edited page's title is on its alias redirects.
        jobs += edited.sorted().flatMap { page in renderer.site.pages[page].aliases.indices.map { ListRenderer.Job.alias(page: page, alias: $0) } }
        var listKeys: [String: UInt64] = bodiesOnly ? increment?.cache.listKeys ?? [:] : [:]
        var toRender: [ListRenderer.Job] = []
        var paths: [String] = []
        if bodiesOnly {
            for job in jobs where renderer.shows(anyOf: newSummaries, job, lists: lists) {
                let path = renderer.outputPath(job, lists: lists)
                paths.append(path)
                listKeys[path] = keys.map { renderer.key(job, lists: lists, keys: $0) }
                toRender.append(job)
            }
            return (paths, listKeys, toRender)
        }
        // Every list's path and key, on all cores: 15,000 lists at 10,000 pages.
        let entries = keys.map { renderer.listEntries(keys: $0) }
        let pathsAndKeys = await ParallelMap.map(jobs, workers: workerCount) { job in
            (renderer.outputPath(job, lists: lists), keys.map { renderer.key(job, lists: lists, keys: $0, entries: entries) })
        }
        paths.reserveCapacity(jobs.count)
        listKeys.reserveCapacity(keys == nil ? 0 : jobs.count)
        for (job, (path, key)) in zip(jobs, pathsAndKeys) {
            paths.append(path)
            if let key { listKeys[path] = key }
            if let increment, let key, increment.cache.listKeys[path] == key { continue }
            toRender.append(job)
        }
        return (paths, listKeys, toRender)
    }

    /// After a date, weight or tag edit: the site-wide lists (home, indexes,
    /// people, 404, search), every page of each list that was `rearranged`
    /// or shows a page in `shown`, and the edited pages' alias redirects are
    /// keyed; the others keep the last build's key. `gone`: the outputs of
    /// lists gone or shorter; `keyed`: the lists keyed (`URLPath.listName`).
    private func chooseLists(
        _ renderer: ListRenderer, lists: [ListRenderer.PagedList], rearranged: Rearrangement, increment: Increment, shown: Set<Int>,
        edited: Set<Int>, keys: OutputKeys, gone: inout [String], keyed: inout Set<String>
    ) -> (paths: [String], keys: [String: UInt64], jobs: [ListRenderer.Job]) {
        let previous = increment.cache.listKeys
        let changed = Set(rearranged.lists)
        var jobs: [ListRenderer.Job] = [.home, .notFound, .people]
        if options.search { jobs.append(.search) }
        jobs += renderer.taxonomies.indices.map { .taxonomyIndex($0) }
        for (index, list) in lists.enumerated() {
            let name = list.base.listName
            guard changed.contains(name) || list.items.contains(where: shown.contains) else { continue }
            keyed.insert(name)
            jobs += (1...renderer.pageCount(list)).map { .list(index, page: $0) }
        }
        jobs += edited.sorted().flatMap { page in renderer.site.pages[page].aliases.indices.map { ListRenderer.Job.alias(page: page, alias: $0) } }
        var listKeys = previous
        var paths: [String] = []
        var toRender: [ListRenderer.Job] = []
        for job in jobs {
            let path = renderer.outputPath(job, lists: lists)
            let key = renderer.key(job, lists: lists, keys: keys)
            paths.append(path)
            listKeys[path] = key
            if previous[path] != key { toRender.append(job) }
        }
        // The pages a rearranged list no longer has (all of a list gone).
        let written = Set(paths)
        for name in changed.sorted() {
            let url = URLPath(listName: name)
            var number = 1
            while true {
                let path = (number == 1 ? url : url.appending(["page", String(number)])).outputFile
                guard previous[path] != nil else { break }
                if !written.contains(path) {
                    gone.append(path)
                    listKeys[path] = nil
                }
                number += 1
            }
        }
        return (paths, listKeys, toRender)
    }

    /// The shards holding a page whose search number changed, from the pages'
    /// last records: after a small move in time, the few a renumbering reads.
    /// Nil when many pages moved: then reading every shard costs less.
    private func shardsHoldingMoved(
        previous: [BuildCache.Entry?], searchNumbers: [Int], oldRecords: [Int: SearchRecord], reader: SearchRecordStore.Reader, shardCount: Int
    ) throws -> Set<Int>? {
        let moved = previous.indices.filter { previous[$0]?.searchNumber != searchNumbers[$0] }
        guard moved.count <= 256 else { return nil }
        let records = try moved.map { index in
            if let record = oldRecords[index] { return record }
            guard let entry = previous[index], let record = reader.record(offset: entry.recordOffset, length: entry.recordLength) else {
                throw CacheUnusable()
            }
            return record
        }
        return SearchIndexPatch.shards(holding: records, shardCount: shardCount)
    }

    /// What writing or updating the search index left.
    struct SearchOutcome {
        var files = 0
        var bytes = 0
        /// Each page's record in the records file, in page order; nil when not kept.
        var recordLocations: [(offset: Int, length: Int)]?
        var state: BuildCache.SearchState?
        /// Shards a smaller index no longer has.
        var staleShards: [String] = []
        /// The records are in the new records file, to be put in place once
        /// the output is published (`BuildCache.adoptNewRecords`).
        var recordsInNewFile = false
        /// How an incremental build brought the index up to date.
        var update: SearchUpdate?
    }

    /// Incremental builds append records and leave the old ones: once the
    /// file holds more than twice what the pages use, the live records are
    /// copied to a new file, adopted when the output is published.
    private func compactingRecords(_ outcome: SearchOutcome) -> SearchOutcome {
        guard let locations = outcome.recordLocations else { return outcome }
        let live = locations.reduce(0) { $0 + $1.length }
        guard let reader = SearchRecordStore.Reader(path: BuildCache.recordsFile(in: stateFolder)) else { return outcome }
        defer { reader.close() }
        guard reader.size > 2 * live + (1 << 20),
              var appender = SearchRecordStore.Appender(path: BuildCache.newRecordsFile(in: stateFolder), truncating: true)
        else { return outcome }
        var compacted = locations
        for (index, location) in locations.enumerated() {
            guard let bytes = reader.storedBytes(offset: location.offset, length: location.length),
                  let moved = appender.append(stored: bytes) else {
                appender.close()
                return outcome
            }
            compacted[index] = moved
        }
        appender.close()
        guard !appender.failed else { return outcome }
        var result = outcome
        result.recordLocations = compacted
        result.recordsInNewFile = true
        return result
    }

    /// Inverts the pages' search records (oldest page first, each record
    /// dropped once added) and writes the shards and manifest; the fragments
    /// were written with the pages. With `keepingRecords`, the records also
    /// go to a new records file, for the next build to update the index from.
    private func writeSearchIndex(
        _ site: Site, digests: inout [PageDigest], writer: OutputWriter, keepingRecords: Bool
    ) throws -> SearchOutcome {
        var index = SearchIndexBuilder()
        var fragmentBytes = 0
        var store: SearchRecordStore.Appender?
        if keepingRecords {
            try? FileManager.default.createDirectory(atPath: stateFolder, withIntermediateDirectories: true)
            // Beside the records the current cache points into, until this build is published.
            store = SearchRecordStore.Appender(path: BuildCache.newRecordsFile(in: stateFolder), truncating: true)
        }
        var locations = [(offset: Int, length: Int)](repeating: (-1, 0), count: keepingRecords ? site.pages.count : 0)
        for page in site.newestFirst.reversed() {
            let record = digests[page].search ?? .empty
            index.add(record)
            if let location = store?.append(record) { locations[page] = location }
            digests[page].search = nil
            fragmentBytes += digests[page].searchFragmentBytes
        }
        store?.close()
        let summary = try index.write { path, bytes in try writer.write(path, bytes: bytes) }
        let kept = store.map { !$0.failed } ?? false
        return SearchOutcome(
            files: summary.shards + 1 + site.pages.count, bytes: summary.bytes + fragmentBytes, recordLocations: kept ? locations : nil,
            state: BuildCache.SearchState(shardCount: summary.shards, sizing: summary.sizing, bytes: summary.bytes),
            recordsInNewFile: kept
        )
    }

    /// Brings the index up to date with the rendered pages. When every page
    /// kept its document number, only the shards holding terms that changed
    /// are rewritten (`SearchIndexPatch`). When the same pages only moved in
    /// the order (a date edit), every shard is renumbered and patched, and
    /// the fragments of pages not rendered move to their new numbers.
    /// Otherwise the index is written anew from the records file.
    private func updateSearchIndex(
        _ site: Site, increment: Increment, previous: [BuildCache.Entry?], rendered: [(Int, PageDigest)],
        searchNumbers: [Int], writer: OutputWriter
    ) throws -> SearchOutcome {
        guard let state = increment.cache.search else { throw CacheUnusable() }
        let recordsPath = BuildCache.recordsFile(in: stateFolder)
        guard let reader = SearchRecordStore.Reader(path: recordsPath) else { throw CacheUnusable() }
        defer { reader.close() }
        var locations = previous.map { entry in (offset: entry?.recordOffset ?? -1, length: entry?.recordLength ?? 0) }
        var fragmentBytes = previous.map { $0?.fragmentBytes ?? 0 }
        // Old records first: appending may not overwrite them, but reading them
        // before anything is written keeps a damaged file from half an update.
        var oldRecords: [Int: SearchRecord] = [:]
        let samePages = site.pages.count == increment.cache.entries.count && previous.allSatisfy { $0 != nil }
        let numbersKept = samePages && site.pages.indices.allSatisfy { previous[$0]?.searchNumber == searchNumbers[$0] }
        // Pages only added, each after every page there was (a new page, the
        // newest): the others keep their numbers, and the new ones are patched in.
        let oldCount = increment.cache.entries.count
        let appended = !samePages && site.pages.count > oldCount && previous.count { $0 != nil } == oldCount
            && site.pages.indices.allSatisfy { index in
                previous[index].map { $0.searchNumber == searchNumbers[index] } ?? (searchNumbers[index] >= oldCount)
            }
        // Old number to new, when the same pages only moved.
        let renumbering = numbersKept || !samePages ? nil : SearchIndexRenumbering(newNumbers: {
            var newNumbers = [Int](repeating: -1, count: site.pages.count)
            for (index, entry) in previous.enumerated() {
                guard let old = entry?.searchNumber, newNumbers.indices.contains(old) else { return [] }
                newNumbers[old] = searchNumbers[index]
            }
            return newNumbers
        }())
        if numbersKept || appended || renumbering != nil {
            for (index, _) in rendered {
                // A new page had no record: it adds every term it has.
                if appended, previous[index] == nil {
                    oldRecords[index] = .empty
                    continue
                }
                guard let entry = previous[index], let record = reader.record(offset: entry.recordOffset, length: entry.recordLength) else {
                    throw CacheUnusable()
                }
                oldRecords[index] = record
            }
        }
        guard var appender = SearchRecordStore.Appender(path: recordsPath, truncating: false) else { throw CacheUnusable() }
        for (index, digest) in rendered {
            guard let location = appender.append(digest.search ?? .empty) else {
                appender.close()
                throw CacheUnusable()
            }
            locations[index] = location
            fragmentBytes[index] = digest.searchFragmentBytes
        }
        appender.close()
        if appender.failed { throw CacheUnusable() }
        let fragments = fragmentBytes.reduce(0, +)
        let files = { (shards: Int) in shards + 1 + site.pages.count }

        if !numbersKept && !appended {
            // Pages not rendered keep their fragment's bytes under their new number.
            let renderedPages = Set(rendered.map(\.0))
            for (index, entry) in previous.enumerated() where !renderedPages.contains(index) {
                guard let entry, entry.searchNumber != searchNumbers[index] else { continue }
                guard let bytes = CacheFile.read(increment.previousOutput + "/" + SearchLayout.fragment(entry.searchNumber)) else {
                    throw CacheUnusable()
                }
                try writer.write(SearchLayout.fragment(searchNumbers[index]), bytes: bytes)
            }
        }
        if numbersKept || appended || renumbering != nil {
            let changes = rendered.compactMap { index, digest in
                oldRecords[index].map { SearchIndexPatch.Change(document: searchNumbers[index], old: $0, new: digest.search ?? .empty) }
            }
            let shardFolder = increment.previousOutput + "/"
            if let patched = try SearchIndexPatch.apply(
                changes, renumbering: renumbering, renumbered: try renumbering.flatMap { _ in
                    try shardsHoldingMoved(previous: previous, searchNumbers: searchNumbers, oldRecords: oldRecords, reader: reader, shardCount: state.shardCount)
                }, shardCount: state.shardCount, sizing: state.sizing, workers: workerCount,
                readShard: { CacheFile.read(shardFolder + SearchLayout.shard($0)) },
                emit: { path, bytes in try writer.write(path, bytes: bytes) }
            ) {
                var bytes = state.bytes + patched.bytesDelta
                if appended {
                    // The manifest counts the documents.
                    let manifest = SearchIndexBuilder.manifest(documents: site.pages.count, shards: state.shardCount)
                    try writer.write(SearchLayout.manifest, bytes: manifest)
                    bytes += manifest.count - SearchIndexBuilder.manifest(documents: oldCount, shards: state.shardCount).count
                }
                let newState = BuildCache.SearchState(shardCount: state.shardCount, sizing: patched.sizing, bytes: bytes)
                return SearchOutcome(
                    files: files(state.shardCount), bytes: newState.bytes + fragments, recordLocations: locations, state: newState,
                    update: renumbering == nil ? .patched(shards: patched.shardsWritten) : .renumbered(shards: patched.shardsWritten)
                )
            }
        }
        var index = SearchIndexBuilder()
        for page in site.newestFirst.reversed() {
            guard let record = reader.record(offset: locations[page].offset, length: locations[page].length) else { throw CacheUnusable() }
            index.add(record)
        }
        let summary = try index.write { path, bytes in try writer.write(path, bytes: bytes) }
        let newState = BuildCache.SearchState(shardCount: summary.shards, sizing: summary.sizing, bytes: summary.bytes)
        return SearchOutcome(
            files: files(summary.shards), bytes: summary.bytes + fragments, recordLocations: locations, state: newState,
            staleShards: (summary.shards..<max(summary.shards, state.shardCount)).map(SearchLayout.shard), update: .rewritten
        )
    }
}
