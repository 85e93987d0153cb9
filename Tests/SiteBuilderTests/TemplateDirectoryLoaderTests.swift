import Diagnostics
import Foundation
import SiteBuilder
import Templates
import Testing

@Suite struct TemplateDirectoryLoaderTests {
    /// A fresh folder under the system's temporary directory.
    private func makeFolder(_ files: [String: [UInt8]]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("unionpress-templates-\(UUID().uuidString)")
        for (path, bytes) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        return root
    }

    @Test func namesTemplatesByPathWithoutExtension() throws {
        let folder = try makeFolder([
            "page.html": Array("{{<layout}}{{/layout}}".utf8),
            "layout.mustache": Array("<html>{{> partials/nav}}</html>".utf8),
            "partials/nav.html": Array("<nav>导航</nav>".utf8),
            "feed.xml": Array("<rss/>".utf8),
            "assets/site.css": Array("body {}".utf8),
            "assets/icon.html": Array("{{".utf8),
            ".hidden.html": Array("x".utf8),
            "_draft.html": Array("x".utf8),
            "notes.md": Array("x".utf8),
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try TemplateDirectoryLoader().load(from: folder, displayPath: "templates")
        #expect(result.diagnostics.isEmpty)
        #expect(result.sources.map(\.name) == ["feed", "layout", "page", "partials/nav"])
        #expect(result.sources.map(\.path) == [
            "templates/feed.xml", "templates/layout.mustache", "templates/page.html", "templates/partials/nav.html",
        ])
        let library = try TemplateLibrary(result.sources)
        #expect(try library.render("page", [:]) == "<html><nav>导航</nav></html>")
    }

    @Test func reportsFilesThatAreNotUTF8WithTheirPosition() throws {
        let folder = try makeFolder([
            "good.html": Array("ok".utf8),
            "bad.html": Array("第一行\n标题".utf8) + [0xFF] + Array("x".utf8),
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try TemplateDirectoryLoader().load(from: folder, displayPath: "templates")
        #expect(result.sources.map(\.name) == ["good"])
        #expect(result.diagnostics == [
            .error("template is not valid UTF-8", at: SourceLocation(file: "templates/bad.html", line: 2, column: 3)),
        ])
    }

    @Test func throwsWhenTheFolderIsMissing() {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("unionpress-missing-\(UUID().uuidString)")
        #expect(throws: (any Error).self) { try TemplateDirectoryLoader().load(from: missing, displayPath: "templates") }
    }

    @Test func doesNotFollowALinkBackToAParentFolder() throws {
        let folder = try makeFolder(["a/page.html": Array("x".utf8)])
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createSymbolicLink(
            at: folder.appendingPathComponent("a/loop"), withDestinationURL: folder
        )
        let result = try TemplateDirectoryLoader().load(from: folder, displayPath: "templates")
        #expect(result.sources.map(\.name) == ["a/page"])
    }
}
