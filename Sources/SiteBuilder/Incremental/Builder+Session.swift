import Diagnostics
import Foundation
import SiteModel

extension Builder {
    /// Builds after the files at `changedPaths` (relative to the site
    /// folder, as the watcher reports them) changed, starting from what the
    /// previous build of the session read. When only page bodies changed,
    /// only those pages are read and the rest is taken from `memory`; in
    /// every other case, or without a memory, this is a normal build.
    /// Either way the output is what a full build would write.
    public func build(after memory: BuildMemory?, changedPaths: [String]?) async throws(BuildFailure) -> (report: BuildReport, memory: BuildMemory?) {
        if let memory, let changedPaths, let changed = bodyChanges(changedPaths, memory: memory) {
            if changed.isEmpty {
                var report = BuildReport(
                    pages: memory.loaded.site.pages.count, sections: memory.cache.sections, taxonomyPages: memory.cache.taxonomyPages,
                    filesWritten: 0, filesCopied: 0, diagnostics: memory.loaded.warnings
                )
                report.upToDate = true
                return (report, memory)
            }
            if let result = try await buildChangedBodies(changed, memory: memory) { return result }
        }
        return try await buildRemembering()
    }

    /// The pages whose body alone changed, with their new fingerprints, or
    /// nil when anything else may have changed (then everything is read).
    private func bodyChanges(_ paths: [String], memory: BuildMemory) -> [(index: Int, fingerprint: PageFingerprint)]? {
        let site = memory.loaded.site
        guard options.now < site.nextPublication, BuildState.stamp(of: outputURL.path) == memory.cache.outputStamp else { return nil }
        let parser = SiteParser(contentRoot: rootURL.appendingPathComponent("content"), displayPrefix: "content/", baseURLOverride: options.baseURL, workers: 1)
        let sectionKinds = site.sections.mapValues(\.defaultKind)
        var changed: [(index: Int, fingerprint: PageFingerprint)] = []
        for path in Set(paths).sorted() {
            let parts = path.split(separator: "/")
            // Hidden files (an editor's swap file) are not part of the site.
            if parts.contains(where: { $0.hasPrefix(".") }) { continue }
            guard parts.first == "content", parts.count > 1 else { return nil }
            let id = parts.dropFirst().joined(separator: "/")
            guard let file = memory.loaded.pageFiles[id] else {
                // A file that came and went (an editor's temporary file) leaves no trace; anything else may be new.
                if !FileManager.default.fileExists(atPath: rootURL.path + "/" + path) { continue }
                return nil
            }
            guard let index = site.pageIndexByID[id], let old = memory.loaded.fingerprints[id] else { return nil }
            let (_, diagnostics, fingerprint) = parser.parseAgain(file, config: site.config, sectionKinds: sectionKinds)
            guard let fingerprint, diagnostics.isEmpty, fingerprint.frontMatter == old.frontMatter else { return nil }
            if fingerprint.content != old.content { changed.append((index, fingerprint)) }
        }
        return changed
    }

    /// Renders the changed pages from memory and updates the output in
    /// place; nil when the cache cannot serve it (then everything is read).
    private func buildChangedBodies(
        _ changed: [(index: Int, fingerprint: PageFingerprint)], memory: BuildMemory
    ) async throws(BuildFailure) -> (report: BuildReport, memory: BuildMemory?)? {
        var clock = StageClock()
        var loaded = memory.loaded
        for page in changed { loaded.fingerprints[loaded.site.pages[page.index].id] = page.fingerprint }
        let publisher = Publisher(output: outputURL)
        do {
            try publisher.prepare()
            let result: (BuildReport, BuildCache, removals: [String])
            do {
                result = try await renderChanged(changed.map(\.index), loaded: loaded, cache: memory.cache, publisher: publisher, clock: &clock)
            } catch is CacheUnusable {
                publisher.discard()
                return nil
            }
            // The cache on disk is for the output as it was.
            BuildCache.remove(root: rootURL)
            try publisher.commitChanges(removing: result.removals)
            clock.lap("publish")
            var (report, cache) = (result.0, result.1)
            report.timings = clock
            guard let stamp = BuildState.stamp(of: outputURL.path) else { return (report, nil) }
            cache.outputStamp = stamp
            return (report, BuildMemory(loaded: loaded, cache: cache))
        } catch let failure as BuildFailure {
            publisher.discard()
            throw failure
        } catch {
            publisher.discard()
            throw BuildFailure([.error("cannot write the site: \(error)")])
        }
    }
}
