import SiteModel
import Testing
@testable import SiteBuilder

/// A date, weight or tag edit updates the assembled site around the page
/// (`RelationalEdit`): the result must be the very site the assembler makes
/// from the edited pages, relation by relation.
@Suite struct RelationalEditTests {
    static let tags = ["劳模", "工匠", "职工书屋", "安全生产", "工会驿站", "技能竞赛", "困难帮扶", "普惠服务"]
    static let sectionPaths = ["news", "news/local", "news/local/xiamen", "events", "initiatives", ""]

    /// Pages in several sections (one sorted by weight), with dates that
    /// collide, weights on some, tags, regions and bylines.
    static func parsedSite(pageCount: Int, random: inout SeededRandom) -> ParsedSite {
        var sections: [String: SectionInfo] = [:]
        for path in sectionPaths where !path.isEmpty {
            sections[path] = SectionInfo(path: path, title: path)
        }
        sections["initiatives"]?.sort = .weight
        let pages = (0..<pageCount).map { number -> Page in
            let section = sectionPaths[Int.random(in: 0..<sectionPaths.count, using: &random)]
            let slug = "page-\(number)"
            var page = Page(
                id: (section.isEmpty ? "" : section + "/") + slug + ".md", sectionPath: section, slug: slug,
                url: URLPath(section.split(separator: "/").map(String.init) + [slug]), kind: .article, isBundle: false,
                title: "第\(number)篇", date: date(&random), bodyStartLine: 5
            )
            page.weight = Bool.random(using: &random) ? Int.random(in: 1...3, using: &random) : nil
            page.tags = randomTags(&random)
            page.region = [["福建省", "厦门市"], ["福建省"], ["黑龙江省", "大庆市"], []][Int.random(in: 0..<4, using: &random)]
            if Bool.random(using: &random) {
                page.authors = [["李润钊"], ["潘书婷", "李润钊"]][Int.random(in: 0..<2, using: &random)]
            } else {
                page.byline = "本报记者 王冬梅"
            }
            return page
        }
        return ParsedSite(
            config: SiteConfig(), home: SectionInfo(path: "", title: "首页"), sections: sections, pages: pages.sorted { $0.id < $1.id },
            resources: [], diagnostics: []
        )
    }

    static func date(_ random: inout SeededRandom) -> PageDate {
        PageDate(
            year: Int.random(in: 2023...2025, using: &random), month: Int.random(in: 1...2, using: &random), day: Int.random(in: 1...3, using: &random),
            utcOffsetSeconds: 8 * 3600, hasTime: false
        )
    }

    static func randomTags(_ random: inout SeededRandom) -> [String] {
        Array(tags.shuffled(using: &random).prefix(Int.random(in: 0...3, using: &random)))
    }

    /// A date, weight or tag edit (or several), sometimes with a tag no page had.
    static func edited(_ page: Page, number: Int, random: inout SeededRandom) -> Page {
        var page = page
        switch Int.random(in: 0..<5, using: &random) {
        case 0: page.date = date(&random)
        case 1: page.weight = Bool.random(using: &random) ? Int.random(in: 1...3, using: &random) : nil
        case 2: page.tags = randomTags(&random)
        case 3: page.tags = page.tags + ["新专题\(number % 2)"]
        default:
            page.date = date(&random)
            page.tags = randomTags(&random)
            page.title += "（修订）"
        }
        return page
    }

