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

    /// Reads and checks everything, writing nothing: what `check` runs and
    /// what `build` runs first.
    func load(clock: inout StageClock) async throws(BuildFailure) -> (Site, Theme, [Diagnostic]) {
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
        return (site, theme, diagnostics)
    }

    /// Builds the site into the output folder.
    public func build() async throws(BuildFailure) -> BuildReport {
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
            return report
        }
        clock.lap("check for changes")
        let (site, theme, warnings) = try await load(clock: &clock)
        do {
            try publisher.prepare()
        } catch {
            throw BuildFailure([.error("cannot prepare the output folder \(options.output): \(error.localizedDescription)")])
        }
        let writer = OutputWriter(root: publisher.staging, previous: publisher.output)
        do {
            var report = try await render(site, theme: theme, writer: writer, warnings: warnings, clock: &clock)
            try publisher.publish()
            clock.lap("publish")
            report.timings = clock
            if let stamp = BuildState.stamp(of: outputURL.path), report.diagnostics.isEmpty {
                BuildState(
                    fingerprint: fingerprint, outputStamp: stamp, validUntil: site.nextPublication,
                    pages: report.pages, sections: report.sections, taxonomyPages: report.taxonomyPages
                ).save(root: rootURL)
            }
            return report
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
            let (site, theme, warnings) = try await load(clock: &clock)
            let report = try await render(site, theme: theme, writer: .discarding, warnings: warnings, clock: &clock, collectUnresolved: templateNames)
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

    private func render(
        _ site: Site, theme: Theme, writer: OutputWriter, warnings: [Diagnostic], clock: inout StageClock, collectUnresolved: Bool = false
    ) async throws -> BuildReport {
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
        let search = options.search ? try writeSearchIndex(site, digests: &digests, writer: writer) : (files: 0, bytes: 0)
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
        return BuildReport(
            pages: site.pages.count, sections: site.sections.count, taxonomyPages: taxonomyPages,
            filesWritten: site.pages.count + listPaths.count + 2 + theme.assets.count + search.files, filesCopied: site.resourceOutputs.count,
            searchFiles: search.files, searchBytes: search.bytes,
            diagnostics: warnings + problems + templateWarnings
        )
    }

    /// Inverts the pages' search records (newest page first, each record
    /// dropped once added) and writes the shards and manifest; the fragments
    /// were written with the pages.
    private func writeSearchIndex(_ site: Site, digests: inout [PageDigest], writer: OutputWriter) throws -> (files: Int, bytes: Int) {
        var index = SearchIndexBuilder()
        var fragmentBytes = 0
        for page in site.newestFirst {
            index.add(digests[page].search ?? .empty)
            digests[page].search = nil
            fragmentBytes += digests[page].searchFragmentBytes
        }
        let summary = try index.write { path, bytes in try writer.write(path, bytes: bytes) }
        return (summary.shards + 1 + site.pages.count, summary.bytes + fragmentBytes)
    }
}
