import Foundation
import Testing
@testable import DevServer

/// How request paths map to files of a built site.
@Suite struct SiteFolderTests {
    /// A built-site-like folder with an outside file beside it and a
    /// symbolic link leading to that file.
    final class Fixture {
        let base: URL
        let folder: SiteFolder
        var site: String { base.appendingPathComponent("site").path }

        init() throws {
            base = FileManager.default.temporaryDirectory.appendingPathComponent("unionpress-folder-test-\(UUID().uuidString)")
            let files = [
                "site/index.html": "home",
                "site/news/index.html": "news",
                "site/news/通知/index.html": "notice",
                "site/feed.xml": "<feed/>",
                "site/sitemap.xml": "<urlset/>",
                "site/assets/site.css": "body{}",
                "site/empty/readme.txt": "no index here",
                "secret.txt": "outside",
            ]
            for (path, text) in files {
                let url = base.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
            try FileManager.default.createSymbolicLink(atPath: base.appendingPathComponent("site/leak.txt").path, withDestinationPath: base.appendingPathComponent("secret.txt").path)
            folder = SiteFolder(root: base.appendingPathComponent("site"))
        }

        deinit {
            try? FileManager.default.removeItem(at: base)
        }
    }

    @Test func foldersServeTheirIndexAndAskForTheirSlash() throws {
        let fixture = try Fixture()
        #expect(fixture.folder.lookup("/") == .file(path: fixture.site + "/index.html", contentType: "text/html; charset=utf-8"))
        #expect(fixture.folder.lookup("/news/") == .file(path: fixture.site + "/news/index.html", contentType: "text/html; charset=utf-8"))
        #expect(fixture.folder.lookup("/news") == .redirect(location: "/news/"))
        #expect(fixture.folder.lookup("/news/%E9%80%9A%E7%9F%A5") == .redirect(location: "/news/%E9%80%9A%E7%9F%A5/"))
        #expect(fixture.folder.lookup("/empty/") == .notFound)
        // Doubled slashes and `.` are harmless; the redirect never becomes `//host`.
        #expect(fixture.folder.lookup("//news/./") == .file(path: fixture.site + "/news/index.html", contentType: "text/html; charset=utf-8"))
        #expect(fixture.folder.lookup("//news") == .redirect(location: "/news/"))
    }

    @Test func percentEncodedChinesePathsAreDecoded() throws {
        let fixture = try Fixture()
        #expect(fixture.folder.lookup("/news/%E9%80%9A%E7%9F%A5/") == .file(path: fixture.site + "/news/通知/index.html", contentType: "text/html; charset=utf-8"))
        #expect(fixture.folder.lookup("/news/通知/") == .file(path: fixture.site + "/news/通知/index.html", contentType: "text/html; charset=utf-8"))
        #expect(fixture.folder.lookup("/news/%E9%80%9A") == .notFound)
        #expect(fixture.folder.lookup("/%E9%80") == .badRequest)
        #expect(fixture.folder.lookup("/a%00b") == .badRequest)
    }

    @Test func nothingOutsideTheFolderIsReached() throws {
        let fixture = try Fixture()
        for path in ["/../secret.txt", "/%2e%2e/secret.txt", "/news/..%2F..%2Fsecret.txt", "/news/%2E%2E/%2E%2E/secret.txt", "/leak.txt"] {
            #expect(fixture.folder.lookup(path) == .notFound, "\(path)")
        }
    }

    @Test func contentTypesFollowTheFileName() throws {
        let fixture = try Fixture()
        #expect(fixture.folder.lookup("/feed.xml") == .file(path: fixture.site + "/feed.xml", contentType: "application/atom+xml"))
        #expect(fixture.folder.lookup("/sitemap.xml") == .file(path: fixture.site + "/sitemap.xml", contentType: "application/xml"))
        #expect(fixture.folder.lookup("/assets/site.css") == .file(path: fixture.site + "/assets/site.css", contentType: "text/css; charset=utf-8"))
        #expect(SiteFolder.contentType(forFile: "/x/photo.JPG") == "image/jpeg")
        #expect(SiteFolder.contentType(forFile: "/x/report.pdf") == "application/pdf")
        #expect(SiteFolder.contentType(forFile: "/x/data.bin") == "application/octet-stream")
        #expect(SiteFolder.contentType(forFile: "/x/README") == "application/octet-stream")
    }

    @Test func theSitesOwn404PageIsFound() throws {
        let fixture = try Fixture()
        #expect(fixture.folder.notFoundPage == nil)
        try Data("gone".utf8).write(to: URL(fileURLWithPath: fixture.site + "/404.html"))
        #expect(fixture.folder.notFoundPage == fixture.site + "/404.html")
    }
}
