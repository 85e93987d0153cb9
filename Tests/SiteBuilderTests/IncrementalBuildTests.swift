import Foundation
import Testing
import SearchIndex
@testable import SiteBuilder

/// A build after a change writes exactly the bytes a clean build of the
/// same input writes, whatever the change; a change to page bodies renders
/// only those pages and the lists that show their summaries, and leaves
/// every other file untouched.
@Suite(.serialized) struct IncrementalBuildTests {
    /// The output of a clean build of the site's current sources, in a
    /// folder of its own (so the site's own cache and output stay as they are).
    static func cleanBuild(
        of site: TemporarySite, _ configure: (inout BuildOptions) -> Void = { _ in }
    ) async throws -> (files: [String: Data], folders: Set<String>) {
        let copy = try TemporarySite([:])
        for folder in ["content", "templates"] where site.exists(folder) {
            try FileManager.default.copyItem(at: site.root.appendingPathComponent(folder), to: copy.root.appendingPathComponent(folder))
        }
        try await copy.build(configure)
        return (copy.snapshot("public"), folders(copy, "public"))
    }

    /// Every folder below `folder`, relative to it: an update must not leave
    /// an empty one behind where a clean build has none.
    static func folders(_ site: TemporarySite, _ folder: String) -> Set<String> {
        let base = site.root.appendingPathComponent(folder).path
        var result: Set<String> = []
        guard let walker = FileManager.default.enumerator(atPath: base) else { return result }
        while let relative = walker.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + relative, isDirectory: &isFolder), isFolder.boolValue { result.insert(relative) }
        }
        return result
    }

    static func inode(_ site: TemporarySite, _ path: String) -> UInt64? {
        var info = stat()
        guard lstat(site.root.appendingPathComponent(path).path, &info) == 0 else { return nil }
        return UInt64(info.st_ino)
    }

    static func expectSameAsClean(_ site: TemporarySite, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let clean = try await cleanBuild(of: site)
        let built = site.snapshot("public")
        #expect(built.keys.sorted() == clean.files.keys.sorted(), sourceLocation: sourceLocation)
        let differing = built.keys.filter { built[$0] != clean.files[$0] }.sorted()
        #expect(differing.isEmpty, "files differing from a clean build: \(differing)", sourceLocation: sourceLocation)
        let folders = Self.folders(site, "public")
        #expect(folders == clean.folders, "folders only here: \(folders.subtracting(clean.folders).sorted()), only in the clean build: \(clean.folders.subtracting(folders).sorted())", sourceLocation: sourceLocation)
    }

    func edit(_ site: TemporarySite, _ path: String, _ change: (String) -> String) throws {
        try site.write(path, change(site.read(path) ?? ""))
    }

    @Test func aBodyEditRendersThatPageOnly() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        let untouched = Self.inode(site, "public/news/xiamen/index.html")
        let listBefore = Self.inode(site, "public/news/index.html")
        // A second paragraph: the summary (the first paragraph) stays.
        try edit(site, "content/news/liaoyuan.md") { $0 + "\n\n第二段：新增的职工书屋。\n" }
        let report = try await site.build()
        #expect(report.changedPages == 1)
        #expect(report.changedLists == 0)
        #expect(site.read("public/news/liaoyuan/index.html")?.contains("新增的职工书屋") == true)
        #expect(Self.inode(site, "public/news/xiamen/index.html") == untouched)
        #expect(Self.inode(site, "public/news/index.html") == listBefore)
        try await Self.expectSameAsClean(site)
    }

    @Test func aNewSummaryRendersTheListsThatShowIt() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        try edit(site, "content/news/liaoyuan.md") { $0.replacingOccurrences(of: "扎实推进", with: "全面推进") }
        let report = try await site.build()
        #expect(report.changedPages == 1)
        #expect(report.changedLists > 0)
        #expect(site.read("public/news/index.html")?.contains("全面推进") == true)
        #expect(site.read("public/index.html")?.contains("全面推进") == true)
        #expect(site.read("public/feed.xml")?.contains("全面推进") == true)
        try await Self.expectSameAsClean(site)
    }

    @Test func frontMatterNewRenamedAndRemovedPagesMatch() async throws {
        let site = try TemporarySite(SmallSite.files)
        let full = try await site.build()
        let total = full.pages + full.taxonomyPages
        // A new title shows on the page, its neighbours and the lists holding it; nothing else is rendered.
        try edit(site, "content/news/liaoyuan.md") { $0.replacingOccurrences(of: "title: 百名工会", with: "title: 二百名工会") }
        let retitled = try await site.build()
        #expect((retitled.changedPages ?? 0) >= 1 && (retitled.changedPages ?? 99) < retitled.pages)
        #expect(retitled.changedLists > 0 && retitled.changedLists < total)
        #expect(site.read("public/news/xiamen/index.html")?.contains("二百名工会") == true)
        try await Self.expectSameAsClean(site)
        // A new tag: a new tag page appears.
        try edit(site, "content/news/liaoyuan.md") { $0.replacingOccurrences(of: "tags: [安全生产, 新就业形态]", with: "tags: [安全生产, 新就业形态, 职工书屋]") }
        try await site.build()
        #expect(site.exists("public/tags/职工书屋/index.html"))
        try await Self.expectSameAsClean(site)
        try site.write("content/news/new-page.md", "---\ntitle: 新增的报道\ndate: 2025-06-08\ntags: [安全生产]\naliases: [/old/new-page/]\n---\n新增的正文。\n")
        #expect(try await site.build().changedPages != nil)
        #expect(site.exists("public/old/new-page/index.html"))
        try await Self.expectSameAsClean(site)
        try FileManager.default.moveItem(
            at: site.root.appendingPathComponent("content/news/new-page.md"), to: site.root.appendingPathComponent("content/news/renamed.md")
        )
        try await site.build()
        #expect(!site.exists("public/news/new-page/index.html"))
        #expect(!site.exists("public/news/new-page"))
        try await Self.expectSameAsClean(site)
        // Removed: its page, alias and tag page go.
        try site.remove("content/news/renamed.md")
        try edit(site, "content/news/liaoyuan.md") { $0.replacingOccurrences(of: ", 职工书屋]", with: "]") }
        try await site.build()
        #expect(!site.exists("public/old/new-page/index.html"))
        #expect(!site.exists("public/tags/职工书屋/index.html"))
        // Their folders too: a clean build has none of them.
        #expect(!site.exists("public/old"))
        #expect(!site.exists("public/tags/职工书屋"))
        #expect(!site.exists("public/news/renamed"))
        try await Self.expectSameAsClean(site)
        // A draft published, then a roster's member linked to a profile.
        try edit(site, "content/news/draft.md") { $0.replacingOccurrences(of: "draft: true\n", with: "") }
        try await site.build()
        try await Self.expectSameAsClean(site)
        try edit(site, "content/rosters/yunnan.md") { $0.replacingOccurrences(of: "- 周虎", with: "- {name: 周虎, unit: 新单位}") }
        try await site.build()
        try await Self.expectSameAsClean(site)
    }

    @Test func templatesSettingsAndTouchedFiles() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        try site.write("templates/partials/footer.html", "<footer>新的页脚</footer>\n")
        #expect(try await site.build().changedPages == nil)
        #expect(site.read("public/news/liaoyuan/index.html")?.contains("新的页脚") == true)
        try await Self.expectSameAsClean(site)
        try edit(site, "content/news/_index.md") { $0.replacingOccurrences(of: "title: 地方实践", with: "title: 各地实践") }
        #expect(try await site.build().changedPages == nil)
        try await Self.expectSameAsClean(site)
        // Touched but not changed: nothing to do.
        try edit(site, "content/news/xiamen.md") { $0 }
        #expect(try await site.build().upToDate)
        try await Self.expectSameAsClean(site)
    }

    @Test func aSiteWithWarningsStillBuildsIncrementallyAndKeepsShowingThem() async throws {
        let site = try TemporarySite(SmallSite.files)
        // A character the stroke table lacks (CJK extension B): a warning at its line.
        try edit(site, "content/rosters/yunnan.md") { $0.replacingOccurrences(of: "- 陈坤", with: "- 𠀾坤") }
        let first = try await site.build()
        #expect(first.diagnostics.count == 1)
        try edit(site, "content/news/liaoyuan.md") { $0 + "\n\n第二段。\n" }
        let second = try await site.build()
        #expect(second.changedPages == 1)
        #expect(second.diagnostics.map(\.message) == first.diagnostics.map(\.message))
        try await Self.expectSameAsClean(site)
        let builder = Builder(options: site.options())
        let session = try await builder.build(after: nil, changedPaths: nil)
        try edit(site, "content/news/liaoyuan.md") { $0 + "\n\n第三段。\n" }
        let served = try await builder.build(after: session.memory, changedPaths: ["content/news/liaoyuan.md"])
        #expect(served.report.changedPages == 1)
        #expect(served.report.diagnostics.count == 1)
        try await Self.expectSameAsClean(site)
    }

    @Test func serveFollowsATitleEditFromMemory() async throws {
        let site = try TemporarySite(SmallSite.files)
        let builder = Builder(options: site.options())
        let session = try await builder.build(after: nil, changedPaths: nil)
        try edit(site, "content/news/xiamen.md") { $0.replacingOccurrences(of: "title: 从“线下跑腿”到“云端解纷”", with: "title: 从线下跑腿到云端解纷") }
        let served = try await builder.build(after: session.memory, changedPaths: ["content/news/xiamen.md"])
        #expect((served.report.changedPages ?? 0) > 1 && served.report.changedLists > 0)
        try await Self.expectSameAsClean(site)
        // The memory holds the new title: a page showing Xiamen, edited next, shows it.
        let memory = try #require(served.memory)
        #expect(memory.loaded.site.pages.contains { $0.title == "从线下跑腿到云端解纷" })
        try edit(site, "content/news/liaoyuan.md") { $0 + "\n\n辽源的第二段。\n" }
        let body = try await builder.build(after: memory, changedPaths: ["content/news/liaoyuan.md"])
        #expect(body.report.changedPages == 1)
        try await Self.expectSameAsClean(site)
        // A date moves the page in its lists: the site is updated around it.
        try edit(site, "content/news/xiamen.md") { $0.replacingOccurrences(of: "date: 2025-06-06", with: "date: 2025-05-06") }
        let moved = try await builder.build(after: body.memory, changedPaths: ["content/news/xiamen.md"])
        #expect(moved.memory != nil && moved.report.pagesMoved == 1)
        try await Self.expectSameAsClean(site)
        // A new tag makes a tag page; dropped, the page goes.
        try edit(site, "content/news/xiamen.md") { $0.replacingOccurrences(of: "tags: [新就业形态, 枫桥经验]", with: "tags: [新就业形态, 枫桥经验, 调解新专题]") }
        let tagged = try await builder.build(after: moved.memory, changedPaths: ["content/news/xiamen.md"])
        #expect(tagged.report.pagesMoved == 1 && site.exists("public/tags/调解新专题/index.html"))
        try await Self.expectSameAsClean(site)
        try edit(site, "content/news/xiamen.md") { $0.replacingOccurrences(of: ", 调解新专题]", with: "]") }
        let untagged = try await builder.build(after: tagged.memory, changedPaths: ["content/news/xiamen.md"])
        #expect(untagged.report.pagesMoved == 1 && !site.exists("public/tags/调解新专题/index.html"))
        try await Self.expectSameAsClean(site)
    }

    @Test func anEditThatMakesTwoOutputsShareAPathIsStillAnError() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        // A body edit skips the check (nothing can clash that did not before); a new alias does not.
        try edit(site, "content/news/liaoyuan.md") { $0.replacingOccurrences(of: "region: [吉林省, 辽源市]", with: "region: [吉林省, 辽源市]\naliases: [/news/xiamen/]") }
        let before = site.snapshot("public")
        do {
            try await site.build()
            Issue.record("the build should fail: two outputs on news/xiamen/index.html")
        } catch {
            #expect(error.diagnostics.contains { $0.message.contains("public/news/xiamen/index.html") && $0.location?.file == "content/news/liaoyuan.md" })
        }
        #expect(site.snapshot("public") == before)
    }

    @Test func theSearchIndexFollowsBodiesEvenWhenItsShardCountChanges() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        let shards = { (site.snapshot("public/search/s").keys.count) }
        #expect(shards() == 1)
        // Thousands of new two-character terms: the index needs more shards.
        var scalars = String.UnicodeScalarView()
        for step in 0..<6000 { scalars.append(Unicode.Scalar(0x4E00 + (step * 7919) % 20000) ?? "字") }
        let long = String(scalars)
        try edit(site, "content/news/escape.md") { $0 + "\n" + long + "\n" }
        #expect(try await site.build().changedPages == 1)
        #expect(shards() > 1)
        try await Self.expectSameAsClean(site)
        // And back: the extra shards go.
        try edit(site, "content/news/escape.md") { $0.replacingOccurrences(of: "\n" + long + "\n", with: "") }
        #expect(try await site.build().changedPages == 1)
        #expect(shards() == 1)
        try await Self.expectSameAsClean(site)
        try edit(site, "content/news/escape.md") { $0 + "\n外卖骑手权益保障。\n" }
        try await site.build()
        try await Self.expectSameAsClean(site)
    }

    /// A body edit patches the shards holding its terms; a date edit moves
    /// pages in the index's order, newest first, and renumbers the shards
    /// in place (its body edited too); a new page writes the index anew.
    @Test func theSearchIndexIsPatchedRenumberedOrRewrittenAsTheEditNeeds() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        try edit(site, "content/news/liaoyuan.md") { $0 + "\n外卖骑手权益保障。\n" }
        let body = try await site.build()
        guard case .patched(let patched)? = body.searchUpdate else {
            Issue.record("a body edit should patch the index, not \(String(describing: body.searchUpdate))")
            return
        }
        #expect(patched > 0)
        try await Self.expectSameAsClean(site)
        // Escape (June 4) becomes the oldest article: it takes number 0, and the pages that were older move up by one.
        try edit(site, "content/news/escape.md") {
            $0.replacingOccurrences(of: "date: 2025-06-04", with: "date: 2025-05-01") + "\n枫桥经验。\n"
        }
        let moved = try await site.build()
        guard case .renumbered(let renumbered)? = moved.searchUpdate else {
            Issue.record("a date edit should renumber the index, not \(String(describing: moved.searchUpdate))")
            return
        }
        #expect(renumbered > 0)
        try await Self.expectSameAsClean(site)
        let output = site.root.appendingPathComponent("public")
        let results = try SearchIndexReader { path in
            FileManager.default.contents(atPath: output.appendingPathComponent(path).path).map { Array($0) }
        }.search("枫桥经验", limit: 10)
        #expect(results.hits.map(\.url).contains("/news/escape/"))
        // A new page, the newest, takes the next number: its terms are patched in.
        try site.write("content/news/added.md", "---\ntitle: 新增的报道\ndate: 2025-06-20\n---\n新增的职工书屋正文。\n")
        let added = try await site.build()
        guard case .patched(let patchedIn)? = added.searchUpdate else {
            Issue.record("a new newest page should be patched in, not \(String(describing: added.searchUpdate))")
            return
        }
        #expect(patchedIn > 0)
        try await Self.expectSameAsClean(site)
        // A new page older than others moves them: the index is written anew.
        try site.write("content/news/older.md", "---\ntitle: 补发的旧报道\ndate: 2025-05-02\n---\n补发的正文。\n")
        #expect(try await site.build().searchUpdate == .rewritten)
        try await Self.expectSameAsClean(site)
    }

    /// A bundle's files are copied beside its page: when a new slug moves the
    /// page, they move with it (seed 14 above found them left behind).
    @Test func aMovedBundleTakesItsFilesAlong() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        #expect(site.exists("public/events/wuwei/photo.png"))
        try edit(site, "content/events/wuwei/index.md") { "---\nslug: wuwei-games\n" + $0.dropFirst(4) }
        try await site.build()
        #expect(site.exists("public/events/wuwei-games/photo.png") && !site.exists("public/events/wuwei/photo.png"))
        try await Self.expectSameAsClean(site)
    }

    @Test func aBrokenBodyFailsAndLeavesTheOutputThenTheFixMatches() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        let before = site.snapshot("public")
        try edit(site, "content/news/liaoyuan.md") { $0 + "\n见[不存在](missing.md)。\n" }
        await #expect(throws: BuildFailure.self) { try await site.build() }
        #expect(site.snapshot("public") == before)
        try edit(site, "content/news/liaoyuan.md") { $0.replacingOccurrences(of: "\n见[不存在](missing.md)。\n", with: "\n见[厦门](xiamen.md)。\n") }
        #expect(try await site.build().changedPages == 1)
        try await Self.expectSameAsClean(site)
    }

    /// Random edits of every sort, each followed by a build compared with a
    /// clean one: the same seed gives the same sequence.
    @Test(arguments: [1, 2, 3, 4, 5, 14])
    func randomEditsAlwaysMatchACleanBuild(seed: UInt64) async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        var random = SeededRandom(seed: seed)
        var added: [String] = []
        for step in 0..<12 {
            _ = try randomEdit(site, step: step, random: &random, added: &added)
            try await site.build()
            try await Self.expectSameAsClean(site)
        }
    }

    /// New pages, then edits of them and of others, each build compared with
    /// a clean one: new pages are put among the snapshot's (`PageInsertion`)
    /// and read again by the builds after, which add, edit and remove more.
    @Test(arguments: [1, 2, 3, 4, 6, 7])
    func newPagesAndTheirEditsMatchACleanBuild(seed: UInt64) async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        var random = SeededRandom(seed: seed)
        var added: [String] = []
        var insertions = 0
        for step in 0..<10 {
            _ = try newPageEdit(site, step: step, random: &random, added: &added)
            if (try await site.build().pagesAdded ?? 0) > 0 { insertions += 1 }
            try await Self.expectSameAsClean(site)
        }
        #expect(insertions > 0)
    }

    /// The same under `serve`, which puts new pages among the others in memory.
    @Test(arguments: [1, 2, 3, 4, 6, 7])
    func serveFollowsNewPagesAndTheirEdits(seed: UInt64) async throws {
        let site = try TemporarySite(SmallSite.files)
        let builder = Builder(options: site.options())
        var memory = try await builder.build(after: nil, changedPaths: nil).memory
        var random = SeededRandom(seed: seed)
        var added: [String] = []
        var insertions = 0
        for step in 0..<10 {
            let changed = try newPageEdit(site, step: step, random: &random, added: &added)
            let result = try await builder.build(after: memory, changedPaths: changed)
            if (result.report.pagesAdded ?? 0) > 0 { insertions += 1 }
            memory = result.memory
            try await Self.expectSameAsClean(site)
        }
        #expect(insertions > 0)
    }

    /// A new page (in a section, at the top, or among the rosters), or an edit
    /// of a new or old page (body, date, title), or a new page removed; the
    /// files it changed, relative to the site.
    func newPageEdit(_ site: TemporarySite, step: Int, random: inout SeededRandom, added: inout [String]) throws -> [String] {
        let folders = ["content/news", "content/events", "content", "content/rosters"]
        let pool = added + ["content/news/xiamen.md", "content/news/liaoyuan.md"]
        let page = pool[Int(random.next() % UInt64(pool.count))]
        switch random.next() % 6 {
        case 0, 1:
            let path = folders[Int(random.next() % UInt64(folders.count))] + "/new-\(step).md"
            let day = 10 + Int(random.next() % 20)
            let tags = ["安全生产", "新就业形态", "新专题\(step % 2)"].filter { _ in random.next() % 2 == 0 }
            try site.write(path, "---\ntitle: 新增\(step)\ndate: 2025-0\(5 + step % 2)-\(day)\ntags: [\(tags.joined(separator: ", "))]\nregion: 福建省/厦门市\n---\n第\(step)篇新增正文。\n")
            added.append(path)
            return [path]
        case 2:
            try edit(site, page) { $0 + "\n第\(step)段：职工之家。\n" }
        case 3:
            try edit(site, page) { $0.replacingOccurrences(of: "\ndate: 2025-0", with: "\ndate: 2024-0") }
        case 4:
            try edit(site, page) { $0.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: 第\(step)稿 ") }
        default:
            guard let path = added.popLast() else { return [] }
            try site.remove(path)
            return [path]
        }
        return [page]
    }

    /// The same under `serve`: each build starts from the last one's memory
    /// and is told which files changed, as the watcher tells it.
    @Test(arguments: [1, 2, 3, 4, 5, 14])
    func serveFollowsRandomEdits(seed: UInt64) async throws {
        let site = try TemporarySite(SmallSite.files)
        let builder = Builder(options: site.options())
        var memory = try await builder.build(after: nil, changedPaths: nil).memory
        var random = SeededRandom(seed: seed)
        var added: [String] = []
        for step in 0..<12 {
            let changed = try randomEdit(site, step: step, random: &random, added: &added)
            memory = try await builder.build(after: memory, changedPaths: changed).memory
            try await Self.expectSameAsClean(site)
        }
    }

    /// One random edit of the kinds above; the files it changed, relative to the site.
    func randomEdit(_ site: TemporarySite, step: Int, random: inout SeededRandom, added: inout [String]) throws -> [String] {
        let pages = ["content/news/xiamen.md", "content/news/liaoyuan.md", "content/news/escape.md", "content/rosters/yunnan.md", "content/profiles/yu-hong.md", "content/events/wuwei/index.md"]
        let page = pages[Int(random.next() % UInt64(pages.count))]
        switch random.next() % 12 {
        case 0, 1:
            try edit(site, page) { $0 + "\n第\(step)段：职工之家建设，劳模工匠。\n" }
        case 2:
            try edit(site, page) { text in
                guard let end = text.range(of: "\n---\n") else { return text }
                return String(text[..<end.upperBound]) + "新的导语\(step)。\n\n" + String(text[end.upperBound...])
            }
        case 3:
            try edit(site, page) { $0.replacingOccurrences(of: "\ndate: 2025-06-0", with: "\ndate: 2025-05-2") }
        case 4:
            let path = "content/news/added-\(step).md"
            try site.write(path, "---\ntitle: 新增\(step)\ndate: 2025-06-1\(step % 10)\ntags: [新就业形态]\n---\n第\(step)篇新增正文。\n")
            added.append(path)
            return [path]
        case 5:
            guard let path = added.popLast() else { return [] }
            try site.remove(path)
            return [path]
        case 6:
            try edit(site, page) { $0 }
        case 7:
            try edit(site, page) { $0.replacingOccurrences(of: "\ntags: [", with: "\ntags: [专题\(step % 3), ") }
        case 8 where !page.contains("profiles/"):
            // A new slug moves the page: every link to it changes. (A profile's slug is what rosters name.)
            try edit(site, page) { text in
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("slug:") }
                return ([lines[0], "slug: moved-\(step)"] + lines.dropFirst()).joined(separator: "\n")
            }
        case 9, 10:
            // What the page shows of itself: an article's is taken from the snapshot, a roster's or profile's reads everything.
            try edit(site, page) { $0.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: 第\(step)稿 ") }
        default:
            try site.write("templates/partials/footer.html", "<footer>第\(step)版页脚</footer>\n")
            return ["templates/partials/footer.html"]
        }
        return [page]
    }

    @Test func aServeSessionRebuildsFromMemory() async throws {
        let site = try TemporarySite(SmallSite.files)
        let builder = Builder(options: site.options())
        let first = try await builder.build(after: nil, changedPaths: nil)
        #expect(first.memory != nil)
        try edit(site, "content/news/liaoyuan.md") { $0.replacingOccurrences(of: "扎实推进", with: "稳步推进") }
        let second = try await builder.build(after: first.memory, changedPaths: ["content/news/liaoyuan.md", "content/news/.liaoyuan.md.swp"])
        #expect(second.report.changedPages == 1)
        try await Self.expectSameAsClean(site)
        // A new page in a section: put among the others in memory (`PageInsertion`).
        try site.write("content/news/another.md", "---\ntitle: 另一篇\ndate: 2025-06-09\n---\n另一篇正文。\n")
        let third = try await builder.build(after: second.memory, changedPaths: ["content/news/another.md"])
        #expect(third.report.pagesAdded == 1)
        #expect(site.exists("public/news/another/index.html"))
        try await Self.expectSameAsClean(site)
        // A file the session has not seen that is no page of a section: everything is read again.
        try site.write("content/events/wuwei/notes.md", "---\ntitle: 附注\ndate: 2025-06-03\n---\n正文。\n")
        let bundled = try await builder.build(after: third.memory, changedPaths: ["content/events/wuwei/notes.md"])
        #expect(bundled.report.pagesAdded == nil)
        try await Self.expectSameAsClean(site)
        try edit(site, "content/news/another.md") { $0 + "\n更多正文。\n" }
        let fourth = try await builder.build(after: bundled.memory, changedPaths: ["content/news/another.md"])
        #expect(fourth.report.changedPages == 1)
        try await Self.expectSameAsClean(site)
        // Front matter: assembled again from memory.
        try edit(site, "content/news/another.md") { $0.replacingOccurrences(of: "title: 另一篇", with: "title: 另一篇报道") }
        let fifth = try await builder.build(after: fourth.memory, changedPaths: ["content/news/another.md"])
        #expect(fifth.report.changedPages != nil)
        #expect(site.read("public/news/index.html")?.contains("另一篇报道") == true)
        try await Self.expectSameAsClean(site)
    }

    @Test func anUpdateKilledWhileMovingFilesIsCompletedByTheNextRun() throws {
        let site = try TemporarySite(["public/index.html": "old home", "public/news/a/index.html": "old a", "public/gone.bin": "x"])
        let publisher = Publisher(output: site.root.appendingPathComponent("public"))
        // As a killed commit leaves it: the journal written, one file moved, one not.
        try site.write(".public.staging/news/a/index.html", "new a")
        try site.write("public/index.html", "new home")
        try site.write(".public.journal", "+index.html\0+news/a/index.html\0-gone.bin\0+../outside")
        try publisher.recover()
        #expect(site.read("public/index.html") == "new home")
        #expect(site.read("public/news/a/index.html") == "new a")
        #expect(!site.exists("public/gone.bin"))
        #expect(!site.exists(".public.journal"))
        #expect(!site.exists(".public.staging"))
        #expect(!site.exists("outside"))
    }
}

