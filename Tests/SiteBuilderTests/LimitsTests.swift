import Diagnostics
import Foundation
import FrontMatter
import Testing
@testable import SiteBuilder
import SiteModel

/// Inputs far beyond any real site: each gives a clear error at its place,
/// or a build that finishes in linear time; never a crash or a hang.
@Suite struct LimitsTests {
    static let config = "title: 测试\nbase_url: https://example.org/\n"

    private func diagnostics(_ site: TemporarySite) async -> [Diagnostic] {
        do {
            return try await site.build().diagnostics
        } catch {
            return error.diagnostics
        }
    }

    private func page(_ frontMatter: String, body: String = "正文。\n") -> String {
        "---\ntitle: 页\ndate: 2025-06-01\n\(frontMatter)\n---\n\(body)"
    }

    // MARK: Size

    @Test func aLargePageBuilds() async throws {
        let paragraph = "职工之家建设情况良好，**工会**组织积极开展*活动*，[链接](https://example.org/)。\n\n"
        let count = 10 * 1_048_576 / paragraph.utf8.count
        let site = try TemporarySite(["content/_site.yml": Self.config, "content/news/big.md": page("tags: [大]", body: String(repeating: paragraph, count: count))])
        #expect(await diagnostics(site).isEmpty)
        let html = try #require(site.read("public/news/big/index.html"))
        #expect(html.utf8.count > 10 * 1_048_576)
        #expect(html.components(separatedBy: "<strong>工会</strong>").count == count + 1)
    }

