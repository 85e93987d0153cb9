import Diagnostics
import Foundation
import Testing
@testable import SiteBuilder

@Suite struct ErrorTests {
    private func failure(_ site: TemporarySite) async throws -> BuildFailure {
        do {
            try await site.build()
        } catch {
            return error
        }
        Issue.record("the build should have failed")
        return BuildFailure([])
    }

    private func rendered(_ failure: BuildFailure) -> String {
        DiagnosticRenderer().render(failure.diagnostics)
    }

    @Test func reportsEveryBadFileInOneRunWithPositions() async throws {
        var files = SmallSite.files
        files["content/news/no-title.md"] = "---\ndate: 2025-06-01\n---\nbody\n"
        files["content/news/bad-date.md"] = "---\ntitle: 标题\ndate: 六月一日\n---\n"
        files["content/news/bad-kind.md"] = "---\ntitle: 标题\ndate: 2025-06-01\nkind: blog\n---\n"
        let site = try TemporarySite(files)
        let text = rendered(try await failure(site))
        #expect(text.contains("content/news/no-title.md:1:1: error: missing required field \"title\""))
        #expect(text.contains("content/news/bad-date.md:3:7: error: field \"date\" must be a date like 2025-06-06 or 2025-06-06 09:30, not the text \"六月一日\"\ndate: 六月一日\n      ^\n"))
        #expect(text.contains("content/news/bad-kind.md:4:7: error: unknown kind \"blog\": use one of article, profile, roster, event"))
    }

    @Test func aFailedBuildLeavesThePreviousOutputAsItWas() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        let before = site.snapshot("public")
        try site.write("content/news/broken.md", "---\ntitle: [unclosed\ndate: 2025-06-01\n---\n")
        _ = try await failure(site)
        #expect(site.snapshot("public") == before)
        #expect(!site.exists(".public.staging"))
    }

    @Test func reportsBrokenLinksAndImagesAtTheirPosition() async throws {
        var files = SmallSite.files
        files["content/news/links.md"] = """
        ---
        title: 链接
        date: 2025-06-01
        ---
        第一段。

        见[不存在的页面](missing.md)和![图](nope.png)。
        """
        let site = try TemporarySite(files)
        let text = rendered(try await failure(site))
        #expect(text.contains("content/news/links.md:7:2: error: broken link: missing.md: there is no page content/news/missing.md"))
        #expect(text.contains("content/news/links.md:7:"), "image position")
        #expect(text.contains("broken image: nope.png: there is no file content/news/nope.png"))
    }

    @Test func anUnknownProfileSlugIsAnErrorAtItsLine() async throws {
        var files = SmallSite.files
        files["content/rosters/bad.md"] = "---\ntitle: 榜\nkind: roster\ndate: 2025-06-01\ngroups:\n  - members:\n      - {name: 王五, profile: nobody}\n---\n"
        let site = try TemporarySite(files)
        let failure = try await failure(site)
        let diagnostic = try #require(failure.diagnostics.first { $0.message.hasPrefix("unknown profile \"nobody\"") })
        #expect(diagnostic.location?.line == 7)
    }

    @Test func twoPagesOnOneURLAreAnErrorNamingBoth() async throws {
        var files = SmallSite.files
        files["content/news/copy.md"] = "---\ntitle: 副本\ndate: 2025-06-01\nslug: xiamen\n---\n"
        let site = try TemporarySite(files)
        let text = rendered(try await failure(site))
        #expect(text.contains("content/news/xiamen.md"))
        #expect(text.contains("would write public/news/xiamen/index.html"))
    }

    @Test func rejectsUnsafeSlugsAndAliases() async throws {
        var files = SmallSite.files
        files["content/news/evil.md"] = "---\ntitle: 坏\ndate: 2025-06-01\nslug: ../../etc\naliases: [/../../x/]\n---\n"
        let site = try TemporarySite(files)
        let text = rendered(try await failure(site))
        #expect(text.contains("content/news/evil.md:4:7: error: slug \"../../etc\" cannot be a URL segment"))
        #expect(text.contains("content/news/evil.md:5:11: error: alias \"/../../x/\" is not a usable path"))
    }

    @Test func refusesToWriteOverTheSitesOwnFolders() async throws {
        let site = try TemporarySite(SmallSite.files)
        for output in [".", "content", "templates", "content/x"] {
            do {
                try await site.build { $0.output = output }
                Issue.record("output \(output) should be refused")
            } catch {
                #expect(error.diagnostics.first?.message.contains("would replace the site's own files") == true)
            }
        }
        #expect(site.read("content/news/xiamen.md") != nil)
    }

    @Test func aMissingContentFolderIsAClearError() async throws {
        let site = try TemporarySite([:])
        let failure = try await failure(site)
        #expect(failure.diagnostics.first?.message.hasPrefix("no content/ folder") == true)
    }

    @Test func cleansUpWhatAKilledRunLeftBehind() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        // A run killed after moving public/ aside and before moving the new site in.
        try FileManager.default.moveItem(at: site.root.appendingPathComponent("public"), to: site.root.appendingPathComponent(".public.old"))
        try site.write(".public.staging/half.html", "half")
        try site.write("content/news/broken.md", "---\ntitle: x\n---\n")
        _ = try await failure(site)
        #expect(site.exists("public/index.html"), "the old site is restored")
        try site.remove("content/news/broken.md")
        try await site.build()
        #expect(!site.exists(".public.staging"))
        #expect(!site.exists(".public.old"))
        #expect(!site.exists("public/half.html"))
    }
}
