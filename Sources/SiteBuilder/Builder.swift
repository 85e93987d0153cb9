import Diagnostics
import Foundation
import SearchIndex
import SiteModel
import Templates

/// The build pipeline: load → parse → assemble → render → write. Content
/// problems are collected across all stages and reported together; the
/// output folder is replaced only when the build succeeded.
public struct Builder: Sendable {
    public let options: BuildOptions

    public init(options: BuildOptions) {
        self.options = options
    }

    var rootURL: URL { URL(fileURLWithPath: options.root).standardizedFileURL }

    var outputURL: URL {
        options.output.hasPrefix("/")
            ? URL(fileURLWithPath: options.output).standardizedFileURL
            : rootURL.appendingPathComponent(options.output).standardizedFileURL
    }

    var workerCount: Int {
        options.workers > 0 ? options.workers : max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    /// What `load` read: the site, its theme, the warnings so far, and what
    /// an incremental build compares with the last build.
    struct Loaded: Sendable {
        var site: Site
        var theme: Theme
        var warnings: [Diagnostic]
        var fingerprints: [String: PageFingerprint]
        var structure: UInt64
        /// Every page file by id, drafts too, for reading one again (`serve`).
        var pageFiles: [String: ContentTree.PageFile]
    }

    /// Reads and checks everything, writing nothing: what `check` runs and
    /// what `build` runs first.
    func load(clock: inout StageClock) async throws(BuildFailure) -> Loaded {
        let content = rootURL.appendingPathComponent("content")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: content.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BuildFailure([.error("no content/ folder in \(options.root): run this in a site folder, or pass --root")])
        }
        options.progress?("reading content")
        let tree: ContentTree
        do {
            tree = try ContentScanner(contentRoot: content).scan()
        } catch {
            throw BuildFailure([.error("cannot read content/: \(error.localizedDescription)")])
        }
        clock.lap("scan")
        let parser = SiteParser(contentRoot: content, displayPrefix: "content/", baseURLOverride: options.baseURL, workers: workerCount)
        let parsed = await parser.parse(tree)
        clock.lap("parse")
        var diagnostics = parsed.diagnostics
        diagnostics += tree.diagnostics
        let (site, assemblyProblems) = SiteAssembler(includeDrafts: options.includeDrafts, includeFuture: options.includeFuture, now: options.now).assemble(parsed)
        diagnostics += assemblyProblems
        clock.lap("assemble")

        let theme: Theme
        switch ThemeLoader(siteRoot: rootURL).load() {
        case .success(let loaded): theme = loaded
        case .failure(let failure): throw BuildFailure(diagnostics + failure.diagnostics)
        }
        diagnostics += OutputPlan.plan(site, pageSize: site.config.pageSize, assets: theme.assets.map(\.outputPath))
        clock.lap("templates")
        if diagnostics.contains(where: { $0.severity == .error }) {
            throw BuildFailure(diagnostics)
        }
        let structure = SiteStructure.key(root: rootURL, options: options, outputPath: outputURL.path, tree: tree, parsed: parsed, site: site)
        return Loaded(
            site: site, theme: theme, warnings: diagnostics, fingerprints: parsed.fingerprints, structure: structure,
            pageFiles: Dictionary(tree.pages.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        )
    }

    /// Builds the site into the output folder.
    public func build() async throws(BuildFailure) -> BuildReport {
        try await buildRemembering().report
    }

    /// `build`, also returning what it read and rendered, for the next build
    /// of a `serve` session (nil when the build stopped early: nothing changed).
    func buildRemembering() async throws(BuildFailure) -> (report: BuildReport, memory: BuildMemory?) {
        try checkOutputLocation()
        let publisher = Publisher(output: outputURL)
        if let reason = publisher.reasonNotToReplace() {
            throw BuildFailure([.error("the output folder \(options.output) cannot be replaced: \(reason); remove it or choose another folder")])
        }
        do {
            try publisher.recover()
        } catch {
            throw BuildFailure([.error("cannot clean up after an earlier build in \(options.output): \(error.localizedDescription)")])
        }
        var clock = StageClock()
        let fingerprint = BuildState.fingerprint(root: rootURL, options: [
            "drafts \(options.includeDrafts)", "future \(options.includeFuture)", "base \(options.baseURL ?? "")", "output \(outputURL.path)",
        ])
        if !options.force, let saved = BuildState.load(root: rootURL), saved.fingerprint == fingerprint,
           BuildState.stamp(of: outputURL.path) == saved.outputStamp, options.now < saved.validUntil {
            clock.lap("check for changes")
            var report = BuildReport(
                pages: saved.pages, sections: saved.sections, taxonomyPages: saved.taxonomyPages,
                filesWritten: 0, filesCopied: 0, diagnostics: []
            )
            report.timings = clock
            report.upToDate = true
            return (report, nil)
        }
        clock.lap("check for changes")
        let loaded = try await load(clock: &clock)
        let site = loaded.site
        let previousCache = options.force ? nil : BuildCache.load(root: rootURL)
        let plan = ChangePlan(site: site, loaded: loaded, cache: previousCache, outputStamp: BuildState.stamp(of: outputURL.path), search: options.search)
        if case .nothing(let cache) = plan {
            // Files were touched but no page's bytes changed: the output stands.
            BuildState(
                fingerprint: fingerprint, outputStamp: cache.outputStamp, validUntil: site.nextPublication,
                pages: site.pages.count, sections: cache.sections, taxonomyPages: cache.taxonomyPages
            ).save(root: rootURL)
            var report = BuildReport(
                pages: site.pages.count, sections: cache.sections, taxonomyPages: cache.taxonomyPages,
                filesWritten: 0, filesCopied: 0, diagnostics: loaded.warnings
            )
            report.timings = clock
            report.upToDate = true
            return (report, BuildMemory(loaded: loaded, cache: cache))
        }
        do {
            try publisher.prepare()
        } catch {
            throw BuildFailure([.error("cannot prepare the output folder \(options.output): \(error.localizedDescription)")])
        }
        do {
            var report: BuildReport
            var cache: BuildCache?
            var incremental: (BuildReport, BuildCache, removals: [String])?
            if case .pages(let changed, let previous) = plan {
                do {
                    incremental = try await renderChanged(changed, loaded: loaded, cache: previous, publisher: publisher, clock: &clock)
                } catch is CacheUnusable {
                    try publisher.prepare()
                }
            }
            // Before the output changes, the cache that describes it goes: a
            // build killed after publishing must not leave it to the next one.
            if let incremental {
                (report, cache) = (incremental.0, incremental.1)
                BuildCache.remove(root: rootURL)
                try publisher.commitChanges(removing: incremental.removals)
            } else {
                (report, cache) = try await render(
                    site, theme: loaded.theme, writer: OutputWriter(root: publisher.staging, previous: publisher.output),
                    warnings: loaded.warnings, clock: &clock, cacheFor: loaded
                )
                BuildCache.remove(root: rootURL)
                try publisher.publish()
                if cache != nil { BuildCache.adoptNewRecords(root: rootURL) }
            }
            clock.lap("publish")
            report.timings = clock
            if let stamp = BuildState.stamp(of: outputURL.path), report.diagnostics.isEmpty {
                BuildState(
                    fingerprint: fingerprint, outputStamp: stamp, validUntil: site.nextPublication,
                    pages: report.pages, sections: report.sections, taxonomyPages: report.taxonomyPages
                ).save(root: rootURL)
                if var cache {
                    cache.outputStamp = stamp
                    cache.save(root: rootURL)
                    return (report, BuildMemory(loaded: loaded, cache: cache))
                }
            }
            return (report, nil)
        } catch let failure as BuildFailure {
            publisher.discard()
            throw failure
        } catch {
            publisher.discard()
            throw BuildFailure([.error("cannot write the site: \(error)")])
        }
    }

    /// Everything `build` validates, without writing anything: the
    /// diagnostics (warnings included) of a full render.
    ///
    /// With `templateNames`, also warns about names templates use that no
    /// page's data has (a typo such as `{{page.titel}}`).
    public func check(templateNames: Bool = false) async -> [Diagnostic] {
        do {
            var clock = StageClock()
            let loaded = try await load(clock: &clock)
            let (report, _) = try await render(
                loaded.site, theme: loaded.theme, writer: .discarding, warnings: loaded.warnings, clock: &clock, collectUnresolved: templateNames
            )
            return report.diagnostics.sorted(by: Diagnostic.printingOrder)
        } catch let failure as BuildFailure {
            return failure.diagnostics
        } catch {
            return [.error("\(error)")]
        }
    }

    /// Refuses an output folder that would overwrite the site's own sources.
    private func checkOutputLocation() throws(BuildFailure) {
        let output = outputURL.path
        let root = rootURL.path
        let protected = [root, root + "/content", root + "/templates"]
        if protected.contains(where: { output == $0 || $0.hasPrefix(output + "/") || output.hasPrefix(root + "/content/") || output.hasPrefix(root + "/templates/") }) || output == "/" {
            throw BuildFailure([.error("the output folder \(options.output) would replace the site's own files: choose a folder such as public")])
        }
    }

    /// Renders every output. With `cacheFor`, also returns the build cache
    /// describing this output (saved once it is published).
    private func render(
        _ site: Site, theme: Theme, writer: OutputWriter, warnings: [Diagnostic], clock: inout StageClock, collectUnresolved: Bool = false,
        cacheFor loaded: Loaded? = nil
    ) async throws -> (BuildReport, BuildCache?) {
        var views = ViewBuilder(site: site, assetPaths: theme.assetPaths, search: options.search)
        views.extraHead = options.extraHead
        var searchNumbers = [Int](repeating: 0, count: options.search ? site.pages.count : 0)
        for (number, index) in site.newestFirst.enumerated() where options.search { searchNumbers[index] = number }
        options.progress?("rendering \(site.pages.count) pages")
        let pageRenderer = PageRenderer(
            site: site, views: views, library: theme.library, contentRoot: rootURL.appendingPathComponent("content"),
            collectUnresolved: collectUnresolved, searchNumbers: searchNumbers
        )
        var digests = await ParallelMap.map(Array(site.pages.indices), workers: workerCount) { index in
            pageRenderer.render(index, write: { path, html in try writer.write(path, html) }, writeBytes: { path, bytes in try writer.write(path, bytes: bytes) })
        }
        clock.lap("pages")
        let problems = digests.flatMap(\.diagnostics)
        if problems.contains(where: { $0.severity == .error }) {
            throw BuildFailure(warnings + problems)
        }
        options.progress?("rendering lists and indexes")
        let listRenderer = ListRenderer(site: site, views: views, library: theme.library, digests: digests)
        let pagedLists = listRenderer.pagedLists()
        let jobs = listRenderer.jobs(lists: pagedLists, search: options.search)
        let listResults = await ParallelMap.map(jobs, workers: workerCount) { job -> Result<(String, [UnresolvedName]), BuildFailure> in
            do {
                let output = try listRenderer.render(job, lists: pagedLists)
                try writer.write(output.path, output.text)
                let unresolved = collectUnresolved ? try listRenderer.unresolvedNames(job, lists: pagedLists) : []
                return .success((output.path, unresolved))
            } catch let error as TemplateError {
                return .failure(BuildFailure([.error(error.message, at: SourceLocation(file: error.path, line: error.line, column: error.column))]))
            } catch {
                return .failure(BuildFailure([.error("cannot write the site: \(error)")]))
            }
        }
        var listPaths: [String] = []
        var unresolved = Set(digests.flatMap(\.unresolved))
        for result in listResults {
            switch result {
            case .success(let (path, names)):
                listPaths.append(path)
                unresolved.formUnion(names)
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
        var recordLocations: [(offset: Int, length: Int)]?
        var searchState: BuildCache.SearchState?
        var search = (files: 0, bytes: 0)
        if options.search {
            let written = try writeSearchIndex(site, digests: &digests, writer: writer, keepingRecords: loaded != nil)
            search = (written.files, written.bytes)
            recordLocations = written.recordLocations
            searchState = written.state
        }
        let feeds = FeedRenderer(site: site, digests: digests)
        try writer.write("feed.xml", feeds.atom())
        try writer.write("sitemap.xml", feeds.sitemap())
        for asset in theme.assets {
            try writer.write("assets/" + asset.outputPath, bytes: asset.bytes)
        }
        let content = rootURL.appendingPathComponent("content")
        for (source, output) in site.resourceOutputs.sorted(by: { $0.key < $1.key }) {
            try writer.copy(from: content.appendingPathComponent(source), to: output)
        }
        clock.lap("feeds, assets, resources")
        let taxonomyPages = listPaths.count { path in
            ["tags/", "regions/", "honours/", "archive/", "authors/"].contains { path.hasPrefix($0) }
        }
        let report = BuildReport(
            pages: site.pages.count, sections: site.sections.count, taxonomyPages: taxonomyPages,
            filesWritten: site.pages.count + listPaths.count + 2 + theme.assets.count + search.files, filesCopied: site.resourceOutputs.count,
            searchFiles: search.files, searchBytes: search.bytes,
            diagnostics: warnings + problems + templateWarnings
        )
        guard let loaded, !options.search || recordLocations != nil else { return (report, nil) }
        let entries = site.pages.indices.map { index in
            let location = recordLocations?[index]
            return BuildCache.Entry(
                id: site.pages[index].id, fingerprint: loaded.fingerprints[site.pages[index].id] ?? PageFingerprint(content: 0, frontMatter: 0),
                summary: digests[index].summary, readingMinutes: digests[index].readingMinutes, wordCount: digests[index].wordCount,
                fragmentBytes: digests[index].searchFragmentBytes, recordOffset: location?.offset ?? -1, recordLength: location?.length ?? 0
            )
        }
        let cache = BuildCache(
            structure: loaded.structure, outputStamp: 0, entries: entries, search: searchState,
            sections: report.sections, taxonomyPages: report.taxonomyPages, filesWritten: report.filesWritten,
            filesCopied: report.filesCopied, searchFiles: report.searchFiles, searchBytes: report.searchBytes
        )
        return (report, cache)
    }

    /// Inverts the pages' search records (newest page first, each record
    /// dropped once added) and writes the shards and manifest; the fragments
    /// were written with the pages. With `keepingRecords`, the records also
    /// go to the cache's records file, for the next build to patch the index.
    private func writeSearchIndex(
        _ site: Site, digests: inout [PageDigest], writer: OutputWriter, keepingRecords: Bool
    ) throws -> (files: Int, bytes: Int, recordLocations: [(offset: Int, length: Int)]?, state: BuildCache.SearchState) {
        var index = SearchIndexBuilder()
        var fragmentBytes = 0
        var store: SearchRecordStore.Appender?
        if keepingRecords {
            try? FileManager.default.createDirectory(atPath: BuildCache.folder(root: rootURL), withIntermediateDirectories: true)
            // Beside the records the current cache points into, until this build is published.
            store = SearchRecordStore.Appender(path: BuildCache.newRecordsFile(root: rootURL), truncating: true)
        }
        var locations = [(offset: Int, length: Int)](repeating: (-1, 0), count: keepingRecords ? site.pages.count : 0)
        for page in site.newestFirst {
            let record = digests[page].search ?? .empty
            index.add(record)
            if let location = store?.append(record) { locations[page] = location }
            digests[page].search = nil
            fragmentBytes += digests[page].searchFragmentBytes
        }
        store?.close()
        let summary = try index.write { path, bytes in try writer.write(path, bytes: bytes) }
        let kept = store.map { !$0.failed } ?? false
        return (
            summary.shards + 1 + site.pages.count, summary.bytes + fragmentBytes, kept ? locations : nil,
            BuildCache.SearchState(shardCount: summary.shards, sizing: summary.sizing)
        )
    }
}