/// SplitMix64: a fixed sequence for a fixed seed.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The pieces of the incremental build on their own.
@Suite struct IncrementalPartsTests {
    @Test func everyListJobsPathIsWhereItsOutputGoes() async throws {
        let site = try TemporarySite(SmallSite.files)
        var clock = StageClock()
        let loaded = try await Builder(options: site.options()).load(clock: &clock)
        let views = ViewBuilder(site: loaded.site, assetPaths: loaded.theme.assetPaths)
        let renderer = ListRenderer(site: loaded.site, views: views, library: loaded.theme.library, digests: [])
        let lists = renderer.pagedLists()
        let jobs = renderer.jobs(lists: lists, search: true)
        #expect(jobs.count > 10)
        for job in jobs {
            #expect(renderer.outputPath(job, lists: lists) == renderer.output(job, lists: lists).path)
        }
    }

    @Test func theCacheSurvivesStorageAndADamagedOneIsRefused() throws {
        let entry = BuildCache.Entry(
            id: "news/a.md", fingerprint: PageFingerprint(content: 1 << 63, frontMatter: 7), summary: "摘要“引号”", readingMinutes: 2,
            wordCount: 830, fragmentBytes: 512, recordOffset: 4096, recordLength: 300, searchNumber: 3, pageKey: .max,
            linkDestinations: ["b.md#安全", "photo.png"], outputPath: "news/a/index.html"
        )
        let cache = BuildCache(
            structure: 42, outputStamp: 99, entries: [entry, entry], listKeys: ["index.html": 5, "tags/安全生产/index.html": .max],
            search: BuildCache.SearchState(shardCount: 12, sizing: 140_000, bytes: 150_000), taxonomyPages: 68
        )
        let bytes = cache.encoded()
        let decoded = try #require(BuildCache(decoding: bytes))
        #expect(decoded.encoded() == bytes)
        #expect(decoded.entries[1].linkDestinations == ["b.md#安全", "photo.png"])
        #expect(decoded.entries[0].pageKey == .max && decoded.entries[0].fingerprint.content == 1 << 63)
        #expect(decoded.listKeys == cache.listKeys)
        #expect(decoded.search?.sizing == 140_000)
        for cut in [1, bytes.count / 2, bytes.count - 1] {
            #expect(BuildCache(decoding: Array(bytes.prefix(cut))) == nil)
        }
        var wrongVersion = bytes
        wrongVersion[0] = 0
        #expect(BuildCache(decoding: wrongVersion) == nil)
    }

