import Foundation
import Testing
@testable import SiteBuilder

/// A rebuild keeps every output file whose bytes did not change (same inode,
/// same modification time), so rsync and CDNs transfer only what changed.
/// Files are first dated far in the past: a file the rebuild wrote anew
/// would carry today's date instead, without the test having to wait.
/// Builds are forced (no up-to-date shortcut) and without the search index,
/// whose shards change with any page's text.
@Suite struct UnchangedOutputTests {
    static let longAgo = Date(timeIntervalSince1970: 978_307_200)  // 2001-01-01

    struct FileState: Equatable {
        var inode: UInt64
        var modified: Date
        var links: Int
    }

    /// Every output file's inode, modification time and link count.
    static func states(_ site: TemporarySite) throws -> [String: FileState] {
        let output = site.root.appendingPathComponent("public")
        var result: [String: FileState] = [:]
        for path in ThemeLoader.files(under: output) {
            let attributes = try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent(path).path)
            result[path] = FileState(
                inode: (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0,
                modified: attributes[.modificationDate] as? Date ?? Date(),
                links: (attributes[.referenceCount] as? NSNumber)?.intValue ?? 0
            )
        }
        return result
    }

    /// Builds the site, then dates every output file `longAgo`.
    static func buildAndAge(_ site: TemporarySite) async throws -> [String: FileState] {
        try await site.build { $0.search = false; $0.force = true }
        let output = site.root.appendingPathComponent("public")
        for path in ThemeLoader.files(under: output) {
            try FileManager.default.setAttributes([.modificationDate: longAgo], ofItemAtPath: output.appendingPathComponent(path).path)
        }
        return try states(site)
    }

    /// The output files a rebuild wrote anew (not dated `longAgo`).
    static func rewritten(_ site: TemporarySite) throws -> [String] {
        try states(site).filter { $0.value.modified != longAgo }.keys.sorted()
    }

    @Test func rebuildingUnchangedContentKeepsEveryFile() async throws {
        let site = try TemporarySite(SmallSite.files)
        let before = try await Self.buildAndAge(site)
        let bytes = site.snapshot("public")
        #expect(before.count == 40, "pages, lists, feeds, resources and the two theme assets")
        try await site.build { $0.search = false; $0.force = true }
        let after = try Self.states(site)
        #expect(after.keys.sorted() == before.keys.sorted())
        #expect(try Self.rewritten(site) == [])
        #expect(after.filter { before[$0.key]?.inode != $0.value.inode }.keys.sorted() == [], "same inode: the file itself was kept")
        #expect(after.values.filter { $0.links != 1 }.count == 0, "the previous output's names are gone after the swap")
        #expect(site.snapshot("public") == bytes)
    }

    @Test func aChangedPageGetsANewFileAndTheOthersKeepTheirs() async throws {
        let site = try TemporarySite(SmallSite.files)
        let before = try await Self.buildAndAge(site)
        let edited = try #require(SmallSite.files["content/news/liaoyuan.md"]) + "\n\n监督员每月走访企业。\n"
        try site.write("content/news/liaoyuan.md", edited)
        try await site.build { $0.search = false; $0.force = true }
        #expect(try Self.rewritten(site) == ["news/liaoyuan/index.html"])
        #expect(site.read("public/news/liaoyuan/index.html")?.contains("监督员每月走访企业。") == true)
        let after = try Self.states(site)
        #expect(after["news/liaoyuan/index.html"]?.inode != before["news/liaoyuan/index.html"]?.inode)
        #expect(after["news/xiamen/index.html"] == before["news/xiamen/index.html"])
    }

    @Test func aNewTitleRewritesThePagesThatShowIt() async throws {
        let site = try TemporarySite(SmallSite.files)
        _ = try await Self.buildAndAge(site)
        let edited = try #require(SmallSite.files["content/news/liaoyuan.md"]).replacingOccurrences(of: "“盯”在一线", with: "常驻一线")
        try site.write("content/news/liaoyuan.md", edited)
        try await site.build { $0.search = false; $0.force = true }
        // The page, and the lists, feed and pages (previous/next, related) that show its title.
        #expect(try Self.rewritten(site) == [
            "archive/2025/page/2/index.html", "feed.xml", "index.html", "news/escape/index.html",
            "news/index.html", "news/liaoyuan/index.html", "news/xiamen/index.html",
            "regions/吉林省/index.html", "regions/吉林省/辽源市/index.html",
            "tags/安全生产/index.html", "tags/新就业形态/index.html",
        ])
    }

    @Test func aCopiedFileIsComparedByItsBytesNotOnlyItsSize() async throws {
        let site = try TemporarySite(SmallSite.files)
        _ = try await Self.buildAndAge(site)
        try site.write("content/events/wuwei/photo.png", "GIF")
        try await site.build { $0.search = false; $0.force = true }
        #expect(try Self.rewritten(site) == ["events/wuwei/photo.png"])
        #expect(site.read("public/events/wuwei/photo.png") == "GIF")
    }

    @Test func aChangedAssetGetsANewVersionInEveryPage() async throws {
        var files = SmallSite.files
        files["templates/assets/site.css"] = "body { color: black; }\n"
        let site = try TemporarySite(files)
        _ = try await Self.buildAndAge(site)
        let firstLink = try #require(site.read("public/index.html")?.firstMatch(of: /assets\/site\.[0-9a-f]{10}\.css"/)?.output)
        try site.write("templates/assets/site.css", "body { color: navy; }\n")
        try await site.build { $0.search = false; $0.force = true }
        let secondLink = try #require(site.read("public/index.html")?.firstMatch(of: /assets\/site\.[0-9a-f]{10}\.css"/)?.output)
        #expect(firstLink != secondLink)
        let rewritten = try Self.rewritten(site)
        #expect(rewritten.contains { $0.hasPrefix("assets/site.") && $0.hasSuffix(".css") })
        let pages = try Self.states(site).keys.filter { $0.hasSuffix(".html") && $0 != "2025/06/old-xiamen/index.html" }
        #expect(pages.count == 33)
        #expect(rewritten.filter { $0.hasSuffix(".html") }.sorted() == pages.sorted(), "every page but the alias, which has no stylesheet")
        #expect(!rewritten.contains("feed.xml") && !rewritten.contains("events/wuwei/photo.png"))
    }

    @Test func aSymbolicLinkInThePreviousOutputIsNeverReused() async throws {
        let site = try TemporarySite(SmallSite.files)
        try await site.build { $0.search = false; $0.force = true }
        let page = try #require(site.read("public/404.html"))
        try site.write("elsewhere/404.html", page)
        try site.remove("public/404.html")
        try FileManager.default.createSymbolicLink(
            atPath: site.root.appendingPathComponent("public/404.html").path,
            withDestinationPath: site.root.appendingPathComponent("elsewhere/404.html").path
        )
        try await site.build { $0.search = false; $0.force = true }
        let attributes = try FileManager.default.attributesOfItem(atPath: site.root.appendingPathComponent("public/404.html").path)
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
        #expect(site.read("public/404.html") == page)
    }
}
