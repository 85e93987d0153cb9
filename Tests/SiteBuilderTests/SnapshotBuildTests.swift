import Diagnostics
import Foundation
import SiteModel
import Testing
@testable import SiteBuilder

/// `unionpress build` after page bodies changed starts from the last
/// build's site snapshot instead of reading every page; whatever changed,
/// the output is what a clean build writes.
@Suite(.serialized) struct SnapshotBuildTests {
    func edit(_ site: TemporarySite, _ path: String, _ change: (String) -> String) throws {
        try site.write(path, change(site.read(path) ?? ""))
    }

    static func loadedSite(_ site: TemporarySite) async throws -> Builder.Loaded {
        var clock = StageClock()
        return try await Builder(options: site.options()).load(clock: &clock)
    }

    @Test func bodyEditsBuildFromTheSnapshot() async throws {
        let site = try TemporarySite(SmallSite.files)
        let first = try await site.build()
        #expect(!first.fromSnapshot)
        #expect(site.exists(".unionpress/site-snapshot") && site.exists(".unionpress/source-stamps"))
        // A second paragraph: the summary stays, no list changes.
        try edit(site, "content/news/liaoyuan.md") { $0 + "\n\n第二段：新增的职工书屋。\n" }
        let body = try await site.build()
        #expect(body.fromSnapshot)
        #expect(body.changedPages == 1 && body.changedLists == 0)
        // Only the page and the pages it shows (previous, next, related) were decoded.
        let decoded = try #require(body.pagesDecoded)
        #expect(decoded >= 1 && decoded < body.pages)
        #expect(site.read("public/news/liaoyuan/index.html")?.contains("新增的职工书屋") == true)
        try await IncrementalBuildTests.expectSameAsClean(site)
        // A new first paragraph: the lists showing its summary follow.
        try edit(site, "content/news/liaoyuan.md") { $0.replacingOccurrences(of: "扎实推进", with: "全面推进") }
        let summary = try await site.build()
        #expect(summary.fromSnapshot)
        #expect(summary.changedPages == 1 && summary.changedLists > 0)
        #expect(summary.pagesDecoded ?? 0 > 1)
        #expect(site.read("public/news/index.html")?.contains("全面推进") == true)
        try await IncrementalBuildTests.expectSameAsClean(site)
        // Two pages at once, one of them a bundle.
        try edit(site, "content/news/xiamen.md") { $0 + "\n\n厦门的第二段。\n" }
        try edit(site, "content/events/wuwei/index.md") { $0 + "\n\n武威的第二段。\n" }
        let two = try await site.build()
        #expect(two.fromSnapshot && two.changedPages == 2)
        try await IncrementalBuildTests.expectSameAsClean(site)
        // The same bytes written again: nothing to do, and the next build is up to date at once.
        try edit(site, "content/news/xiamen.md") { $0 }
        let touched = try await site.build()
        #expect(touched.fromSnapshot && touched.upToDate)
        #expect(try await site.build().upToDate)
    }

    @Test func aChangedSummaryDecodesOnlyThePagesItsListsShow() async throws {
        var files = [
            "content/_site.yml": "title: 测试工会网\nbase_url: https://news.example.org/\npage_size: 5\n",
            "content/news/_index.md": "---\ntitle: 地方实践\n---\n",
        ]
        for number in 1...60 {
            let date = String(format: "2025-%02d-%02d", (number - 1) / 28 + 1, (number - 1) % 28 + 1)
            files["content/news/page-\(number).md"] = "---\ntitle: 第\(number)篇报道\ndate: \(date)\n---\n第\(number)篇的第一段。\n\n第二段。\n"
        }
        let site = try TemporarySite(files)
        try await site.build()
        // The newest page's first paragraph is its summary, on the home page, its section's and year's first pages and the feed.
        try edit(site, "content/news/page-60.md") { $0.replacingOccurrences(of: "第60篇的第一段", with: "第60篇改写的第一段") }
        let report = try await site.build()
        #expect(report.fromSnapshot && report.changedPages == 1 && report.changedLists > 0)
        #expect(site.read("public/news/index.html")?.contains("第60篇改写的第一段") == true)
        // Those lists show the 20 newest pages at most (the feed's): the other 40 stay encoded.
        let decoded = try #require(report.pagesDecoded)
        #expect(decoded > 1 && decoded <= 20)
        try await IncrementalBuildTests.expectSameAsClean(site)
    }

