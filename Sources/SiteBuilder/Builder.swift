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

    /// Where the build keeps what it knows of its last build (`BuildState`,
    /// `BuildCache`, the search records).
    var stateFolder: String {
        options.stateFolder ?? rootURL.path + "/.unionpress"
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
        /// What the site was assembled from, for assembling it again after an edit (`serve`).
        var parsed: ParsedSite
        /// The check that no two outputs share a path, when it runs beside
        /// the rendering (`load(checkingPathsAlongside:)`): its errors.
        var pathCheck: Task<[Diagnostic], Never>? = nil

        /// The build failure the path check found, if any (waiting for it).
        func pathClashes() async -> BuildFailure? {
            guard let clashes = await pathCheck?.value, !clashes.isEmpty else { return nil }
            return BuildFailure(warnings + clashes)
        }
    }

    /// Reads and checks everything, writing nothing: what `check` runs and
    /// what `build` runs first.
    ///
    /// With the last build's cache, the check that no two outputs share a
    /// path is left out when it cannot find anything new: the same
    /// structure, pages and front matter give the same paths as that build,
    /// which succeeded. `checkingPathsAlongside` runs that check beside
    /// what comes next instead of before (`Loaded.pathCheck`): a build
    /// renders into a staging folder meanwhile, and waits for it before publishing.
    func load(
        clock: inout StageClock, previous: BuildCache? = nil, checkingPathsAlongside: Bool = false, known: KnownPages? = nil
    ) async throws(BuildFailure) -> Loaded {
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
        let parsed = await parser.parse(tree, known: known)
        clock.lap("parse")
        var diagnostics = parsed.diagnostics
        diagnostics += tree.diagnostics
        let (site, assemblyProblems) = await SiteAssembler(includeDrafts: options.includeDrafts, includeFuture: options.includeFuture, now: options.now).assemble(parsed)
        diagnostics += assemblyProblems
        clock.lap("assemble")

        let theme: Theme
        switch ThemeLoader(siteRoot: rootURL).load() {
        case .success(let loaded): theme = loaded
        case .failure(let failure): throw BuildFailure(diagnostics + failure.diagnostics)
        }
        let structure = SiteStructure.key(root: rootURL, options: options, outputPath: outputURL.path, tree: tree, parsed: parsed, site: site)
        let samePaths = previous.map { cache in
            let comparison = ChangePlan.Comparison(site: site, fingerprints: parsed.fingerprints, cache: cache)
            return cache.structure == structure && comparison.samePages && comparison.sameFrontMatter
        } ?? false
        var pathCheck: Task<[Diagnostic], Never>?
        if !samePaths {
            let assets = theme.assets.map(\.outputPath)
            if checkingPathsAlongside {
                pathCheck = Task { OutputPlan.plan(site, pageSize: site.config.pageSize, assets: assets) }
            } else {
                diagnostics += OutputPlan.plan(site, pageSize: site.config.pageSize, assets: assets)
            }
        }
        clock.lap("templates")
        if diagnostics.contains(where: { $0.severity == .error }) {
            throw BuildFailure(diagnostics)
        }
        return Loaded(
            site: site, theme: theme, warnings: diagnostics, fingerprints: parsed.fingerprints, structure: structure,
            pageFiles: Dictionary(tree.pages.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }), parsed: parsed,
            pathCheck: pathCheck
        )
    }

    /// Builds the site into the output folder.
    public func build() async throws(BuildFailure) -> BuildReport {
        try await buildRemembering(fromSnapshot: true).report
    }

    /// `build`, also returning what it read and rendered, for the next build
    /// of a `serve` session (nil when the build stopped early: nothing changed).
    /// `fromSnapshot`: keep a site snapshot, and when only published pages
    /// changed, build from the last one (`buildFromSnapshot`, which returns
    /// no memory). `serve` keeps its memory instead.
    func buildRemembering(fromSnapshot: Bool = false) async throws(BuildFailure) -> (report: BuildReport, memory: BuildMemory?) {
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
        let stateOptions = [
            "drafts \(options.includeDrafts)", "future \(options.includeFuture)", "base \(options.baseURL ?? "")", "output \(outputURL.path)",
        ]
        var walked: SourceStamps? = SourceStamps()
        let fingerprint = BuildState.fingerprint(root: rootURL, options: stateOptions, stamps: &walked)
        var stamps = walked ?? SourceStamps()
        stamps.optionsKey = SiteStructure.optionsKey(options, outputPath: outputURL.path)
        if !options.force, let saved = BuildState.load(from: stateFolder), saved.fingerprint == fingerprint,
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
        // Only published pages changed: the last build's cache and site snapshot,
        // decoded side by side, stand for everything else.
        let saved = fromSnapshot && !options.force ? savedStamps() : nil
        // New page files in folders that were there are put among the snapshot's pages the same way.
        let edits = saved.flatMap { pageEdits(stamps, saved: $0) ?? pageAdditions(stamps, saved: $0) }
        let loadingSnapshot = edits == nil ? nil : Task { [stateFolder] in SiteSnapshot.load(from: stateFolder) }
        let previousCache = options.force ? nil : BuildCache.load(from: stateFolder)
        var known: KnownPages?
        if let edits, let loadingSnapshot, let previousCache {
            switch try await buildFromSnapshot(edits, stamps, snapshot: loadingSnapshot, cache: previousCache, fingerprint: fingerprint, clock: &clock) {
            case .built(let report):
                // Freeing 10,000 pages takes about 10 ms, which the result need not
                // wait for: the last references go on a thread of their own.
                Task.detached(priority: .background) { withExtendedLifetime((loadingSnapshot, previousCache)) {} }
                return (report, nil)
            case .readEverything(let unchanged):
                known = unchanged
            }
        }
        let loaded = try await load(clock: &clock, previous: previousCache, checkingPathsAlongside: true, known: known)
        let snapshot = fromSnapshot ? encodingSnapshot(of: loaded) : nil
        let site = loaded.site
        let plan = ChangePlan(site: site, loaded: loaded, cache: previousCache, outputStamp: BuildState.stamp(of: outputURL.path), search: options.search)
        if case .nothing(let cache) = plan {
            // Files were touched but no page's bytes changed: the output stands.
            if let clashes = await loaded.pathClashes() { throw clashes }
            if loaded.warnings.isEmpty {
                BuildState(
                    fingerprint: fingerprint, outputStamp: cache.outputStamp, validUntil: site.nextPublication,
                    pages: site.pages.count, sections: site.sections.count, taxonomyPages: cache.taxonomyPages
                ).save(in: stateFolder)
                if let snapshot { await saveSnapshot(snapshot, of: loaded, stamps: stamps) }
            }
            var report = BuildReport(
                pages: site.pages.count, sections: site.sections.count, taxonomyPages: cache.taxonomyPages,
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
        return try await discardingOnFailure(publisher) {
            let published: Rendering
            var inPlace = false
            do {
                if case .incremental(let previous, let outputsMayComeOrGo) = plan,
                   let incremental = try await renderIncrementally(loaded, cache: previous, outputsMayComeOrGo: outputsMayComeOrGo, publisher: publisher, clock: &clock) {
                    published = incremental
                    inPlace = true
                } else {
                    published = try await render(
                        site, theme: loaded.theme, writer: OutputWriter(root: publisher.staging, previous: publisher.output),
                        warnings: loaded.warnings, clock: &clock, cacheFor: loaded
                    )
                }
            } catch {
                // Two outputs on one path can make writing fail: the clash is the error to show.
                if let clashes = await loaded.pathClashes() { throw clashes }
                throw error
            }
            if let clashes = await loaded.pathClashes() { throw clashes }
            // The cache's body (all but the output's stamp) is encoded while the output is put in place.
            let cacheBody = published.cache.map { cache in Task { cache.encodedBody() } }
            try publish(published, with: publisher, inPlace: inPlace)
            clock.lap("publish")
            var report = published.report
            report.timings = clock
            if known != nil { report.pagesFromSnapshot = loaded.parsed.pagesFromSnapshot }
            guard let stamp = BuildState.stamp(of: outputURL.path) else { return (report, nil) }
            // With warnings, the next build runs again to show them; the cache still serves it.
            if report.diagnostics.isEmpty {
                BuildState(
                    fingerprint: fingerprint, outputStamp: stamp, validUntil: site.nextPublication,
                    pages: report.pages, sections: report.sections, taxonomyPages: report.taxonomyPages
                ).save(in: stateFolder)
            }
            guard var cache = published.cache else { return (report, nil) }
            cache.outputStamp = stamp
            cache.save(in: stateFolder, body: await cacheBody?.value)
            if let snapshot, report.diagnostics.isEmpty { await saveSnapshot(snapshot, of: loaded, stamps: stamps) }
            return (report, BuildMemory(loaded: loaded, cache: cache))
        }
    }

    /// Puts a rendering in place: changed files one by one for an
    /// incremental one, the folder swap otherwise. The cache describing the
    /// old output goes first, so a build killed after publishing never
    /// leaves it to the next one.
    func publish(_ rendering: Rendering, with publisher: Publisher, inPlace: Bool) throws {
        SourceStamps.remove(from: stateFolder)
        BuildCache.remove(from: stateFolder)
        if inPlace {
            try publisher.commitChanges(removing: rendering.removals)
        } else {
            try publisher.publish()
        }
        if rendering.recordsInNewFile { BuildCache.adoptNewRecords(in: stateFolder) }
    }

    /// Runs what writes into the staging folder; on any failure the staging
    /// folder goes and the error is a build failure.
    func discardingOnFailure<T>(_ publisher: Publisher, _ body: () async throws -> T) async throws(BuildFailure) -> T {
        do {
            return try await body()
        } catch let failure as BuildFailure {
            publisher.discard()
            throw failure
        } catch {
            publisher.discard()
            throw BuildFailure([.error("cannot write the site: \(error)")])
        }
    }

    /// An incremental render into the staging folder, or nil when the cache
    /// cannot serve it (the staging folder is then empty again, for a full render).
    func renderIncrementally(
        _ loaded: Loaded, cache: BuildCache, outputsMayComeOrGo: Bool, shownFieldEdits: Set<Int> = [], rearranged: Rearrangement? = nil,
        publisher: Publisher, clock: inout StageClock
    ) async throws -> Rendering? {
        do {
            return try await render(
                loaded.site, theme: loaded.theme, writer: OutputWriter(root: publisher.staging, previous: publisher.output, writesOnlyChanges: true),
                warnings: loaded.warnings, clock: &clock, cacheFor: loaded,
                increment: Increment(
                    cache: cache, outputsMayComeOrGo: outputsMayComeOrGo, previousOutput: publisher.output.path, shownFieldEdits: shownFieldEdits,
                    rearranged: rearranged
                )
            )
        } catch is CacheUnusable {
            try publisher.prepare()
            return nil
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
            let report = try await render(
                loaded.site, theme: loaded.theme, writer: .discarding, warnings: loaded.warnings, clock: &clock, collectUnresolved: templateNames
            ).report
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
}
