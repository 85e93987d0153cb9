import Diagnostics
import Foundation
import Testing
@testable import SiteBuilder

/// Hostile values from content, in every context the build writes them:
/// HTML text, attribute values, URLs, the Atom feed and sitemap (XML), and
/// JSON inside a `<script>`. None of them can end its context early.
@Suite struct SiteEscapingTests {
    /// Ends a script, opens one, breaks out of an attribute, ends a CDATA
    /// section, and carries both quotes and an ampersand.
    static let hostile = #"</script><script>alert(1)</script> "onmouseover="alert(2) ]]> & 'q'"#
    /// The same in YAML single quotes (a quote is written twice).
    static let yaml = "'" + hostile.replacingOccurrences(of: "'", with: "''") + "'"
    static let htmlEscaped = "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &quot;onmouseover=&quot;alert(2) ]]&gt; &amp; &#39;q&#39;"
    static let xmlEscaped = "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &quot;onmouseover=&quot;alert(2) ]]&gt; &amp; &apos;q&apos;"

    static func files(unsafeHTML: Bool = false) -> [String: String] {
        [
            "content/_site.yml": """
            title: \(yaml)
            description: \(yaml)
            base_url: https://example.org/
            unsafe_html: \(unsafeHTML)
            menu:
              - {title: \(yaml), url: /news/}
            """,
            "content/news/_index.md": "---\ntitle: \(yaml)\ndescription: \(yaml)\n---\n",
            "content/news/a.md": """
            ---
            title: \(yaml)
            kicker: \(yaml)
            subtitle: \(yaml)
            summary: \(yaml)
            byline: \(yaml)
            image: cover.png
            image_caption: \(yaml)
            image_credit: \(yaml)
            tags: ['<script>', '"onmouseover=', ']]>', "a&b"]
            authors: ['<b>记者']
            date: 2025-06-01
            aliases: ['/old/"onmouseover=x/']
            ---
            第一段<script>alert(3)</script>正文。

            <img src=x onerror=alert(4)>

            [点我](javascript:alert(5)) [数据](data:text/html,<script>alert(6)</script>)

            ## 小标题 "onmouseover="x ]]>

            """,
            "content/news/cover.png": "png",
        ]
    }

    private func build(_ files: [String: String]) async throws -> TemporarySite {
        let site = try TemporarySite(files)
        try await site.build()
        return site
    }

    /// The page without its structured-data element, which holds JSON, not HTML.
    static func withoutStructuredData(_ html: String) -> String {
        guard let start = html.range(of: "<script type=\"application/ld+json\">"),
              let end = html.range(of: "</script>", range: start.upperBound..<html.endIndex) else { return html }
        return String(html[..<start.lowerBound] + html[end.upperBound...])
    }

