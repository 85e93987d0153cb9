import Foundation
import Testing
@testable import SiteBuilder

@Suite struct BuildTests {
    @Test func writesEveryPageAtItsContractURL() async throws {
        let site = try TemporarySite(SmallSite.files)
        let report = try await site.build()
        #expect(report.pages == 6, "drafts and future pages are left out")
        for path in [
            "index.html", "news/index.html", "news/page/2/index.html", "news/xiamen/index.html",
            "news/liaoyuan/index.html", "events/index.html", "events/wuwei/index.html", "events/wuwei/photo.png",
            "rosters/yunnan/index.html", "profiles/yu-hong/index.html",
            "tags/index.html", "tags/新就业形态/index.html", "tags/安全生产/index.html",
            "regions/index.html", "regions/福建省/index.html", "regions/福建省/厦门市/index.html", "regions/吉林省/辽源市/index.html",
            "honours/最美职工/index.html", "archive/2025/index.html", "authors/李润钊/index.html", "authors/潘书婷/index.html",
            "people/index.html", "feed.xml", "sitemap.xml", "404.html", "2025/06/old-xiamen/index.html",
            "files/guide.txt",
        ] {
            #expect(site.exists("public/" + path), "missing public/\(path)")
        }
    }

    @Test func leavesOutDraftsAndFuturePagesUnlessAsked() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        #expect(!site.exists("public/news/draft/index.html"))
        #expect(!site.exists("public/news/future/index.html"))
        try await site.build { $0.includeDrafts = true; $0.includeFuture = true }
        #expect(site.exists("public/news/draft/index.html"))
        #expect(site.exists("public/news/future/index.html"))
    }

    @Test func rendersTitlesDatesAndBylines() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        let html = try #require(site.read("public/news/xiamen/index.html"))
        #expect(html.contains("<h1>从“线下跑腿”到“云端解纷”</h1>"))
        #expect(html.contains("<p class=\"kicker\">厦门市总创新发展新时代“枫桥经验”工会实践——</p>"))
        #expect(html.contains("<time datetime=\"2025-06-06\">2025年6月6日</time>"))
        #expect(html.contains("本报记者 李润钊 本报通讯员 潘书婷"))
        #expect(html.contains("<html lang=\"zh-CN\">"))
        let liaoyuan = try #require(site.read("public/news/liaoyuan/index.html"))
        #expect(liaoyuan.contains("<time datetime=\"2025-06-05T09:30:00+08:00\">2025年6月5日</time>"))
    }

    @Test func escapesMetadataInHTML() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        let html = try #require(site.read("public/news/escape/index.html"))
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; 标题"))
        #expect(html.contains("content=\"a &quot;quoted&quot; &lt;b&gt;summary&lt;/b&gt;\""))
        let feed = try #require(site.read("public/feed.xml"))
        #expect(feed.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; 标题</title>"))
    }

    @Test func rewritesLinksToMarkdownFilesAndBundleImages() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        let html = try #require(site.read("public/news/xiamen/index.html"))
        #expect(html.contains("href=\"/news/liaoyuan/#%E5%AE%89%E5%85%A8\""), "cmark percent-encodes the fragment")
        #expect(html.contains("href=\"/events/wuwei/\""))
        let event = try #require(site.read("public/events/wuwei/index.html"))
        #expect(event.contains("src=\"/events/wuwei/photo.png\""))
        #expect(event.contains("甘肃省武威市"))
        #expect(event.contains("<time datetime=\"2025-04-20\">2025年4月20日</time>"))
        #expect(site.read("public/events/wuwei/photo.png") == "PNG")
    }

    @Test func paginatesSectionsNewestFirst() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        let first = try #require(site.read("public/news/index.html"))
        let second = try #require(site.read("public/news/page/2/index.html"))
        // page_size 2: xiamen (06-06), liaoyuan (06-05) on page 1; escape (06-04) on page 2.
        let xiamen = try #require(first.range(of: "/news/xiamen/"))
        let liaoyuan = try #require(first.range(of: "/news/liaoyuan/"))
        #expect(xiamen.lowerBound < liaoyuan.lowerBound)
        #expect(second.contains("/news/escape/"))
        #expect(first.contains("href=\"/news/page/2/\""))
        #expect(second.contains("rel=\"prev\" href=\"/news/\""))
    }

    @Test func linksRostersAndProfilesBothWaysInStrokeOrder() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        let roster = try #require(site.read("public/rosters/yunnan/index.html"))
        let order = ["于虹", "王邦明", "陈坤", "周虎"].compactMap { roster.range(of: ">\($0)<")?.lowerBound }
        #expect(order.count == 4)
        #expect(order == order.sorted())
        #expect(roster.contains("href=\"/profiles/yu-hong/\">于虹</a>"))
        let profile = try #require(site.read("public/profiles/yu-hong/index.html"))
        #expect(profile.contains("href=\"/rosters/yunnan/\""))
        let people = try #require(site.read("public/people/index.html"))
        let byPinyin = try #require(people.components(separatedBy: "id=\"by-strokes\"").first)
        #expect(byPinyin.components(separatedBy: ">于虹<").count == 2, "于虹 is listed once in the pinyin index")
    }

    @Test func writesAliasRedirectsFeedAndSitemap() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        let alias = try #require(site.read("public/2025/06/old-xiamen/index.html"))
        #expect(alias.contains("url=/news/xiamen/"))
        #expect(alias.contains("https://news.example.org/news/xiamen/"))
        let sitemap = try #require(site.read("public/sitemap.xml"))
        #expect(sitemap.contains("<loc>https://news.example.org/news/xiamen/</loc><lastmod>2025-06-06</lastmod>"))
        #expect(!sitemap.contains("draft"))
        let feed = try #require(site.read("public/feed.xml"))
        #expect(feed.contains("<id>https://news.example.org/news/xiamen/</id>"))
        #expect(feed.contains("<updated>2025-06-07T00:00:00+08:00</updated>"))
    }

    @Test func percentEncodesChineseLinks() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        let html = try #require(site.read("public/news/xiamen/index.html"))
        #expect(html.contains("href=\"/tags/%E6%96%B0%E5%B0%B1%E4%B8%9A%E5%BD%A2%E6%80%81/\""))
    }

    @Test func stylesheetsGetAContentHashInTheirName() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        let assets = site.snapshot("public/assets").keys.filter { $0.hasSuffix(".css") }.sorted()
        #expect(assets.count == 1)
        let name = try #require(assets.first)
        #expect(name.hasPrefix("site.") && name.hasSuffix(".css") && name.count == "site.0123456789.css".count)
        #expect(site.read("public/index.html")?.contains("href=\"/assets/\(name)\"") == true)
        // A site's own stylesheet replaces the theme's and gets its own hash.
        try site.write("templates/assets/site.css", "body { color: red; }")
        try await site.build()
        let changed = try #require(site.snapshot("public/assets").keys.first { $0.hasSuffix(".css") })
        #expect(changed != name)
        #expect(site.read("public/assets/\(changed)") == "body { color: red; }")
    }

    @Test func sameInputGivesIdenticalBytesWhateverTheWorkerCount() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build { $0.workers = 1; $0.output = "one" }
        try await site.build { $0.workers = 4; $0.output = "four" }
        try await site.build { $0.workers = 4; $0.output = "again" }
        let one = site.snapshot("one")
        #expect(one.count > 20)
        #expect(one == site.snapshot("four"))
        #expect(one == site.snapshot("again"))
    }

    @Test func buildsUnderABasePathFromTheCommandLine() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build { $0.baseURL = "http://127.0.0.1:8080/news-site/" }
        let html = try #require(site.read("public/news/xiamen/index.html"))
        #expect(html.contains("href=\"/news-site/news/liaoyuan/#%E5%AE%89%E5%85%A8\""))
        #expect(html.contains("href=\"/news-site/assets/site."))
        try InternalLinks.assertAllResolve(in: site.root.appendingPathComponent("public"), basePath: "/news-site/")
    }

    @Test func everyInternalLinkResolves() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        try InternalLinks.assertAllResolve(in: site.root.appendingPathComponent("public"), basePath: "/")
    }
}
