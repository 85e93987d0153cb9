import Diagnostics
import Foundation
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
    func load() async throws(BuildFailure) -> (Site, Theme, [Diagnostic]) {
        let content = rootURL.appendingPathComponent("content")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: content.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BuildFailure([.error("no content/ folder in \(options.root): run this in a site folder, or pass --root")])
        }
        let tree: ContentTree
        do {
            tree = try ContentScanner(contentRoot: content).scan()
        } catch {
            throw BuildFailure([.error("cannot read content/: \(error.localizedDescription)")])
        }
        let parser = SiteParser(contentRoot: content, displayPrefix: "content/", baseURLOverride: options.baseURL, workers: workerCount)
        let parsed = await parser.parse(tree)
        var diagnostics = parsed.diagnostics
        diagnostics += tree.diagnostics
        let (site, assemblyProblems) = SiteAssembler(includeDrafts: options.includeDrafts, includeFuture: options.includeFuture, now: options.now).assemble(parsed)
        diagnostics += assemblyProblems

        let theme: Theme
        switch ThemeLoader(siteRoot: rootURL).load() {
        case .success(let loaded): theme = loaded
        case .failure(let failure): throw BuildFailure(diagnostics + failure.diagnostics)
        }
        diagnostics += OutputPlan.plan(site, pageSize: site.config.pageSize, assets: theme.assets.map(\.path))
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
        let (site, theme, warnings) = try await load()
        do {
            try publisher.prepare()
        } catch {
            throw BuildFailure([.error("cannot prepare the output folder \(options.output): \(error.localizedDescription)")])
        }
        let writer = OutputWriter(root: publisher.staging)
        do {
            let report = try await render(site, theme: theme, writer: writer, warnings: warnings)
            try publisher.publish()
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
    public func check() async -> [Diagnostic] {
        do {
            let (site, theme, warnings) = try await load()
            let report = try await render(site, theme: theme, writer: .discarding, warnings: warnings)
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

    private func render(_ site: Site, theme: Theme, writer: OutputWriter, warnings: [Diagnostic]) async throws -> BuildReport {
        let views = ViewBuilder(site: site)
        let pageRenderer = PageRenderer(site: site, views: views, library: theme.library)
        let digests = await ParallelMap.map(Array(site.pages.indices), workers: workerCount) { index in
            pageRenderer.render(index) { path, html in try writer.write(path, html) }
        }
        let problems = digests.flatMap(\.diagnostics)
        if problems.contains(where: { $0.severity == .error }) {
            throw BuildFailure(warnings + problems)
        }
        let lists: [ListRenderer.Output]
        do {
            lists = try ListRenderer(site: site, views: views, library: theme.library, digests: digests).render()
        } catch {
            throw BuildFailure([.error(error.message, at: SourceLocation(file: error.path, line: error.line, column: error.column))])
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            let lanes = workerCount
            for lane in 0..<lanes {
                group.addTask {
                    for index in stride(from: lane, to: lists.count, by: lanes) {
                        try writer.write(lists[index].path, lists[index].text)
                    }
                }
            }
            try await group.waitForAll()
        }
        let feeds = FeedRenderer(site: site, digests: digests)
        try writer.write("feed.xml", feeds.atom())
        try writer.write("sitemap.xml", feeds.sitemap())
        for (path, asset) in theme.assets {
            switch asset {
            case .embedded(let text): try writer.write("assets/" + path, text)
            case .file(let url): try writer.copy(from: url, to: "assets/" + path)
            }
        }
        let content = rootURL.appendingPathComponent("content")
        for (source, output) in site.resourceOutputs.sorted(by: { $0.key < $1.key }) {
            try writer.copy(from: content.appendingPathComponent(source), to: output)
        }
        let taxonomyPages = lists.count { path, _ in
            ["tags/", "regions/", "honours/", "archive/", "authors/"].contains { path.hasPrefix($0) }
        }
        return BuildReport(
            pages: site.pages.count, sections: site.sections.count, taxonomyPages: taxonomyPages,
            filesWritten: site.pages.count + lists.count + 2 + theme.assets.count, filesCopied: site.resourceOutputs.count,
            diagnostics: warnings + problems
        )
    }
}