    @Test func aCacheReusingItsStoredBytesEncodesAsAFreshOne() throws {
        let entries = (0..<6).map { number in
            BuildCache.Entry(
                id: "news/\(number).md", fingerprint: PageFingerprint(content: UInt64(number), frontMatter: 7), summary: "第\(number)篇的摘要",
                readingMinutes: 1, wordCount: 100 * number, fragmentBytes: 64, recordOffset: 300 * number, recordLength: 300,
                searchNumber: number, pageKey: UInt64(number) << 40, linkDestinations: number.isMultiple(of: 2) ? ["a.md"] : [],
                outputPath: "news/\(number)/index.html"
            )
        }
        let lists: [String: UInt64] = ["index.html": 5, "news/index.html": 6, "tags/安全生产/index.html": 7, "tags/安全生产/page/2/index.html": 8]
        let cache = BuildCache(structure: 1, outputStamp: 2, entries: entries, listKeys: lists, search: nil, taxonomyPages: 0)
        // Entries changed at the start, in the middle, at the end, side by side, and none.
        for changed in [[0], [2], [5], [2, 3], [0, 5], []] {
            var read = try #require(BuildCache(decoding: cache.encoded()))
            for index in changed { read.entries[index].summary = "改写的摘要\(index)" }
            var fresh = read
            fresh.stored = nil
            #expect(read.encoded() == fresh.encoded(), "changed: \(changed)")
            let decoded = try #require(BuildCache(decoding: read.encoded()))
            #expect(decoded.entries.map(\.summary) == read.entries.map(\.summary))
        }
        // List keys changed, added, removed, renamed, and as read.
        let changes: [(inout [String: UInt64]) -> Void] = [
            { $0["news/index.html"] = 60 }, { $0["regions/福建省/index.html"] = 9 }, { $0["index.html"] = nil },
            { $0["index.html"] = nil; $0["archive/index.html"] = 5 }, { _ in },
        ]
        for change in changes {
            var read = try #require(BuildCache(decoding: cache.encoded()))
            change(&read.listKeys)
            var fresh = read
            fresh.stored = nil
            #expect(read.encoded() == fresh.encoded())
            #expect(BuildCache(decoding: read.encoded())?.listKeys == read.listKeys)
        }
    }

