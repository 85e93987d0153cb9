import Diagnostics
import Foundation
import Testing
@testable import SiteBuilder
import SiteModel

/// Nothing a site contains can make a build write outside its output folder:
/// every name that becomes part of a path is rejected at its line or made
/// safe, links out of content/ are not followed, and two outputs for one
/// file are an error naming both.
@Suite struct PathSafetyTests {
    static let config = "title: 测试\nbase_url: https://example.org/\n"

    /// Builds a site and returns its diagnostics (empty when it succeeded).
    private func diagnostics(_ site: TemporarySite) async -> [Diagnostic] {
        do {
            let report = try await site.build()
            return report.diagnostics
        } catch {
            return error.diagnostics
        }
    }

    private func page(_ field: String) -> String {
        "---\ntitle: 页\ndate: 2025-06-01\n\(field)\n---\n正文。\n"
    }

    /// Every file anywhere under the temporary site (to prove nothing landed outside public/).
    private func allFiles(_ site: TemporarySite) -> Set<String> {
        Set(KillTests.snapshot(site.root).keys)
    }

    // MARK: Front matter values that become paths

    @Test(arguments: [
        ("\"..\"", #"slug "..""#), ("\".\"", #"slug ".""#), ("a/b", #"slug "a/b""#), ("/etc/passwd", #"slug "/etc/passwd""#),
        (#"'a\b'"#, #"slug "a\b""#), (".hidden", #"slug ".hidden""#), ("_private", #"slug "_private""#), ("\"\"", #"slug """#),
        (#""a\0b""#, "slug \"a\0b\""), (#""a\eb""#, "slug \"a\u{1B}b\""), (#""a\nb""#, "slug \"a\nb\""),
        (String(repeating: "长", count: 67), "slug \"\(String(repeating: "长", count: 67))\""),
    ])
    func hostileSlugsAreErrorsAtTheirLine(value: String, message: String) async throws {
        let site = try TemporarySite(["content/_site.yml": Self.config, "content/news/a.md": page("slug: \(value)")])
        let found = await diagnostics(site)
        let error = try #require(found.first { $0.severity == .error })
        #expect(error.message.hasPrefix(message + " cannot be a URL segment"))
        #expect(error.location == SourceLocation(file: "content/news/a.md", line: 4, column: 7))
        #expect(!site.exists("public"))
    }

    @Test(arguments: ["/../x/", "../x", "/a/../../b/", #"'/a\b/'"#, "/", "\"\"", #""/a\0b/""#, #""/a\tb/""#, #"'C:\Windows\'"#])
    func hostileAliasesAreErrorsAtTheirLine(value: String) async throws {
        let site = try TemporarySite(["content/_site.yml": Self.config, "content/news/a.md": page("aliases: [\(value)]")])
        let found = await diagnostics(site)
        let error = try #require(found.first { $0.severity == .error })
        #expect(error.message.hasPrefix("alias \""))
        #expect(error.message.hasSuffix("is not a usable path: write a site path like /2025/06/old-page/ without `..`"))
        #expect(error.location == SourceLocation(file: "content/news/a.md", line: 4, column: 11))
    }

    @Test func anAliasWithDoubleSlashesStaysInsideTheSite() async throws {
        let site = try TemporarySite(["content/_site.yml": Self.config, "content/news/a.md": page("aliases: [//evil.example/x/]")])
        #expect(await diagnostics(site).isEmpty)
        #expect(site.exists("public/evil.example/x/index.html"))
        #expect(site.read("public/evil.example/x/index.html")?.contains("url=/news/a/") == true)
    }

    @Test(arguments: ["tags", "authors"])
    func hostileTaxonomyTermsAreErrorsAtTheirItem(field: String) async throws {
        let site = try TemporarySite([
            "content/_site.yml": Self.config,
            "content/news/a.md": page("\(field):\n  - 好\n  - ..\n  - a/b\n  - '\\'\n  - \"x\\ey\""),
        ])
        let found = await diagnostics(site).filter { $0.severity == .error }
        #expect(found.map(\.message) == [
            "\(field) entry \"..\" cannot be used in a URL: it must not contain `/`, `\\` or control characters, or be `..`",
            "\(field) entry \"a/b\" cannot be used in a URL: it must not contain `/`, `\\` or control characters, or be `..`",
            "\(field) entry \"\\\" cannot be used in a URL: it must not contain `/`, `\\` or control characters, or be `..`",
            "\(field) entry \"x\u{1B}y\" cannot be used in a URL: it must not contain `/`, `\\` or control characters, or be `..`",
        ])
        #expect(found.map { $0.location?.line } == [6, 7, 8, 9])
        #expect(found.allSatisfy { $0.location?.column == 5 })
    }

    @Test func hostileRegionsAreErrors() async throws {
        for (value, bad) in [("../etc", ".."), ("[福建省, \"..\"]", ".."), ("\"a\\0b\"", "a\0b")] {
            let site = try TemporarySite(["content/_site.yml": Self.config, "content/news/a.md": page("region: \(value)")])
            let found = await diagnostics(site).filter { $0.severity == .error }
            #expect(found.map(\.message) == ["region \"\(bad)\" cannot be used in a URL"], "\(value)")
            #expect(found.first?.location == SourceLocation(file: "content/news/a.md", line: 4, column: 9))
        }
    }

    @Test func unsafeHonoursGetNoPageButTheBuildGoesOn() async throws {
        let site = try TemporarySite([
            "content/_site.yml": Self.config,
            "content/rosters/a.md": "---\ntitle: 榜\nkind: roster\ndate: 2025-06-01\nhonour: ../../escaped\nmembers: [王五]\n---\n",
            "content/profiles/b.md": "---\ntitle: 李四\nkind: profile\ndate: 2025-06-01\nhonours: [a/b, ..]\n---\n",
        ])
        let before = allFiles(site)
        #expect(await diagnostics(site).filter { $0.severity == .error }.isEmpty)
        let written = allFiles(site).subtracting(before)
        // The output, and the build's own state under .unionpress/ (what makes an unchanged rebuild
        // instant, the cache an incremental build starts from, and the site snapshot with its source stamps).
        let state: Set = [
            ".unionpress/build-state", ".unionpress/build-cache", ".unionpress/search-records", ".unionpress/site-snapshot", ".unionpress/source-stamps",
        ]
        #expect(written.allSatisfy { $0.hasPrefix("public/") || state.contains($0) })
        #expect(!written.contains { $0.contains("escaped") })
        #expect(written.contains("public/honours/index.html"))
        #expect(site.read("public/rosters/a/index.html")?.contains("/honours/..") == false)
    }

    // MARK: File and folder names

    @Test(arguments: [
        ("content/news/a\nb.md", "content/news/a\\u{A}b.md", "it contains a control character"),
        ("content/news/a\u{1B}[31mred.md", "content/news/a\\u{1B}[31mred.md", "it contains a control character"),
        ("content/news/back\\slash.md", "content/news/back\\slash.md", "it contains `\\`"),
        ("content/bad\u{7}section/a.md", "content/bad\\u{7}section", "it contains a control character"),
        ("content/news/bundle/photo\tx.png", "content/news/bundle/photo\\u{9}x.png", "it contains a control character"),
        ("content/news/" + String(repeating: "x", count: 230) + ".md", "content/news/" + String(repeating: "x", count: 230) + ".md", "longer than 200 bytes"),
    ])
    func unusableFileNamesAreErrorsNamingThem(path: String, shown: String, reason: String) async throws {
        let site = try TemporarySite([
            "content/_site.yml": Self.config,
            "content/news/ok.md": page("tags: [好]"),
            "content/news/bundle/index.md": page("tags: [好]"),
        ])
        try site.write(path, path.hasSuffix(".md") ? page("tags: [好]") : "png")
        let found = await diagnostics(site)
        #expect(found.map(\.severity) == [.error])
        #expect(found.first?.message == "this name cannot be part of a URL (\(reason)): rename it; nothing in it was read")
        #expect(found.first?.location == SourceLocation(file: shown, line: 1, column: 1))
        // Printed, the name cannot drive the terminal.
        #expect(!DiagnosticRenderer().render(found).contains("\u{1B}"))
    }

    @Test func oddButSafeNamesArePublishedAndPercentEncoded() async throws {
        let name = "a #?%\"<b>'&.x 工会 🎉"
        let site = try TemporarySite([
            "content/_site.yml": Self.config,
            "content/news/\(name).md": page("tags: [\"<script>\"]"),
            "content/news/other.md": page("tags: [好]") + "\n[同名](\(URLPath.percentEncode(name)).md)\n",
        ])
        #expect(await diagnostics(site).isEmpty)
        #expect(site.exists("public/news/\(name)/index.html"))
        #expect(site.exists("public/tags/<script>/index.html"))
        let encoded = "a%20%23%3F%25%22%3Cb%3E%27%26.x%20%E5%B7%A5%E4%BC%9A%20%F0%9F%8E%89"
        let list = try #require(site.read("public/news/index.html"))
        #expect(list.contains("href=\"/news/\(encoded)/\""))
        #expect(site.read("public/news/other/index.html")?.contains("href=\"/news/\(encoded)/\"") == true)
        #expect(site.read("public/sitemap.xml")?.contains("<loc>https://example.org/news/\(encoded)/</loc>") == true)
        #expect(site.read("public/news/\(name)/index.html")?.contains("href=\"/tags/%3Cscript%3E/\"") == true)
    }

    // MARK: Symbolic links

    @Test func linksOutOfContentAreNotFollowed() async throws {
        let outside = try TemporarySite(["secret.md": page("tags: [秘密]"), "folder/page.md": page("tags: [秘密]"), "secret.png": "png"])
        let site = try TemporarySite([
            "content/_site.yml": Self.config,
            "content/news/a.md": page("tags: [好]"),
            "content/news/bundle/index.md": page("tags: [好]"),
        ])
        let files = FileManager.default
        try files.createSymbolicLink(atPath: site.root.path + "/content/news/secret.md", withDestinationPath: outside.root.path + "/secret.md")
        try files.createSymbolicLink(atPath: site.root.path + "/content/folder", withDestinationPath: outside.root.path + "/folder")
        try files.createSymbolicLink(atPath: site.root.path + "/content/news/bundle/leak.png", withDestinationPath: outside.root.path + "/secret.png")
        try files.createSymbolicLink(atPath: site.root.path + "/content/news/relative.md", withDestinationPath: "../../../" + outside.root.lastPathComponent + "/secret.md")
        let found = await diagnostics(site)
        #expect(found.map(\.severity) == [.warning, .warning, .warning, .warning])
        #expect(Set(found.compactMap { $0.location?.file }) == [
            "content/news/secret.md", "content/folder", "content/news/bundle/leak.png", "content/news/relative.md",
        ])
        #expect(found.allSatisfy { $0.message == "symbolic link leads outside content/, not followed" })
        #expect(site.exists("public/news/a/index.html"))
        #expect(!site.exists("public/news/secret"))
        #expect(!site.exists("public/folder"))
        #expect(!site.exists("public/news/bundle/leak.png"))
        #expect(!site.exists("public/tags/秘密"))
    }

    @Test func aLinkBackToAContainingFolderIsNotFollowed() async throws {
        let site = try TemporarySite(["content/_site.yml": Self.config, "content/news/a.md": page("tags: [好]")])
        try FileManager.default.createSymbolicLink(atPath: site.root.path + "/content/news/loop", withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: site.root.path + "/content/news/self", withDestinationPath: ".")
        let found = await diagnostics(site)
        #expect(found.map(\.message) == Array(repeating: "symbolic link leads back to a folder that contains it, not followed", count: 2))
        #expect(found.compactMap { $0.location?.file }.sorted() == ["content/news/loop", "content/news/self"])
        #expect(site.exists("public/news/a/index.html"))
        #expect(!site.exists("public/news/loop"))
    }

    @Test func linksInsideContentAreCopiedAsFilesNotAsLinks() async throws {
        let site = try TemporarySite([
            "content/_site.yml": Self.config,
            "content/news/a.md": page("image: photo.png"),
            "content/images/real.png": "png bytes",
        ])
        try FileManager.default.createSymbolicLink(atPath: site.root.path + "/content/news/photo.png", withDestinationPath: "../images/real.png")
        #expect(await diagnostics(site).isEmpty)
        let copied = site.root.appendingPathComponent("public/news/photo.png").path
        let type = try FileManager.default.attributesOfItem(atPath: copied)[.type] as? FileAttributeType
        #expect(type == .typeRegular)
        #expect(site.read("public/news/photo.png") == "png bytes")
    }

    @Test func aTooDeepFolderIsAnErrorNotASilentGap() async throws {
        let deep = (0..<ContentScanner.maxDepth).map { "d\($0)" }.joined(separator: "/")
        let site = try TemporarySite(["content/_site.yml": Self.config, "content/\(deep)/a.md": page("tags: [好]")])
        let found = await diagnostics(site)
        #expect(found.map(\.message) == ["folders are nested more than 32 levels deep here: what is below was not read"])
        #expect(found.first?.location?.file == "content/\(deep)")
    }

    // MARK: Two outputs for one file

    @Test func anAliasOverATermPageIsAnErrorNamingBoth() async throws {
        let site = try TemporarySite([
            "content/_site.yml": Self.config,
            "content/news/a.md": page("tags: [工会]"),
            "content/news/b.md": page("aliases: [/tags/工会/]"),
        ])
        let found = await diagnostics(site)
        #expect(found.map(\.message) == [
            "the alias /tags/工会/ of content/news/b.md would write public/tags/工会/index.html, which the page of the tag “工会” of content/news/a.md writes too; change a slug, alias or file name",
        ])
        #expect(found.first?.location == SourceLocation(file: "content/news/b.md", line: 4, column: 11))
    }

    @Test func anAliasOverATermsSecondPageIsAnError() async throws {
        var files = ["content/_site.yml": Self.config + "page_size: 1\n"]
        for index in 0..<3 { files["content/news/p\(index).md"] = page("tags: [工会]") }
        files["content/news/z.md"] = page("aliases: [/tags/工会/page/3/]")
        let site = try TemporarySite(files)
        let found = await diagnostics(site)
        #expect(found.map(\.message) == [
            "the alias /tags/工会/page/3/ of content/news/z.md would write public/tags/工会/page/3/index.html, which the page of the tag “工会” of content/news/p0.md writes too; change a slug, alias or file name",
        ])
    }

    @Test func aFileWhereAPageNeedsAFolderIsAnError() async throws {
        let site = try TemporarySite([
            "content/_site.yml": Self.config,
            "content/news/a.md": page("tags: [好]"),
            "content/news/a": "a file without an extension",
        ])
        let found = await diagnostics(site)
        #expect(found.map(\.message) == [
            "content/news/a would write the file public/news/a, where content/news/a.md needs a folder; change a slug, alias or file name",
        ])
        #expect(found.first?.location?.file == "content/news/a")
    }

    @Test func anAliasBelowAPagesFileIsAnError() async throws {
        let site = try TemporarySite([
            "content/_site.yml": Self.config,
            "content/news/a.md": page("tags: [好]"),
            "content/news/b.md": page("aliases: [/news/a/index.html/]"),
        ])
        let found = await diagnostics(site)
        #expect(found.map(\.message) == [
            "the alias /news/a/index.html/ of content/news/b.md needs the folder public/news/a/index.html, which content/news/a.md writes as a file; change a slug, alias or file name",
        ])
    }

    @Test func aTermNamedLikeAFileIsAnErrorNamingBoth() async throws {
        let site = try TemporarySite(["content/_site.yml": Self.config, "content/news/a.md": page("tags: [index.html]")])
        let found = await diagnostics(site)
        #expect(found.map(\.message) == [
            "the page of the tag “index.html” of content/news/a.md needs the folder public/tags/index.html, which the tags index writes as a file; change a slug, alias or file name",
        ])
    }

    @Test func aContentFileOverAGeneratedFileIsAnError() async throws {
        let site = try TemporarySite([
            "content/_site.yml": Self.config,
            "content/news/a.md": page("tags: [好]"),
            "content/feed.xml": "<feed/>",
            "content/sitemap.xml": "<urlset/>",
        ])
        let found = await diagnostics(site)
        #expect(found.map(\.message) == [
            "content/feed.xml would write public/feed.xml, which the generated feed.xml writes too; change a slug, alias or file name",
            "content/sitemap.xml would write public/sitemap.xml, which the generated sitemap.xml writes too; change a slug, alias or file name",
        ])
    }

    // MARK: The output folder

    @Test func aFolderABuildDidNotWriteIsNeverReplaced() async throws {
        let site = try TemporarySite([
            "content/_site.yml": Self.config, "content/news/a.md": page("tags: [好]"),
            "documents/letter.txt": "mine", "documents/index.html": "mine too", "notes.txt": "a file",
        ])
        for (output, reason) in [("documents", "it holds files a build did not write (a built site has 404.html, feed.xml, index.html, sitemap.xml)"), ("notes.txt", "it is a file, not a folder")] {
            do {
                try await site.build { $0.output = output }
                Issue.record("\(output) should be refused")
            } catch {
                #expect(error.diagnostics.map(\.message) == ["the output folder \(output) cannot be replaced: \(reason); remove it or choose another folder"])
            }
        }
        #expect(site.read("documents/letter.txt") == "mine")
        #expect(site.read("notes.txt") == "a file")
        // An empty folder, or one a build wrote, is fine.
        try FileManager.default.createDirectory(at: site.root.appendingPathComponent("empty"), withIntermediateDirectories: true)
        try await site.build { $0.output = "empty" }
        try await site.build { $0.output = "empty" }
        #expect(site.exists("empty/news/a/index.html"))
    }

    // MARK: The writer, the last check

    @Test(arguments: ["../x.html", "a/../../x.html", "/etc/passwd", "a//b.html", "a/./b.html", "a\0b.html", "", "a/.."])
    func theWriterRefusesPathsThatLeaveItsFolder(path: String) throws {
        let site = try TemporarySite([:])
        let writer = OutputWriter(root: site.root.appendingPathComponent("out"))
        #expect(throws: OutputPathError.self) { try writer.write(path, "x") }
        #expect(allFiles(site).isEmpty)
    }
}