    @Test func aPageOverTheSizeLimitIsRefusedWithoutReadingIt() async throws {
        let site = try TemporarySite(["content/_site.yml": Self.config, "content/news/a.md": page("tags: [好]")])
        let huge = site.root.appendingPathComponent("content/news/huge.md")
        try site.write("content/news/huge.md", page("tags: [大]"))
        // A sparse file: the size is what counts, and the test writes nothing large.
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: UInt64(SourceFile.maxBytes + 1))
        try handle.close()
        let found = await diagnostics(site)
        #expect(found.map(\.message) == [
            "cannot read this file: it is 32.0 MB, and a page can be at most 32 MB; split it, or put large files beside it (they are copied, not read)",
        ])
        #expect(found.first?.location == SourceLocation(file: "content/news/huge.md", line: 1, column: 1))
    }

    @Test func pathologicalMarkdownBuilds() async throws {
        let bodies = [
            "deep-quotes": String(repeating: ">", count: 100_000) + " 引用\n",
            "deep-lists": String(repeating: "- ", count: 10_000) + "项\n",
            "brackets": String(repeating: "[", count: 100_000) + "x" + String(repeating: "]", count: 100_000) + "\n",
            "emphasis": String(repeating: "*a **b ", count: 50_000) + "\n",
            "cjk-emphasis": String(repeating: "**真，**她", count: 50_000) + "\n",
            "backticks": String(repeating: "`a``", count: 50_000) + "\n",
            "headings": String(repeating: "# 同名标题\n", count: 20_000),
        ]
        var files = ["content/_site.yml": Self.config]
        for (name, body) in bodies { files["content/news/\(name).md"] = page("tags: [病]", body: body) }
        let site = try TemporarySite(files)
        #expect(await diagnostics(site).isEmpty)
        for name in bodies.keys { #expect(site.exists("public/news/\(name)/index.html")) }
        // Heading anchors stay unique however many headings share a text.
        #expect(site.read("public/news/headings/index.html")?.contains("id=\"同名标题-19999\"") == true)
    }

    // MARK: Many problems

    @Test func thousandsOfBadEntriesGiveAShortReport() async throws {
        let tags = (0..<20_000).map { "  - 坏/\($0)" }.joined(separator: "\n")
        let links = String(repeating: "[a](missing.md)", count: 20_000)
        // Two sites: errors in front matter stop a build before pages are rendered.
        let tagSite = try TemporarySite(["content/_site.yml": Self.config, "content/news/tags.md": page("tags:\n" + tags)])
        let linkSite = try TemporarySite(["content/_site.yml": Self.config, "content/news/links.md": page("tags: [好]", body: links + "\n")])
        let found = await diagnostics(tagSite) + diagnostics(linkSite)
        let inTags = found.filter { $0.location?.file == "content/news/tags.md" }
        let inLinks = found.filter { $0.location?.file == "content/news/links.md" }
        #expect(inTags.count == FieldReader.maxDiagnostics + 1)
        #expect(inTags.last?.message == "19950 more problems in this file, up to here, are not shown; fix the ones above first")
        #expect(inTags.last?.location?.line == 20_004)
        #expect(inLinks.count == FieldReader.maxDiagnostics + 1)
        #expect(inLinks.last?.message == "19950 more problems in this page, up to here, are not shown; fix the ones above first")
        #expect(inLinks.last?.location == SourceLocation(file: "content/news/links.md", line: 6, column: 1 + 15 * 19_999))
        // A 300,000-character line is shown as a window around the column.
        let printed = DiagnosticRenderer().render(found)
        #expect(printed.utf8.count < 50_000)
        #expect(printed.contains("content/news/links.md:6:299986: error: 19950 more problems in this page, up to here, are not shown; fix the ones above first\n…"))
    }

    @Test func longSourceLinesAreShownAroundTheColumn() {
        let line = String(repeating: "a", count: 500) + "X" + String(repeating: "b", count: 500)
        let diagnostic = Diagnostic.error("bad", at: SourceLocation(file: "f", line: 1, column: 501), sourceLine: line)
        let printed = DiagnosticRenderer().render(diagnostic)
        let expectedLine = "…" + String(repeating: "a", count: 50) + "X" + String(repeating: "b", count: 49) + "…"
        #expect(printed == "f:1:501: error: bad\n\(expectedLine)\n" + String(repeating: " ", count: 51) + "^\n")
    }

    @Test func controlCharactersNeverReachTheTerminal() {
        let diagnostic = Diagnostic.error("name \"a\u{1B}[2Jb\"", at: SourceLocation(file: "x\u{7}.md", line: 1, column: 4), sourceLine: "a\u{1B}\tb\u{9B}c")
        #expect(DiagnosticRenderer().render(diagnostic) == "x\u{2407}.md:1:4: error: name \"a\u{241B}[2Jb\"\na\u{241B}\tb\u{FFFD}c\n  \t^\n")
    }

    // MARK: Nesting and recursion

    @Test func deepFrontMatterIsAnErrorAtItsPlace() async throws {
        let flow = "a: " + String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000)
        let block = (0..<500).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n")
        let site = try TemporarySite([
            "content/_site.yml": Self.config,
            "content/news/flow.md": page(flow),
            "content/news/block.md": page(block),
        ])
        let found = await diagnostics(site)
        #expect(found.map(\.message) == ["nesting is too deep (more than 100 levels)", "nesting is too deep (more than 100 levels)"])
        #expect(Set(found.compactMap { $0.location?.file }) == ["content/news/flow.md", "content/news/block.md"])
        #expect(found.allSatisfy { $0.location?.line ?? 0 >= 4 })
    }

    @Test func deepTemplatesAreAnErrorInTheTemplate() async throws {
        let depth = 5_000
        let site = try TemporarySite([
            "content/_site.yml": Self.config,
            "content/news/a.md": page("tags: [好]"),
            "templates/article.html": String(repeating: "{{#page}}", count: depth) + "x" + String(repeating: "{{/page}}", count: depth),
        ])
        let found = await diagnostics(site)
        #expect(found.map(\.message) == ["sections nested more than 100 levels deep"])
        #expect(found.first?.location == SourceLocation(file: "templates/article.html", line: 1, column: 1 + 100 * 9))
    }

    @Test func aTemplateThatIncludesItselfIsAnErrorNotAStackOverflow() async throws {
        let site = try TemporarySite([
            "content/_site.yml": Self.config,
            "content/news/a.md": page("tags: [好]"),
            "templates/article.html": "<div>\n{{>partials/loop}}\n</div>\n",
            "templates/partials/loop.html": "{{#page}}<p>{{title}}</p>\n{{>partials/loop}}{{/page}}\n",
        ])
        let found = await diagnostics(site)
        #expect(found.map(\.message) == [
            "while rendering content/news/a.md: templates nested more than 100 levels deep (a partial or block that includes itself?)",
        ])
        #expect(found.first?.location == SourceLocation(file: "templates/partials/loop.html", line: 2, column: 1))
        #expect(!site.exists("public"))
    }

    // MARK: Many terms

    @Test func manyTaxonomyTermsBuild() async throws {
        var files = ["content/_site.yml": Self.config]
        let pages = 40
        let tagsPerPage = 50
        for index in 0..<pages {
            let tags = (0..<tagsPerPage).map { "标签\(index * tagsPerPage + $0)" }.joined(separator: ", ")
            files["content/news/p\(index).md"] = page("tags: [\(tags), 共同]")
        }
        let site = try TemporarySite(files)
        let report = try await site.build()
        #expect(report.diagnostics.isEmpty)
        #expect(site.exists("public/tags/标签1999/index.html"))
        let index = try #require(site.read("public/tags/index.html"))
        #expect(index.components(separatedBy: "href=\"/tags/%E").count - 1 == pages * tagsPerPage + 1)
        // The shared tag's list is split into pages of page_size.
        #expect(site.exists("public/tags/共同/page/2/index.html"))
        #expect(!site.exists("public/tags/共同/page/3/index.html"))
    }

    @Test func onePageWithTensOfThousandsOfTags() throws {
        let tags = (0..<30_000).map { "标签\($0)" }.joined(separator: ", ")
        let text = page("tags: [\(tags), 标签0, 标签1]")
        let (page, diagnostics) = PageSchema(config: SiteConfig()).page(
            from: .init(id: "news/a.md", sectionPath: "news", fileSlug: "a", isBundle: false, defaultKind: .article,
                        source: try FrontMatterParser.parsePage(text), text: text),
            file: "content/news/a.md"
        )
        #expect(diagnostics.isEmpty)
        #expect(page?.tags.count == 30_000)
        #expect(page?.tags.last == "标签29999")
    }
}
