import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import SiteBuilder

/// Collects element texts from an XML document, failing on malformed XML.
final class XMLTexts: NSObject, XMLParserDelegate {
    var texts: [String: [String]] = [:]
    private var current = ""
    private var stack: [String] = []

    static func parse(_ text: String) -> [String: [String]]? {
        let collector = XMLTexts()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = collector
        return parser.parse() ? collector.texts : nil
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        stack.append(name)
        current = ""
        if let href = attributes["href"] { texts[name + "@href", default: []].append(href) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        current += string
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        texts[(stack.dropLast().last.map { $0 + "/" } ?? "") + name, default: []].append(current)
        stack.removeLast()
        current = ""
    }
}

@Suite struct SiteFeatureTests {
    @Test func theFeedIsValidAtomListingExactlyThePublishedPages() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        let feed = try #require(site.read("public/feed.xml"))
        let texts = try #require(XMLTexts.parse(feed))
        let ids = texts["entry/id"] ?? []
        #expect(ids.count == 6)
        #expect(Set(ids) == [
            "https://news.example.org/rosters/yunnan/", "https://news.example.org/news/xiamen/",
            "https://news.example.org/news/liaoyuan/", "https://news.example.org/news/escape/",
            "https://news.example.org/events/wuwei/", "https://news.example.org/profiles/yu-hong/",
        ])
        #expect(ids.first == "https://news.example.org/rosters/yunnan/", "newest first")
        #expect(texts["author/name"]?.contains("李润钊") == true)
    }

    @Test func theSitemapIsValidXMLListingEveryPublishedPage() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        let sitemap = try #require(site.read("public/sitemap.xml"))
        let texts = try #require(XMLTexts.parse(sitemap))
        let locations = Set(texts["url/loc"] ?? [])
        for path in ["", "news/xiamen/", "news/liaoyuan/", "news/escape/", "events/wuwei/", "rosters/yunnan/", "profiles/yu-hong/",
                     "news/", "tags/%E6%96%B0%E5%B0%B1%E4%B8%9A%E5%BD%A2%E6%80%81/", "people/"] {
            #expect(locations.contains("https://news.example.org/" + path), "sitemap lacks /\(path)")
        }
        #expect(!locations.contains { $0.contains("draft") || $0.contains("future") })
    }

    @Test func honoursCollectRostersAndProfiles() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        let html = try #require(site.read("public/honours/最美职工/index.html"))
        #expect(html.contains("href=\"/rosters/yunnan/\""))
        #expect(html.contains("href=\"/profiles/yu-hong/\""))
    }

    @Test func authorsComeFromBylinesWhenNotGiven() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        let html = try #require(site.read("public/authors/潘书婷/index.html"))
        #expect(html.contains("href=\"/news/xiamen/\""))
        let index = try #require(site.read("public/authors/index.html"))
        #expect(index.contains(">李润钊<"))
        #expect(!index.contains(">本报记者<"))
    }

    @Test func theRegionsArePerProvinceThenCity() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        let province = try #require(site.read("public/regions/福建省/index.html"))
        #expect(province.contains("href=\"/regions/%E7%A6%8F%E5%BB%BA%E7%9C%81/%E5%8E%A6%E9%97%A8%E5%B8%82/\""))
        #expect(province.contains("href=\"/news/xiamen/\""))
        #expect(site.read("public/regions/吉林省/辽源市/index.html")?.contains("href=\"/news/liaoyuan/\"") == true)
    }

    @Test func thePeopleIndexListsEveryoneOnceWithHonoursAndProfiles() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        let html = try #require(site.read("public/people/index.html"))
        for name in ["于虹", "王邦明", "陈坤", "周虎"] {
            #expect(html.components(separatedBy: ">\(name)<").count == 3, "\(name) once by pinyin and once by strokes")
        }
        #expect(html.contains("<a class=\"name has-profile\" href=\"/profiles/yu-hong/\">于虹</a>"))
        #expect(html.contains("2024年 <a href=\"/rosters/yunnan/\">最美职工（年度人物）</a>"))
        // Grouped by pinyin initial: Y (于虹) after W (王邦明).
        let w = try #require(html.range(of: "id=\"initial-W\""))
        let y = try #require(html.range(of: "id=\"initial-Y\""))
        #expect(w.lowerBound < y.lowerBound)
        // The same people in official stroke order, grouped by the first character's strokes.
        let byStrokes = try #require(html.components(separatedBy: "<h2 id=\"by-strokes\">").last)
        let order = ["于虹", "王邦明", "陈坤", "周虎"].compactMap { byStrokes.range(of: ">\($0)<")?.lowerBound }
        #expect(order.count == 4 && order == order.sorted())
        #expect(byStrokes.contains("<h3>3画</h3>") && byStrokes.contains("<h3>7画</h3>"))
    }

    @Test func theHomePageShowsLatestItemsRostersAndEverySection() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        let html = try #require(site.read("public/index.html"))
        #expect(html.contains("<p>欢迎访问。</p>"))
        for link in ["/news/", "/events/", "/rosters/", "/profiles/", "/news/xiamen/", "/rosters/yunnan/"] {
            #expect(html.contains("href=\"\(link)\""), "home lacks \(link)")
        }
    }

    @Test func pagesHaveBreadcrumbsNeighboursAndRelatedPages() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        let html = try #require(site.read("public/news/liaoyuan/index.html"))
        #expect(html.contains("<li><a href=\"/news/\">地方实践</a></li>"))
        #expect(html.contains("rel=\"prev\" href=\"/news/escape/\""))
        #expect(html.contains("rel=\"next\" href=\"/news/xiamen/\""))
        // Related by the shared tag 新就业形态.
        #expect(html.contains("<li><a href=\"/news/xiamen/\">从“线下跑腿”到“云端解纷”</a>"))
    }

    @Test func summariesAreCutFromTheFirstParagraph() async throws {
        var files = SmallSite.files
        files["content/_site.yml"] = "title: 测试\nsummary_length: 10\n"
        let site = try TemporarySite(files)
        try await site.build()
        let html = try #require(site.read("public/news/index.html"))
        // The first paragraph of xiamen starts with a 16-character quoted sentence: no sentence end fits in 10.
        #expect(html.contains("<p class=\"summary\">“原先要花3个月维权……</p>"), "ten characters, then an ellipsis")
    }
}
