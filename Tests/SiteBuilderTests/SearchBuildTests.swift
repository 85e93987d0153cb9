import Foundation
import SearchIndex
import Testing
@testable import SiteBuilder

/// The search index a build writes, read back as the browser would.
@Suite struct SearchBuildTests {
    private func reader(_ site: TemporarySite) throws -> SearchIndexReader {
        let output = site.root.appendingPathComponent("public")
        return try SearchIndexReader { path in
            FileManager.default.contents(atPath: output.appendingPathComponent(path).path).map { Array($0) }
        }
    }

    private func files(under folder: URL) -> [String: Int] {
        var sizes: [String: Int] = [:]
        for path in ThemeLoader.files(under: folder) {
            sizes[path] = (try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(path).path)[.size] as? Int) ?? -1
        }
        return sizes
    }

    @Test func everyPublishedPageIsIndexedNewestFirst() async throws {
        let site = try TemporarySite(SmallSite.files)
        let report = try await site.build()
        let index = try reader(site)
        #expect(index.documents == 6, "drafts and future pages are left out")
        #expect(site.read("search/index.json") == nil)
        #expect(site.read("public/search/index.json") == "{\"version\":2,\"documents\":6,\"shards\":1,\"per_folder\":1000}\n")
        let urls = try (0..<6).map { number in
            try #require(index.search(["最美职工", "外卖骑手", "安全生产", "标题", "武威", "简介"][number]).hits.first?.url)
        }
        #expect(urls == ["/rosters/yunnan/", "/news/xiamen/", "/news/liaoyuan/", "/news/escape/", "/events/wuwei/", "/profiles/yu-hong/"])
        let written = files(under: site.root.appendingPathComponent("public/search"))
        #expect(Set(written.keys) == Set(["index.html", "index.json", "s/0.bin"] + (0..<6).map { "d/0/\($0).u16" }))
        #expect(report.searchFiles == 8, "manifest, one shard, six fragments (the page itself is counted with the lists)")
        #expect(report.searchBytes == written.filter { $0.key != "index.html" }.values.reduce(0, +))
    }

    @Test func namesAndTitlesRankFirstThenNewer() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        let index = try reader(site)
        let yuHong = try index.search("于虹")
        #expect(yuHong.hits.map(\.url) == ["/rosters/yunnan/", "/profiles/yu-hong/"])
        #expect(yuHong.hits.map(\.tier) == [2, 2])
        let fengqiao = try index.search("枫桥经验")
        #expect(fengqiao.hits.map(\.url) == ["/news/xiamen/"])
        #expect(fengqiao.hits.map(\.tier) == [1], "from the kicker and tags")
        #expect(try index.search("新就业形态").hits.map(\.url) == ["/news/xiamen/", "/news/liaoyuan/"])
        #expect(try index.search("武威市总工会").hits.map(\.url) == ["/events/wuwei/"], "event organizers are indexed")
        #expect(try index.search("SCRIPT").hits.map(\.title) == ["<script>alert(1)</script> & 标题"])
    }

    @Test func theSearchPageAndHeaderBoxUseTheBasePath() async throws {
        var files = SmallSite.files
        files["content/_site.yml"] = files["content/_site.yml"]?.replacingOccurrences(of: "base_url: https://news.example.org/", with: "base_url: https://news.example.org/news-site/")
        let site = try TemporarySite(files)
        try await site.build()
        let page = try #require(site.read("public/search/index.html"))
        #expect(page.contains("data-search-index=\"/news-site/search/\""))
        let script = try #require(site.snapshot("public/assets").keys.first { $0.hasPrefix("search.") && $0.hasSuffix(".js") })
        #expect(page.contains("<script src=\"/news-site/assets/\(script)\" defer></script>"), "the fingerprinted script")
        #expect(page.contains("<noscript>"))
        let article = try #require(site.read("public/news/xiamen/index.html"))
        #expect(article.contains("<form class=\"site-search\" action=\"/news-site/search/\" method=\"get\" role=\"search\">"))

    }

    @Test func searchCanBeTurnedOff() async throws {
        let site = try TemporarySite(SmallSite.files)
        let report = try await site.build { $0.search = false }
        #expect(!site.exists("public/search"))
        #expect(report.searchFiles == 0)
        #expect(site.read("public/news/xiamen/index.html")?.contains("site-search") == false)
    }

    @Test func aPageAtSearchClashesWithTheSearchPage() async throws {
        var files = SmallSite.files
        files["content/search.md"] = "---\ntitle: 搜索\ndate: 2025-06-01\n---\n正文。\n"
        let site = try TemporarySite(files)
        await #expect(throws: BuildFailure.self) { try await site.build() }
    }

    @Test func theIndexIsTheSameOnEveryBuild() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        let first = files(under: site.root.appendingPathComponent("public/search"))
        let firstShard = site.read("public/search/s/0.bin")
        try await site.build { $0.workers = 1 }
        #expect(files(under: site.root.appendingPathComponent("public/search")) == first)
        #expect(site.read("public/search/s/0.bin") == firstShard)
    }
}
