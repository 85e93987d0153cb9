import SiteModel
import Testing
@testable import SiteBuilder

/// `FeedRenderer.sitemap(updating:)` patches the last sitemap instead of
/// making all of it: it must give the bytes `sitemap()` gives, with new
/// addresses put in their places, and give up when an address went.
@Suite struct SitemapUpdateTests {
    /// Names of every section and term, as the builds pass the lists they keyed.
    static func listNames(_ site: Site) -> Set<String> {
        Set(site.sections.keys).union(Builder.termLists(of: site))
    }

    @Test(arguments: 0..<30) func newPagesAndTermsArePutInTheirPlaces(seed: UInt64) async throws {
        var random = SeededRandom(seed: seed)
        var parsed = RelationalEditTests.parsedSite(pageCount: 60, random: &random)
        // Half the sites live under a sub-path with characters to escape.
        if seed % 2 == 1 { parsed.config.baseURL = "https://news.example.org/工会/a&b/" }
        // Some pages with a tag no other page has: its address comes with them.
        for index in parsed.pages.indices where Int.random(in: 0..<10, using: &random) == 0 {
            parsed.pages[index].tags.append("新专题\(index % 3)")
        }
        let assembler = SiteAssembler(includeDrafts: false, includeFuture: false, now: Int.max)
        let (site, _) = await assembler.assemble(parsed)
        var newIDs: Set<String> = []
        for _ in 0..<Int.random(in: 1...5, using: &random) { newIDs.insert(parsed.pages[Int.random(in: 0..<parsed.pages.count, using: &random)].id) }
        var without = parsed
        without.pages.removeAll { newIDs.contains($0.id) }
        let (before, _) = await assembler.assemble(without)
        let previous = Array(FeedRenderer(site: before, digests: []).sitemap().utf8)
        let renderer = FeedRenderer(site: site, digests: [])
        let pages = site.pages.indices.filter { newIDs.contains(site.pages.id(at: $0)) }
        let updated = try #require(renderer.sitemap(updating: previous, pages: pages, lists: Self.listNames(site)))
        #expect(String(decoding: updated, as: UTF8.self) == renderer.sitemap())
        // Without the new pages given, their addresses are missing: no sitemap.
        #expect(renderer.sitemap(updating: previous, pages: [], lists: Self.listNames(site)) == nil)
        // The other way, pages gone: no sitemap either.
        let shorter = FeedRenderer(site: before, digests: [])
        #expect(shorter.sitemap(updating: Array(renderer.sitemap().utf8), pages: [], lists: Self.listNames(before)) == nil)
    }
}
