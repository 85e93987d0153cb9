import Diagnostics
import Foundation
import Testing
@testable import SiteBuilder
import SiteModel

@Suite struct CheckAndScaffoldTests {
    @Test func checkReportsProblemsAndWritesNothing() async throws {
        var files = SmallSite.files
        files["content/news/links.md"] = "---\ntitle: 链接\ndate: 2025-06-01\n---\n见[旧文](gone.md)。\n"
        let site = try TemporarySite(files)
        let diagnostics = await Builder(options: site.options()).check()
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.description == "content/news/links.md:5:2: error: broken link: gone.md: there is no page content/news/gone.md")
        #expect(!site.exists("public"))
        #expect(!site.exists(".public.staging"))
    }

    @Test func checkIsCleanOnAGoodSite() async throws {
        let site = try TemporarySite(SmallSite.files)
        let diagnostics = await Builder(options: site.options()).check()
        #expect(diagnostics.isEmpty)
    }

    @Test func everyScaffoldedKindPassesCheck() async throws {
        let site = try TemporarySite(SmallSite.files)
        let scaffold = PageScaffold(root: site.root.path)
        for kind in PageKind.allCases {
            let written = try scaffold.create(kind: kind, path: "drafts-area/new-\(kind.rawValue)", title: "新的“\(kind.rawValue)”: 标题", now: TemporarySite.now)
            #expect(written == "content/drafts-area/new-\(kind.rawValue).md")
            let text = try #require(site.read(written))
            #expect(text.contains("date: 2025-07-01 00:00"))
        }
        let diagnostics = await Builder(options: site.options()).check()
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")
        try await site.build()
        #expect(site.read("public/drafts-area/new-roster/index.html")?.contains("张三") == true)
    }

    @Test func scaffoldNeverOverwrites() throws {
        let site = try TemporarySite(SmallSite.files)
        let before = site.read("content/news/xiamen.md")
        #expect(throws: BuildFailure.self) {
            try PageScaffold(root: site.root.path).create(kind: .article, path: "news/xiamen.md", title: "x", now: TemporarySite.now)
        }
        #expect(site.read("content/news/xiamen.md") == before)
        #expect(throws: BuildFailure.self) {
            try PageScaffold(root: site.root.path).create(kind: .article, path: "../outside.md", title: "x", now: TemporarySite.now)
        }
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("outside.md").path))
    }
}

@Suite struct StrictTemplateCheckTests {
    @Test func theDefaultThemeUsesOnlyNamesItsDataHas() async throws {
        let site = try TemporarySite(SmallSite.files)
        let diagnostics = await Builder(options: site.options()).check(templateNames: true)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
    }

    @Test func aMisspelledNameIsAWarningAtItsPosition() async throws {
        var files = SmallSite.files
        files["templates/article.html"] = "{{<base}}{{$main}}\n<h1>{{page.titel}}</h1>\n{{/main}}{{/base}}\n"
        let site = try TemporarySite(files)
        let diagnostics = await Builder(options: site.options()).check(templateNames: true)
        #expect(diagnostics.count == 1)
        let warning = try #require(diagnostics.first)
        #expect(warning.severity == .warning)
        #expect(warning.description == "templates/article.html:2:5: warning: \"page.titel\" is not in the data of any page this template renders: check the spelling")
        #expect(warning.sourceLine == "<h1>{{page.titel}}</h1>")
        // Without --strict the same site checks clean.
        #expect(await Builder(options: site.options()).check().isEmpty)
    }
}