    @Test func editsOfWhatAPageShowsBuildFromTheSnapshot() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        // Xiamen's title: on its page, its alias redirect, its lists and the pages showing it (Liaoyuan's related links).
        try edit(site, "content/news/xiamen.md") { $0.replacingOccurrences(of: "title: 从“线下跑腿”到“云端解纷”", with: "title: 从线下跑腿到云端解纷") }
        let title = try await site.build()
        #expect(title.fromSnapshot && (title.changedPages ?? 0) > 1 && title.changedLists > 0)
        #expect(site.read("public/2025/06/old-xiamen/index.html")?.contains("从线下跑腿到云端解纷") == true)
        #expect(site.read("public/news/liaoyuan/index.html")?.contains("从线下跑腿到云端解纷") == true)
        try await IncrementalBuildTests.expectSameAsClean(site)
        let stamps = try #require(SourceStamps.load(from: site.root.appendingPathComponent(".unionpress").path))
        #expect(stamps.overrides == ["news/xiamen.md"])
        // The snapshot still has the old title: a body edit of a page showing Xiamen reads Xiamen again too.
        try edit(site, "content/news/liaoyuan.md") { $0 + "\n\n辽源的第二段。\n" }
        let body = try await site.build()
        #expect(body.fromSnapshot && body.changedPages == 1)
        #expect(site.read("public/news/liaoyuan/index.html")?.contains("从线下跑腿到云端解纷") == true)
        try await IncrementalBuildTests.expectSameAsClean(site)
        // A kicker and a summary, then the title back.
        try edit(site, "content/news/xiamen.md") {
            $0.replacingOccurrences(of: "kicker: 厦门市总", with: "kicker: 福建厦门市总").replacingOccurrences(of: "title: 从线下跑腿到云端解纷", with: "title: 从“线下跑腿”到“云端解纷”")
        }
        let back = try await site.build()
        #expect(back.fromSnapshot)
        try await IncrementalBuildTests.expectSameAsClean(site)
        #expect(try await site.build().upToDate)
    }

    /// After a title edit the snapshot still holds the old title; a date
    /// edit of another page then updates the snapshot's site around the
    /// moved page, with both pages read.
    @Test func aDateEditAfterATitleEditBuildsFromTheSnapshot() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        try edit(site, "content/news/xiamen.md") { $0.replacingOccurrences(of: "title: 从“线下跑腿”到“云端解纷”", with: "title: 从线下跑腿到云端解纷") }
        #expect(try await site.build().fromSnapshot)
        try edit(site, "content/news/liaoyuan.md") { $0.replacingOccurrences(of: "date: 2025-06-05 09:30", with: "date: 2025-06-07 10:30") }
        let moved = try await site.build()
        #expect(moved.fromSnapshot)
        #expect(site.read("public/news/xiamen/index.html")?.contains("从线下跑腿到云端解纷") == true)
        try await IncrementalBuildTests.expectSameAsClean(site)
        try edit(site, "content/news/xiamen.md") { $0 + "\n\n厦门的新一段。\n" }
        let body = try await site.build()
        #expect(body.fromSnapshot && body.changedPages == 1)
        try await IncrementalBuildTests.expectSameAsClean(site)
    }

    /// Dates, weights and tags move a page among the others
    /// (`RelationalEdit`): the snapshot's site is updated around it, lists
    /// and term pages come and go, and every build, including those going
    /// back to what the snapshot holds, writes what a clean build writes.
    @Test func dateWeightAndTagEditsBuildFromTheSnapshot() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        let page = "content/news/liaoyuan.md"
        let original = try #require(site.read(page))
        let steps: [(String, (String) -> String)] = [
            ("an earlier date", { $0.replacingOccurrences(of: "date: 2025-06-05 09:30", with: "date: 2025-06-01 08:00") }),
            ("the same day, another hour", { $0.replacingOccurrences(of: "date: 2025-06-01 08:00", with: "date: 2025-06-01 09:00") }),
            ("a new tag", { $0.replacingOccurrences(of: "tags: [安全生产, 新就业形态]", with: "tags: [安全生产, 新就业形态, 职工书屋建设]") }),
            ("a tag dropped", { $0.replacingOccurrences(of: "tags: [安全生产, 新就业形态, 职工书屋建设]", with: "tags: [安全生产]") }),
            ("another year", { $0.replacingOccurrences(of: "date: 2025-06-01 09:00", with: "date: 2023-03-01 09:00") }),
            ("a weight and a title", { $0.replacingOccurrences(of: "title: 百名工会", with: "weight: 1\ntitle: 百名工会") }),
            ("back as the snapshot has it", { _ in original }),
        ]
        for (name, change) in steps {
            try edit(site, page, change)
            let report = try await site.build()
            #expect(report.fromSnapshot, "after \(name)")
            #expect(report.pagesMoved == (name == "back as the snapshot has it" ? nil : 1), "after \(name)")
            try await IncrementalBuildTests.expectSameAsClean(site)
            if name == "a new tag" { #expect(site.exists("public/tags/职工书屋建设/index.html")) }
            if name == "a tag dropped" { #expect(!site.exists("public/tags/职工书屋建设/index.html")) }
            if name == "another year" { #expect(site.exists("public/archive/2023/index.html")) }
        }
        #expect(try await site.build().upToDate)
        #expect(!site.exists("public/archive/2023/index.html"))
        // A body edit of another page, the edited one as the snapshot has it.
        try edit(site, "content/news/xiamen.md") { $0 + "\n\n厦门的新一段。\n" }
        #expect(try await site.build().changedPages == 1)
        try await IncrementalBuildTests.expectSameAsClean(site)
    }

    /// New pages in folders that were there are read alone, with pages
    /// edited beside them; every other page comes from the snapshot. A new
    /// folder (it could make a bundle of pages that were there) or a page
    /// gone reads everything.
    /// A new page in a section is put among the snapshot's pages (`PageInsertion`),
    /// with a page edited beside it; it is read again by every later build from
    /// the snapshot. What the scanner would make something else of, or file
    /// where no list is, reads the new files with the snapshot's other pages.
    @Test func newPagesArePutAmongTheSnapshotsPages() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        try site.write("content/news/new-one.md", "---\ntitle: 新增的报道\ndate: 2025-06-20\ntags: [安全生产, 新专题]\n---\n新增的正文。\n")
        try edit(site, "content/news/xiamen.md") { $0.replacingOccurrences(of: "date: 2025-06-06", with: "date: 2025-06-02") }
        let added = try await site.build()
        #expect(added.fromSnapshot && added.pagesAdded == 1 && added.pagesMoved == 1)
        #expect(added.pagesFromSnapshot == nil)
        try await IncrementalBuildTests.expectSameAsClean(site)
        #expect(site.read("public/tags/新专题/index.html")?.contains("新增的报道") == true)
        // Later builds put it in again: a body edit elsewhere, then its own date.
        try edit(site, "content/news/liaoyuan.md") { $0 + "\n\n又一段。\n" }
        let body = try await site.build()
        #expect(body.fromSnapshot && body.pagesAdded == 0)
        try await IncrementalBuildTests.expectSameAsClean(site)
        try edit(site, "content/news/new-one.md") { $0.replacingOccurrences(of: "date: 2025-06-20", with: "date: 2025-06-01") }
        #expect(try await site.build().fromSnapshot)
        try await IncrementalBuildTests.expectSameAsClean(site)
        // A second new page, older than the others, in another section.
        try site.write("content/events/older.md", "---\ntitle: 补录的活动\ndate: 2024-01-02\n---\n补录的正文。\n")
        let older = try await site.build()
        #expect(older.fromSnapshot && older.pagesAdded == 1)
        try await IncrementalBuildTests.expectSameAsClean(site)

        let others: [(String, String)] = [
            // A folder of copied files only is no section: the page makes one.
            ("content/files/new.md", "---\ntitle: 文件说明\ndate: 2025-06-03\n---\n正文。\n"),
            // A Markdown file in a bundle's folder is one of its files.
            ("content/events/wuwei/notes.md", "---\ntitle: 附注\ndate: 2025-06-03\n---\n正文。\n"),
            // A roster: the people index is made from rosters.
            ("content/rosters/more.md", "---\ntitle: 2025年表彰名单\nkind: roster\ndate: 2025-06-03\nhonour: 五一劳动奖章\ngroups:\n  - title: 名单\n    members:\n      - 王五\n---\n名单如下。\n"),
            // A region no page had: its list is made by the assembler.
            ("content/news/mars.md", "---\ntitle: 远方的报道\ndate: 2025-06-03\nregion: 甘肃省\n---\n正文。\n"),
            // A draft: it is no published page.
            ("content/news/draft-two.md", "---\ntitle: 草稿\ndate: 2025-06-03\ndraft: true\n---\n正文。\n"),
        ]
        for (path, text) in others {
            try site.write(path, text)
            let report = try await site.build()
            #expect(report.pagesAdded == nil, "after \(path)")
            // A draft changes no output: the build stops once the site is read.
            #expect(path.contains("draft") ? report.upToDate : report.pagesFromSnapshot != nil, "after \(path)")
            try await IncrementalBuildTests.expectSameAsClean(site)
        }
        try site.write("content/news/fresh/index.md", "---\ntitle: 新的图集\ndate: 2025-06-21\n---\n图集正文。\n")
        let bundle = try await site.build()
        #expect(bundle.pagesFromSnapshot == nil && bundle.pagesAdded == nil)
        try await IncrementalBuildTests.expectSameAsClean(site)
        try site.remove("content/news/new-one.md")
        #expect(try await site.build().pagesFromSnapshot == nil)
        try await IncrementalBuildTests.expectSameAsClean(site)
    }

    /// A new page whose address another output has (here an alias's): the
    /// build from the snapshot leaves it to a full build, which reports it.
    @Test func aNewPageOnAnAliasPathIsStillAnError() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        let before = site.snapshot("public")
        try site.write("content/old-xiamen.md", "---\ntitle: 撞车\ndate: 2025-06-03\naliases: [/2025/06/old-xiamen/]\n---\n正文。\n")
        do {
            try await site.build()
            Issue.record("the build should fail: the new page and the alias share 2025/06/old-xiamen/index.html")
        } catch {
            #expect(error.diagnostics.contains { $0.message.contains("2025/06/old-xiamen") })
        }
        #expect(site.snapshot("public") == before)
    }

    /// A new tag whose page would take an alias's path: the build from the
    /// snapshot leaves it to a full build, which reports the clash.
    @Test func aNewTagOnAnAliasPathIsStillAnError() async throws {
        let site = try TemporarySite(SmallSite.files)
        try edit(site, "content/news/xiamen.md") { $0.replacingOccurrences(of: "aliases: [/2025/06/old-xiamen/]", with: "aliases: [/2025/06/old-xiamen/, /tags/撞车/]") }
        try await site.build()
        try edit(site, "content/news/liaoyuan.md") { $0.replacingOccurrences(of: "tags: [安全生产, 新就业形态]", with: "tags: [安全生产, 新就业形态, 撞车]") }
        let before = site.snapshot("public")
        do {
            try await site.build()
            Issue.record("the build should fail: the tag page and the alias share tags/撞车/index.html")
        } catch {
            #expect(error.diagnostics.contains { $0.message.contains("tags/撞车/index.html") })
        }
        #expect(site.snapshot("public") == before)
    }

    @Test func anythingButABodyOrADateOrTagReadsEverything() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        let changes: [(String, () throws -> Void)] = [
            ("a date", { try self.edit(site, "content/news/liaoyuan.md") { $0.replacingOccurrences(of: "date: 2025-06-05 09:30", with: "date: 2025-06-05 10:30") } }),
            ("a tag", { try self.edit(site, "content/news/liaoyuan.md") { $0.replacingOccurrences(of: "tags: [安全生产, 新就业形态]", with: "tags: [安全生产]") } }),
            ("a roster's title", { try self.edit(site, "content/rosters/yunnan.md") { $0.replacingOccurrences(of: "title: 2024年", with: "title: 二〇二四年") } }),
            ("a new page", { try site.write("content/news/new-page.md", "---\ntitle: 新增的报道\ndate: 2025-06-08\n---\n新增的正文。\n") }),
            ("a removed page", { try site.remove("content/news/new-page.md") }),
            ("a section's _index.md", { try self.edit(site, "content/news/_index.md") { $0.replacingOccurrences(of: "各地工会的创新做法", with: "各地工会的新做法") } }),
            ("_site.yml", { try self.edit(site, "content/_site.yml") { $0.replacingOccurrences(of: "测试工会网", with: "测试工会新闻网") } }),
            ("a bundle's photo", { try site.write("content/events/wuwei/photo.png", "PNG2") }),
            ("a template", { try site.write("templates/partials/footer.html", "<footer>页脚</footer>") }),
        ]
        // Dates and tags move a page among the others: the snapshot's site is updated around it.
        // So is a new page put among them.
        let relationalEdits: Set<String> = ["a date", "a tag", "a new page"]
        // Other front matter edits of published pages: the other pages come from
        // the snapshot, unread, but for the roster and the page whose date and
        // tag edits the snapshot does not hold.
        let filesRead = ["a roster's title": 2]
        for (change, apply) in changes {
            try apply()
            let report = try await site.build()
            #expect(report.fromSnapshot == relationalEdits.contains(change), "after \(change)")
            #expect(report.pagesFromSnapshot == filesRead[change].map { report.pages - $0 }, "after \(change)")
            try await IncrementalBuildTests.expectSameAsClean(site)
            // That build saved a snapshot of its own: a body edit now starts from it.
            try edit(site, "content/news/xiamen.md") { $0 + "\n\n又一段。\n" }
            let body = try await site.build()
            #expect(body.fromSnapshot, "a body edit after \(change)")
            try await IncrementalBuildTests.expectSameAsClean(site)
        }
    }

    @Test func optionsThatChangeOutputReadEverything() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        try edit(site, "content/news/xiamen.md") { $0 + "\n\n又一段。\n" }
        let report = try await site.build { $0.baseURL = "https://other.example.org/news/" }
        #expect(!report.fromSnapshot)
        #expect(site.read("public/news/xiamen/index.html")?.contains("/news/news/xiamen/") == true)
    }

    @Test func aBrokenLinkInABodyFailsThenTheFixBuildsFromTheSnapshot() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        let before = site.snapshot("public")
        try edit(site, "content/news/liaoyuan.md") { $0 + "\n见[不存在](missing.md)。\n" }
        do {
            try await site.build()
            Issue.record("a link to a missing page must fail the build")
        } catch {
            let lines = (site.read("content/news/liaoyuan.md") ?? "").split(separator: "\n", omittingEmptySubsequences: false)
            let line = (lines.firstIndex { $0.contains("missing.md") } ?? -1) + 1
            #expect(error.diagnostics.contains { $0.location == SourceLocation(file: "content/news/liaoyuan.md", line: line, column: 2) && $0.message.contains("missing.md") })
        }
        #expect(site.snapshot("public") == before)
        try edit(site, "content/news/liaoyuan.md") { $0.replacingOccurrences(of: "\n见[不存在](missing.md)。\n", with: "\n见[厦门](xiamen.md)。\n") }
        let fixed = try await site.build()
        #expect(fixed.fromSnapshot && fixed.changedPages == 1)
        try await IncrementalBuildTests.expectSameAsClean(site)
    }

    @Test func aPageWithAFrontMatterProblemIsReportedByAFullRead() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        try edit(site, "content/news/liaoyuan.md") { $0.replacingOccurrences(of: "date: ", with: "date: 昨天 ") }
        let line = ((site.read("content/news/liaoyuan.md") ?? "").split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("date:") } ?? -1) + 1
        do {
            try await site.build()
            Issue.record("a date that is not a date must fail the build")
        } catch {
            #expect(error.diagnostics.contains { $0.location?.file == "content/news/liaoyuan.md" && $0.location?.line == line && $0.severity == .error })
        }
    }

    @Test func aSiteWithWarningsKeepsNoSnapshot() async throws {
        let site = try TemporarySite(SmallSite.files)
        // A character the stroke table lacks: a warning, shown by every build.
        try edit(site, "content/rosters/yunnan.md") { $0.replacingOccurrences(of: "- 陈坤", with: "- 𠀾坤") }
        #expect(try await site.build().diagnostics.count == 1)
        #expect(!site.exists(".unionpress/source-stamps"))
        try edit(site, "content/news/liaoyuan.md") { $0 + "\n\n第二段。\n" }
        let report = try await site.build()
        #expect(!report.fromSnapshot)
        #expect(report.diagnostics.count == 1)
        try await IncrementalBuildTests.expectSameAsClean(site)
    }

    @Test func aDamagedOrForeignSnapshotMeansAFullRead() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        let file = site.root.appendingPathComponent(".unionpress/site-snapshot")
        // Cut short: it no longer decodes.
        var bytes = try [UInt8](Data(contentsOf: file))
        bytes.removeLast(bytes.count / 3)
        try Data(bytes).write(to: file)
        try edit(site, "content/news/liaoyuan.md") { $0 + "\n\n第二段。\n" }
        #expect(try await !site.build().fromSnapshot)
        try await IncrementalBuildTests.expectSameAsClean(site)
        // Whole, but not the one the stamps were saved with.
        let saved = try Data(contentsOf: file)
        try edit(site, "content/news/liaoyuan.md") { $0 + "\n\n第三段。\n" }
        try FileManager.default.removeItem(at: file)
        try saved.write(to: file)
        #expect(try await !site.build().fromSnapshot)
        try await IncrementalBuildTests.expectSameAsClean(site)
    }

    @Test func theSnapshotHoldsTheWholeSite() async throws {
        let site = try TemporarySite(SmallSite.files)
        let loaded = try await Self.loadedSite(site)
        let snapshot = SiteSnapshot(site: loaded.site, sectionKinds: loaded.parsed.sections.mapValues(\.defaultKind), structure: loaded.structure)
        let decoded = try #require(SiteSnapshot(decoding: snapshot.encoded()))
        #expect(decoded.site == loaded.site)
        #expect(decoded.sectionKinds == snapshot.sectionKinds)
        #expect(decoded.structure == loaded.structure)
        // The fixture exercises what the codec has to carry.
        #expect(loaded.site.pages.contains { $0.roster != nil } && loaded.site.pages.contains { $0.event != nil } && loaded.site.pages.contains { $0.profile != nil })
        #expect(loaded.site.pages.contains { !$0.aliases.isEmpty } && !loaded.site.rostersNaming.isEmpty && !loaded.site.bundleResources.isEmpty)
        // The same site gives the same bytes.
        #expect(snapshot.encoded() == decoded.encoded())
    }

    @Test func damagedBytesNeverTrap() async throws {
        let site = try TemporarySite(SmallSite.files)
        let loaded = try await Self.loadedSite(site)
        let bytes = SiteSnapshot(site: loaded.site, sectionKinds: [:], structure: 1).encoded()
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 200)) {
            #expect(SiteSnapshot(decoding: Array(bytes.prefix(length))) == nil)
        }
        var generator = SeededRandom(seed: 7)
        for _ in 0..<300 {
            var damaged = bytes
            damaged[Int(generator.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: generator.next())
            // The checksum refuses a changed byte: the snapshot is never half trusted.
            if damaged != bytes { #expect(SiteSnapshot(decoding: damaged) == nil) }
        }
    }

    @Test func pagesAreDecodedWhenFirstAskedFor() async throws {
        let site = try TemporarySite(SmallSite.files)
        let loaded = try await Self.loadedSite(site)
        let snapshot = SiteSnapshot(site: loaded.site, sectionKinds: [:], structure: 1)
        let pages = try #require(SiteSnapshot(decoding: snapshot.encoded())).site.pages
        #expect(pages.isEncoded && pages.decodedCount == 0 && pages.count == loaded.site.pages.count)
        // Ids come without decoding a page.
        #expect(pages.indices.map(pages.id(at:)) == loaded.site.pages.map(\.id))
        #expect(pages.decodedCount == 0)
        #expect(pages[2] == loaded.site.pages[2] && pages[2].title == loaded.site.pages[2].title)
        #expect(pages.decodedCount == 1)
        pages.decodeAll()
        #expect(pages.decodedCount == pages.count && !pages.isDamaged)
        #expect(Array(pages) == Array(loaded.site.pages))
        // Threads asking for the same pages at once each get the page, decoded once.
        let again = try #require(SiteSnapshot(decoding: snapshot.encoded())).site.pages
        let titles = UnsafeMutableBufferPointer<String>.allocate(capacity: 64)
        titles.initialize(repeating: "")
        defer { titles.deallocate() }
        nonisolated(unsafe) let output = titles
        DispatchQueue.concurrentPerform(iterations: 64) { output[$0] = again[$0 % again.count].title }
        #expect(titles.indices.allSatisfy { titles[$0] == loaded.site.pages[$0 % again.count].title })
        #expect(again.decodedCount == min(64, again.count) && !again.isDamaged)
    }

    @Test func aPageThatCannotBeDecodedIsStoodInFor() async throws {
        let site = try TemporarySite(SmallSite.files)
        let page = try await Self.loadedSite(site).site.pages[0]
        var writer = CacheWriter(interning: true)
        writer.measured { $0.page(page) }
        var reader = try #require(CacheReader(interned: writer.interned()))
        let start = reader
        let measured = reader.measured()
        let (record, end) = try #require(measured)
        let whole = PageList(encoded: EncodedPages(ids: [page.id], kinds: [page.kind], reader: start, spans: [record.position..<end]))
        #expect(whole[0] == page && !whole.isDamaged)
        // A byte short, past the end, a byte late, or holding another page:
        // an empty page with the id stands in, and the list says so.
        let spans = [record.position..<(end - 1), (end + 5)..<(end + 9), (record.position + 1)..<end]
        for span in spans {
            let damaged = PageList(encoded: EncodedPages(ids: [page.id], kinds: [page.kind], reader: start, spans: [span]))
            #expect(damaged[0].id == page.id && damaged[0].title.isEmpty && damaged.isDamaged)
        }
        let other = PageList(encoded: EncodedPages(ids: ["news/other.md"], kinds: [page.kind], reader: start, spans: [record.position..<end]))
        other.decodeAll()
        #expect(other.isDamaged && other[0].id == "news/other.md" && other[0].title.isEmpty && other.decodedCount == 1)
    }

    /// The codec writes every stored property of the types it carries, by
    /// name; a property added to one of them fails here until it is coded.
    @Test func everyStoredPropertyIsCoded() async throws {
        let site = try TemporarySite(SmallSite.files)
        let loaded = try await Self.loadedSite(site)
        func names(_ value: Any) -> [String] { Mirror(reflecting: value).children.compactMap(\.label) }
        let location = SourceLocation(file: "a.md", line: 1, column: 1)
        let resource = ResourceReference(path: "a.png", location: location)
        let date = PageDate(year: 2025, month: 1, day: 1, utcOffsetSeconds: 0, hasTime: false)
        let member = RosterInfo.Member(name: "于虹", unit: nil, note: nil, profile: nil, location: location)
        let coded: [(value: Any, properties: [String])] = [
            (loaded.site, ["config", "home", "sections", "pages", "pageIndexByID", "unpublishedIDs", "nextPublication", "sectionPages", "childSections",
                           "topSections", "newestFirst", "tags", "regions", "honours", "years", "authors", "rostersNaming", "profileBySlug",
                           "previous", "next", "related", "resourceOutputs", "bundleResources"]),
            (loaded.site.pages[0], ["id", "sectionPath", "slug", "url", "kind", "isBundle", "title", "kicker", "subtitle", "column", "date", "updated",
                                    "byline", "authors", "summary", "tags", "region", "image", "imageCaption", "imageCredit", "aliases", "draft",
                                    "weight", "profile", "roster", "event", "bodyStartLine"]),
            // basePath and origin follow baseURL.
            (loaded.site.config, ["title", "description", "baseURL", "basePath", "origin", "language", "timezone", "utcOffsetSeconds", "summaryLength",
                                  "pageSize", "menu", "unsafeHTML"]),
            (SiteConfig.MenuItem(title: "首页", url: "/"), ["title", "url"]),
            (loaded.site.home, ["path", "title", "description", "defaultKind", "sort", "weight", "body", "bodyStartLine", "sourceFile"]),
            (date, ["year", "month", "day", "hour", "minute", "second", "utcOffsetSeconds", "hasTime"]),
            (location, ["file", "line", "column"]),
            (resource, ["path", "location"]),
            (Alias(path: URLPath(["a"]), location: location), ["path", "location"]),
            (URLPath(["a"]), ["segments"]),
            (ProfileInfo(name: "于虹", unit: nil, occupation: nil, honours: [], portrait: nil), ["name", "unit", "occupation", "honours", "portrait"]),
            (ProfileInfo.Honour(title: "全国劳动模范", year: nil), ["title", "year"]),
            (RosterInfo(honour: nil, year: nil, conferredBy: [], order: .stroke, groups: []), ["honour", "year", "conferredBy", "order", "groups"]),
            (RosterInfo.Group(title: nil, members: []), ["title", "members"]),
            (member, ["name", "unit", "note", "profile", "location"]),
            (EventInfo(start: nil, end: nil, location: nil, organizers: [], photos: []), ["start", "end", "location", "organizers", "photos"]),
            (EventInfo.Photo(source: resource, caption: nil, credit: nil), ["source", "caption", "credit"]),
            (Term(name: "安全生产", url: URLPath(["tags"]), pages: []), ["name", "url", "pages", "children"]),
        ]
        for (value, properties) in coded {
            #expect(names(value) == properties, "\(type(of: value)) has properties the site snapshot does not code")
        }
    }
}
