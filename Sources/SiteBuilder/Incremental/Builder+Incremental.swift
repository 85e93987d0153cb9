import Diagnostics
import Foundation
import SearchIndex
import SiteModel
import Templates

/// The incremental build: pages whose body alone changed are rendered
/// again, with the lists and feeds that show their summaries and the search
/// shards their terms are in. Only files whose bytes changed go to the
/// staging folder, to be moved into the output in place
/// (`Publisher.commitChanges`); the result is byte for byte what a full
/// build would write.
extension Builder {
    /// The cache could not serve this build (a record missing from its
    /// file): the caller renders everything instead.
    struct CacheUnusable: Error {}

    /// The report, the new cache, and the output files to delete.
    func renderChanged(
        _ changed: [Int], loaded: Loaded, cache: BuildCache, publisher: Publisher, clock: inout StageClock
    ) async throws -> (BuildReport, BuildCache, removals: [String]) {
        let site = loaded.site
        let theme = loaded.theme
        var searchNumbers = [Int](repeating: 0, count: options.search ? site.pages.count : 0)
        for (number, index) in site.newestFirst.enumerated() where options.search { searchNumbers[index] = number }

        // The changed pages' previous search records, read before anything is written.
        let recordsPath = BuildCache.recordsFile(root: rootURL)
        var oldRecords: [Int: SearchRecord] = [:]
        if options.search {
            guard let reader = SearchRecordStore.Reader(path: recordsPath) else { throw CacheUnusable() }
            defer { reader.close() }
            for index in changed {
                let entry = cache.entries[index]
                guard let record = reader.record(offset: entry.recordOffset, length: entry.recordLength) else { throw CacheUnusable() }
                oldRecords[index] = record
            }
        }

        let writer = OutputWriter(root: publisher.staging, previous: publisher.output, writesOnlyChanges: true)
        var views = ViewBuilder(site: site, assetPaths: theme.assetPaths, search: options.search)
        views.extraHead = options.extraHead
        let pageRenderer = PageRenderer(
            site: site, views: views, library: theme.library, contentRoot: rootURL.appendingPathComponent("content"),
            searchNumbers: searchNumbers
        )
        options.progress?("rendering \(changed.count) changed pages")
        let rendered = await ParallelMap.map(changed, workers: workerCount) { index in
            pageRenderer.render(index, write: { path, html in try writer.write(path, html) }, writeBytes: { path, bytes in try writer.write(path, bytes: bytes) })
        }
        clock.lap("pages")
        let problems = rendered.flatMap(\.diagnostics)
        if problems.contains(where: { $0.severity == .error }) {
            throw BuildFailure(loaded.warnings + problems)
        }

        var digests = cache.entries.map { entry in
            PageDigest(
                summary: entry.summary, readingMinutes: entry.readingMinutes, wordCount: entry.wordCount, diagnostics: [],
                searchFragmentBytes: entry.fragmentBytes
            )
        }
        var summaryChanged: Set<Int> = []
        for (index, digest) in zip(changed, rendered) {
            if digest.summary != digests[index].summary { summaryChanged.insert(index) }
            digests[index] = digest
        }
        var listsWritten = 0
        if !summaryChanged.isEmpty {
            let listRenderer = ListRenderer(site: site, views: views, library: theme.library, digests: digests)
            let lists = listRenderer.pagedLists()
            let jobs = listRenderer.jobs(lists: lists, search: options.search).filter {
                listRenderer.showsSummary(of: summaryChanged, $0, lists: lists)
            }
            let failures = await ParallelMap.map(jobs, workers: workerCount) { job -> BuildFailure? in
                do {
                    let output = try listRenderer.render(job, lists: lists)
                    try writer.write(output.path, output.text)
                    return nil
                } catch let error as TemplateError {
                    return BuildFailure([.error(error.message, at: SourceLocation(file: error.path, line: error.line, column: error.column))])
                } catch {
                    return BuildFailure([.error("cannot write the site: \(error)")])
                }
            }
            if let failure = failures.compactMap({ $0 }).first { throw failure }
            listsWritten = jobs.count
        }
        let feeds = FeedRenderer(site: site, digests: digests)
        try writer.write("feed.xml", feeds.atom())
        try writer.write("sitemap.xml", feeds.sitemap())
        clock.lap("lists")

        var entries = cache.entries
        var searchState = cache.search
        var searchBytes = cache.searchBytes
        var searchFiles = cache.searchFiles
        var removals: [String] = []
        for (index, digest) in zip(changed, rendered) {
            entries[index].summary = digest.summary
            entries[index].readingMinutes = digest.readingMinutes
            entries[index].wordCount = digest.wordCount
            entries[index].fragmentBytes = digest.searchFragmentBytes
            entries[index].fingerprint = loaded.fingerprints[site.pages[index].id] ?? entries[index].fingerprint
            searchBytes += digest.searchFragmentBytes - cache.entries[index].fragmentBytes
        }
        if options.search, let state = cache.search {
            options.progress?("updating the search index")
            guard var appender = SearchRecordStore.Appender(path: recordsPath, truncating: false) else { throw CacheUnusable() }
            var changes: [SearchIndexPatch.Change] = []
            for (index, digest) in zip(changed, rendered) {
                let record = digest.search ?? .empty
                guard let old = oldRecords[index], let location = appender.append(record) else {
                    appender.close()
                    throw CacheUnusable()
                }
                entries[index].recordOffset = location.offset
                entries[index].recordLength = location.length
                changes.append(SearchIndexPatch.Change(document: searchNumbers[index], old: old, new: record))
            }
            appender.close()
            let previousShards = publisher.output.path + "/"
            let patched = try SearchIndexPatch.apply(
                changes, shardCount: state.shardCount, sizing: state.sizing,
                readShard: { CacheFile.read(previousShards + SearchLayout.shard($0)) },
                emit: { path, bytes in try writer.write(path, bytes: bytes) }
            )
            if let patched {
                searchState?.sizing = patched.sizing
                searchBytes += patched.bytesDelta
            } else {
                let rewritten = try rewriteSearchIndex(site, entries: entries, recordsPath: recordsPath, writer: writer)
                removals = (rewritten.state.shardCount..<max(rewritten.state.shardCount, state.shardCount)).map(SearchLayout.shard)
                searchState = rewritten.state
                searchBytes = rewritten.bytes + entries.reduce(0) { $0 + $1.fragmentBytes }
                searchFiles = rewritten.state.shardCount + 1 + site.pages.count
            }
        }
        clock.lap("search index")

        var report = BuildReport(
            pages: site.pages.count, sections: cache.sections, taxonomyPages: cache.taxonomyPages,
            filesWritten: changed.count + listsWritten, filesCopied: 0, searchFiles: searchFiles, searchBytes: searchBytes,
            diagnostics: loaded.warnings
        )
        report.changedPages = changed.count
        report.changedLists = listsWritten
        var newCache = cache
        newCache.entries = entries
        newCache.search = searchState
        newCache.searchBytes = searchBytes
        newCache.searchFiles = searchFiles
        return (report, newCache, removals)
    }

    /// Writes the whole search index from the cached records, when a patch
    /// would change the number of shards.
    private func rewriteSearchIndex(
        _ site: Site, entries: [BuildCache.Entry], recordsPath: String, writer: OutputWriter
    ) throws -> (state: BuildCache.SearchState, bytes: Int) {
        guard let reader = SearchRecordStore.Reader(path: recordsPath) else { throw CacheUnusable() }
        defer { reader.close() }
        var index = SearchIndexBuilder()
        for page in site.newestFirst {
            guard let record = reader.record(offset: entries[page].recordOffset, length: entries[page].recordLength) else { throw CacheUnusable() }
            index.add(record)
        }
        let summary = try index.write { path, bytes in try writer.write(path, bytes: bytes) }
        return (BuildCache.SearchState(shardCount: summary.shards, sizing: summary.sizing), summary.bytes)
    }
}