    @Test func theRecordsFileIsCompactedWhenMostOfItIsStale() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        let path = site.root.appendingPathComponent(".unionpress/search-records").path
        // What many incremental builds would leave: records no page uses any more.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(repeating: 7, count: 2 << 20))
        try handle.close()
        try site.write("content/news/liaoyuan.md", (site.read("content/news/liaoyuan.md") ?? "") + "\n\n职工书屋。\n")
        #expect(try await site.build().changedPages == 1)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(size < 1 << 20)
        try await IncrementalBuildTests.expectSameAsClean(site)
        // The cache points into the compacted file: the next update reads the right records.
        try site.write("content/news/liaoyuan.md", (site.read("content/news/liaoyuan.md") ?? "").replacingOccurrences(of: "职工书屋", with: "劳模工作室"))
        #expect(try await site.build().changedPages == 1)
        try await IncrementalBuildTests.expectSameAsClean(site)
    }

    @Test func aDamagedCacheOnDiskMeansAFullBuildThatMatches() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        try site.write(".unionpress/build-cache", "not a cache")
        try site.write("content/news/liaoyuan.md", (site.read("content/news/liaoyuan.md") ?? "") + "\n\n新的一段。\n")
        #expect(try await site.build().changedPages == nil)
        try await IncrementalBuildTests.expectSameAsClean(site)
        // Records gone: the cache cannot patch the index, and the build renders everything.
        try site.remove(".unionpress/search-records")
        try site.write("content/news/liaoyuan.md", (site.read("content/news/liaoyuan.md") ?? "") + "\n\n又一段。\n")
        #expect(try await site.build().changedPages == nil)
        try await IncrementalBuildTests.expectSameAsClean(site)
    }
}