    @Test(arguments: 0..<100) func anEditedSiteIsTheAssembledOne(seed: UInt64) async throws {
        var random = SeededRandom(seed: seed)
        let parsed = Self.parsedSite(pageCount: 150, random: &random)
        let assembler = SiteAssembler(includeDrafts: false, includeFuture: false, now: Int.max)
        let (site, _) = await assembler.assemble(parsed)
        var replacements: [Int: Page] = [:]
        for number in 0..<Int.random(in: 1...3, using: &random) {
            let index = Int.random(in: 0..<site.pages.count, using: &random)
            replacements[index] = Self.edited(replacements[index] ?? site.pages[index], number: number, random: &random)
        }
        for (index, page) in replacements {
            #expect(RelationalEdit.applies(from: site.pages[index], to: page, includeFuture: false, now: Int.max))
        }
        var editedParse = parsed
        for (index, page) in replacements { editedParse.pages[index] = page }
        let (assembled, _) = await assembler.assemble(editedParse)
        Self.expectSame(try #require(RelationalEdit.apply(replacements, to: site)), assembled)
    }

    /// The two sites relation by relation (which one differs, when one does), then whole.
    static func expectSame(_ updated: Site, _ assembled: Site) {
        #expect(updated.newestFirst == assembled.newestFirst)
        #expect(updated.sectionPages == assembled.sectionPages)
        #expect(updated.previous == assembled.previous && updated.next == assembled.next)
        #expect(updated.tags == assembled.tags && updated.years == assembled.years && updated.authors == assembled.authors)
        #expect(updated.regions == assembled.regions && updated.pageIndexByID == assembled.pageIndexByID)
        #expect(updated.related == assembled.related)
        #expect(updated == assembled)
    }

    /// New pages put among an assembled site's (`PageInsertion`), with an
    /// edit beside them: the site the assembler makes from all the pages.
    /// Half the seeds start from the site's snapshot, whose pages stay encoded
    /// until asked for, and insert twice, as builds after one another do.
    @Test(arguments: 0..<100) func aSiteWithNewPagesIsTheAssembledOne(seed: UInt64) async throws {
        var random = SeededRandom(seed: seed)
        let parsed = Self.parsedSite(pageCount: 150, random: &random)
        let assembler = SiteAssembler(includeDrafts: false, includeFuture: false, now: Int.max)
        var newIDs: Set<String> = []
        for _ in 0..<Int.random(in: 1...4, using: &random) { newIDs.insert(parsed.pages[Int.random(in: 0..<parsed.pages.count, using: &random)].id) }
        var without = parsed
        without.pages.removeAll { newIDs.contains($0.id) }
        var (site, _) = await assembler.assemble(without)
        let fromSnapshot = seed % 2 == 1
        if fromSnapshot {
            site = try #require(SiteSnapshot(decoding: SiteSnapshot(site: site, sectionKinds: [:], structure: 1).encoded())).site
        }
        let added = parsed.pages.filter { newIDs.contains($0.id) }
        #expect(added.allSatisfy { PageInsertion.applies($0, to: site, includeFuture: false, now: Int.max) } || !Self.regionsKnown(added, in: site))
        guard Self.regionsKnown(added, in: site) else { return }
        // The first build after the new files: the new pages, and one other page edited.
        var (inserted, positions) = PageInsertion.inserting(added, into: site)
        #expect(inserted.pages.count == parsed.pages.count)
        #expect(inserted.pages.indices.allSatisfy { inserted.pages[$0].id == parsed.pages[$0].id && inserted.pages.id(at: $0) == parsed.pages[$0].id })
        var replacements = Dictionary(uniqueKeysWithValues: zip(positions, added))
        let others = inserted.pages.indices.filter { !newIDs.contains(inserted.pages.id(at: $0)) }
        let edited = others[Int.random(in: 0..<others.count, using: &random)]
        replacements[edited] = Self.edited(inserted.pages[edited], number: 0, random: &random)
        var editedParse = parsed
        editedParse.pages[edited] = replacements[edited] ?? parsed.pages[edited]
        let (assembled, _) = await assembler.assemble(editedParse)
        Self.expectSame(try #require(RelationalEdit.apply(replacements, to: inserted)), assembled)
        guard fromSnapshot, added.count > 1 else { return }
        // A later build puts one of them in first, then the others, as a build
        // after a build that added pages does when another comes.
        let first = [added[0]]
        (inserted, positions) = PageInsertion.inserting(first, into: site)
        (inserted, positions) = PageInsertion.inserting(Array(added.dropFirst()), into: inserted)
        replacements = [:]
        for page in added { replacements[inserted.pageIndexByID[page.id] ?? -1] = page }
        replacements[edited] = editedParse.pages[edited]
        Self.expectSame(try #require(RelationalEdit.apply(replacements, to: inserted)), assembled)
    }

    /// Whether every region of `pages` has its lists in `site` already.
    static func regionsKnown(_ pages: [Page], in site: Site) -> Bool {
        pages.allSatisfy { page in
            guard let province = page.region.first else { return true }
            guard let term = site.regions.first(where: { $0.name == province }) else { return false }
            return page.region.count < 2 || term.children.contains { $0.name == page.region[1] }
        }
    }

    @Test func editsThatChangeWhatAPageIsAreLeftToTheAssembler() {
        var random = SeededRandom(seed: 7)
        let page = Self.parsedSite(pageCount: 1, random: &random).pages[0]
        var moved = page
        moved.sectionPath = "elsewhere"
        var future = page
        future.date = PageDate(year: 2099, month: 1, day: 1, utcOffsetSeconds: 0, hasTime: false)
        var roster = page
        roster.kind = .roster
        var draft = page
        draft.draft = true
        for other in [moved, draft] {
            #expect(!RelationalEdit.applies(from: page, to: other, includeFuture: false, now: Int.max))
        }
        #expect(!RelationalEdit.applies(from: page, to: future, includeFuture: false, now: 2_000_000_000))
        #expect(RelationalEdit.applies(from: page, to: future, includeFuture: true, now: 2_000_000_000))
        #expect(!RelationalEdit.applies(from: roster, to: roster, includeFuture: false, now: Int.max))
    }
}