    @Test func htmlTextAndAttributesAreEscaped() async throws {
        let site = try await build(Self.files())
        let page = try #require(site.read("public/news/a/index.html"))
        let html = Self.withoutStructuredData(page)
        #expect(html.contains("<h1>\(Self.htmlEscaped)</h1>"))
        #expect(html.contains("<p class=\"kicker\">\(Self.htmlEscaped)</p>"))
        #expect(html.contains("<p class=\"subtitle\">\(Self.htmlEscaped)</p>"))
        #expect(html.contains("<span class=\"byline\">\(Self.htmlEscaped)</span>"))
        #expect(html.contains("<title>\(Self.htmlEscaped)</title>"))
        #expect(html.contains("<meta name=\"description\" content=\"\(Self.htmlEscaped)\">"))
        #expect(html.contains("<img src=\"/news/cover.png\" alt=\"\(Self.htmlEscaped)\" loading=\"lazy\">"))
        #expect(html.contains("<figcaption>\(Self.htmlEscaped) <span class=\"credit\">\(Self.htmlEscaped)</span></figcaption>"))
        #expect(html.contains("<li><a href=\"/news/\" aria-current=\"page\">\(Self.htmlEscaped)</a></li>"))
        #expect(html.contains("<h2 id=\"小标题-onmouseover-x\">小标题 &quot;onmouseover=&quot;x ]]&gt;</h2>"))
        for raw in ["<script", "\"onmouseover=", "onerror=", "javascript:", "data:text", "<b>"] {
            #expect(!html.contains(raw), "\(raw) reached the page")
        }
        let list = Self.withoutStructuredData(try #require(site.read("public/news/index.html")))
        #expect(list.contains("<h1>\(Self.htmlEscaped)</h1>"))
        #expect(!list.contains("<script") && !list.contains("\"onmouseover="))
    }

    @Test func urlsArePercentEncoded() async throws {
        let site = try await build(Self.files())
        let html = try #require(site.read("public/news/a/index.html"))
        #expect(html.contains("href=\"/tags/%3Cscript%3E/\""))
        #expect(html.contains("href=\"/tags/%22onmouseover%3D/\""))
        #expect(html.contains("href=\"/tags/%5D%5D%3E/\""))
        #expect(html.contains("href=\"/tags/a%26b/\""))
        #expect(html.contains("<a href=\"/authors/%3Cb%3E%E8%AE%B0%E8%80%85/\">&lt;b&gt;记者</a>"))
        // On disk the names stay as written, inside their taxonomy folder.
        #expect(site.exists("public/tags/<script>/index.html"))
        #expect(site.exists("public/tags/\"onmouseover=/index.html"))
        #expect(site.exists("public/old/\"onmouseover=x/index.html"))
        let alias = try #require(site.read("public/old/\"onmouseover=x/index.html"))
        #expect(alias.contains("<meta http-equiv=\"refresh\" content=\"0; url=/news/a/\">"))
        #expect(alias.contains("<title>\(Self.htmlEscaped)</title>"))
    }

    @Test func anAuthorWithASlashIsRefusedAtItsLine() async throws {
        var files = Self.files()
        files["content/news/b.md"] = "---\ntitle: 页\ndate: 2025-06-01\nauthors: ['<b>记者</b>']\n---\n"
        let site = try TemporarySite(files)
        do {
            try await site.build()
            Issue.record("the build should fail on the author")
        } catch {
            #expect(error.diagnostics.map(\.message) == ["authors entry \"<b>记者</b>\" cannot be used in a URL: it must not contain `/`, `\\` or control characters, or be `..`"])
            #expect(error.diagnostics.first?.location == SourceLocation(file: "content/news/b.md", line: 4, column: 11))
        }
    }

    @Test func theFeedAndSitemapAreWellEscapedXML() async throws {
        let site = try await build(Self.files())
        let feed = try #require(site.read("public/feed.xml"))
        #expect(feed.contains("<title>\(Self.xmlEscaped)</title>"))
        #expect(feed.contains("<subtitle>\(Self.xmlEscaped)</subtitle>"))
        #expect(feed.contains("<summary>\(Self.xmlEscaped)</summary>"))
        #expect(feed.contains("<category term=\"&lt;script&gt;\"/>"))
        #expect(feed.contains("<category term=\"&quot;onmouseover=\"/>"))
        #expect(feed.contains("<category term=\"]]&gt;\"/>"))
        #expect(feed.contains("<category term=\"a&amp;b\"/>"))
        for raw in ["<script", "]]>", "\"onmouseover", "'q'", "& "] {
            #expect(!feed.contains(raw), "\(raw) reached the feed")
        }
        let sitemap = try #require(site.read("public/sitemap.xml"))
        #expect(sitemap.contains("<loc>https://example.org/tags/%3Cscript%3E/</loc>"))
        #expect(sitemap.contains("<loc>https://example.org/tags/%5D%5D%3E/</loc>"))
        #expect(sitemap.contains("<loc>https://example.org/tags/a%26b/</loc>"))
        #expect(!sitemap.contains("<script") && !sitemap.contains("]]>"))
    }

    @Test func charactersXMLForbidsBecomeReplacementCharacters() async throws {
        var files = Self.files()
        files["content/news/a.md"] = "---\ntitle: \"响铃\\a退格\\b转义\\e空\\0\"\ndate: 2025-06-01\n---\n正文。\n"
        let site = try await build(files)
        let feed = try #require(site.read("public/feed.xml"))
        #expect(feed.contains("<title>响铃\u{FFFD}退格\u{FFFD}转义\u{FFFD}空\u{FFFD}</title>"))
        #expect(!feed.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(XMLEscape.escape("a\u{FFFE}b\u{FFFF}c\td\r\ne") == "a\u{FFFD}b\u{FFFD}c\td\r\ne")
        #expect(XMLEscape.escape("全角，标点。") == "全角，标点。")
    }

    @Test func structuredDataIsJSONThatCannotEndItsScript() async throws {
        let site = try await build(Self.files())
        let page = try #require(site.read("public/news/a/index.html"))
        let start = try #require(page.range(of: "<script type=\"application/ld+json\">"))
        let end = try #require(page.range(of: "</script>", range: start.upperBound..<page.endIndex))
        let json = String(page[start.upperBound..<end.lowerBound])
        for raw in ["<", ">", "&", "'", "\u{2028}"] { #expect(!json.contains(raw)) }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["headline"] as? String == Self.hostile)
        #expect(object["description"] as? String == Self.hostile)
        #expect(object["keywords"] as? [String] == ["<script>", "\"onmouseover=", "]]>", "a&b"])
        #expect(object["url"] as? String == "https://example.org/news/a/")
        #expect(object["datePublished"] as? String == "2025-06-01")
        #expect((object["publisher"] as? [String: Any])?["name"] as? String == Self.hostile)
    }

    @Test func scriptJSONEscapesEverythingAScriptOrParserCouldMisread() {
        let text = "</script><!--\u{2028}\u{2029}\"\\\n\r\t\u{0}\u{1B}\u{7F}'&>中"
        #expect(ScriptJSON.string(text).text == #""\u003C/script\u003E\u003C!--\u2028\u2029\"\\\n\r\t\u0000\u001B\u007F\u0027\u0026\u003E中""#)
        let value = ScriptJSON.object([("b", .int(-1)), ("a", .array([.bool(true), .null, .string("")]))])
        #expect(value.text == #"{"b":-1,"a":[true,null,""]}"#)
        let decoded = try? JSONSerialization.jsonObject(with: Data(ScriptJSON.string(text).text.utf8), options: .fragmentsAllowed) as? String
        #expect(decoded == text)
    }

    @Test func rawHTMLAndScriptLinksAreDroppedByDefault() async throws {
        let site = try await build(Self.files())
        let html = Self.withoutStructuredData(try #require(site.read("public/news/a/index.html")))
        #expect(html.contains("<p>第一段<!-- raw HTML omitted -->alert(3)<!-- raw HTML omitted -->正文。</p>"))
        #expect(html.contains("<!-- raw HTML omitted -->\n"))
        #expect(html.contains("<a href=\"\">点我</a> <a href=\"\">数据</a>"))
    }

    @Test func rawHTMLPassesWhenTheSiteAllowsIt() async throws {
        let site = try await build(Self.files(unsafeHTML: true))
        let html = try #require(site.read("public/news/a/index.html"))
        #expect(html.contains("<p>第一段<script>alert(3)</script>正文。</p>"))
        #expect(html.contains("<img src=x onerror=alert(4)>"))
        #expect(html.contains("<a href=\"javascript:alert(5)\">点我</a>"))
        // Values from front matter stay escaped: the setting is about Markdown bodies only.
        #expect(Self.withoutStructuredData(html).contains("<h1>\(Self.htmlEscaped)</h1>"))
    }

    @Test(arguments: ["javascript:alert(1)", "JavaScript:alert(1)", "vbscript:x", "file:///etc/passwd", "data:text/html,<script>alert(1)</script>"])
    func scriptAddressesForImagesAreErrors(address: String) async throws {
        var files = Self.files()
        files["content/news/a.md"] = "---\ntitle: 页\ndate: 2025-06-01\nimage: '\(address)'\n---\n正文。\n"
        let site = try TemporarySite(files)
        do {
            try await site.build()
            Issue.record("\(address) should be refused")
        } catch {
            let scheme = String(address.prefix { $0 != ":" }).lowercased()
            #expect(error.diagnostics.map(\.message) == ["missing image: \(address) is a \(scheme): address, which can run script; give an image file or an https:// address"])
            #expect(error.diagnostics.first?.location == SourceLocation(file: "content/news/a.md", line: 4, column: 8))
        }
    }

    @Test func imageAddressesThatCannotRunScriptAreKept() async throws {
        var files = Self.files()
        files["content/news/a.md"] = "---\ntitle: 页\ndate: 2025-06-01\nimage: 'https://img.example.org/a.png?x=1&y=\"2\"'\n---\n正文。\n"
        let site = try await build(files)
        #expect(site.read("public/news/a/index.html")?.contains("<img src=\"https://img.example.org/a.png?x=1&amp;y=&quot;2&quot;\"") == true)
    }

    @Test func scriptAddressesInTheMenuAreErrors() async throws {
        var files = Self.files()
        files["content/_site.yml"] = "title: 站\nmenu:\n  - {title: 坏, url: 'javascript:alert(1)'}\n"
        let site = try TemporarySite(files)
        do {
            try await site.build()
            Issue.record("the menu url should be refused")
        } catch {
            #expect(error.diagnostics.map(\.message) == ["menu url \"javascript:alert(1)\" is a javascript: address, which can run script; link to a page or an https:// address"])
            #expect(error.diagnostics.first?.location == SourceLocation(file: "content/_site.yml", line: 3, column: 21))
        }
    }
}
