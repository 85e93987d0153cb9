import Foundation
import Testing
@testable import SiteBuilder

/// A build of unchanged input stops at once; any change to content, templates,
/// options, the output folder or the calendar builds again.
@Suite struct UpToDateTests {
    @Test func anUnchangedSiteIsUpToDate() async throws {
        let site = try TemporarySite(SmallSite.files)
        #expect(try await site.build().upToDate == false)
        let second = try await site.build()
        #expect(second.upToDate)
        #expect(second.pages == 6)
        #expect(try await site.build { $0.force = true }.upToDate == false)
    }

    @Test func editingContentOrTemplatesBuildsAgain() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        try site.write("content/news/liaoyuan.md", (site.read("content/news/liaoyuan.md") ?? "").replacingOccurrences(of: "扎实推进", with: "持续推进"))
        #expect(try await site.build().upToDate == false)
        #expect(site.read("public/news/liaoyuan/index.html")?.contains("持续推进") == true)
        try site.write("templates/partials/footer.html", "<footer><nav><a href=\"/\">首页</a></nav></footer>\n")
        #expect(try await site.build().upToDate == false)
        #expect(site.read("public/index.html")?.contains("<footer><nav><a href=\"/\">首页</a></nav></footer>") == true)
        #expect(try await site.build().upToDate)
        try site.remove("content/files/guide.txt")
        #expect(try await site.build().upToDate == false)
        #expect(!site.exists("public/files/guide.txt"))
    }

    @Test func otherOptionsOrAMissingOutputBuildAgain() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        #expect(try await site.build { $0.includeDrafts = true }.upToDate == false)
        #expect(site.exists("public/news/draft/index.html"))
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("public"))
        #expect(try await site.build { $0.includeDrafts = true }.upToDate == false)
        #expect(site.exists("public/news/draft/index.html"))
    }

    @Test func aFuturePageAppearsWhenItsDateComes() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build()
        #expect(!site.exists("public/news/future/index.html"))
        // news/future.md is dated 2030-01-01 (+08:00).
        let report = try await site.build { $0.now = 1_893_427_200 + 60 }
        #expect(report.upToDate == false)
        #expect(site.exists("public/news/future/index.html"))
    }
}
