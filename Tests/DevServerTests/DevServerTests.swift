import DevServer
import Foundation
import Testing

/// `serve` end to end: a real server on a free loopback port, real files,
/// real HTTP. Every wait is bounded; the server is stopped by each test.
@Suite struct DevServerTests {
    @Test func servesTheBuiltSiteWithTheLiveReloadScript() async throws {
        let site = try await ServedSite.start()

        let page = try await LoopbackClient.get("/news/a/", port: site.port)
        #expect(page.status == 200)
        #expect(page.headers["content-type"] == "text/html; charset=utf-8")
        #expect(page.headers["cache-control"] == "no-store")
        #expect(page.text.contains("<title>初稿标题 - 测试工会网</title>"))
        // With the build's id, added as the page is served; links point at the local server.
        #expect(page.text.contains(#"<script src="/__unionpress/live-reload.js?build="#))
        #expect(page.text.contains(#"<link rel="canonical" href="http://127.0.0.1:\#(site.port)/news/a/">"#))

        // Drafts and future pages are shown while serving.
        #expect(try await LoopbackClient.get("/news/draft/", port: site.port).text.contains("尚未发布的草稿"))
        #expect(try await LoopbackClient.get("/news/future/", port: site.port).text.contains("未来的报道"))

        // A Chinese path, percent-encoded as browsers send it.
        let chinese = try await LoopbackClient.get("/news/%E9%80%9A%E7%9F%A5/", port: site.port)
        #expect(chinese.status == 200)
        #expect(chinese.text.contains("放假通知"))

        let feed = try await LoopbackClient.get("/feed.xml", port: site.port)
        #expect(feed.status == 200)
        #expect(feed.headers["content-type"] == "application/atom+xml")
        // The stylesheet's name carries its content hash: take it from the home page.
        let home = try await LoopbackClient.get("/", port: site.port)
        let stylesheet = try #require(home.text.firstMatch(of: /\/assets\/site\.[0-9a-f]{10}\.css/)?.output)
        let css = try await LoopbackClient.get(String(stylesheet), port: site.port)
        #expect(css.headers["content-type"] == "text/css; charset=utf-8")

        let folder = try await LoopbackClient.get("/news", port: site.port)
        #expect(folder.status == 301)
        #expect(folder.headers["location"] == "/news/")

        let missing = try await LoopbackClient.get("/no/such/page/", port: site.port)
        #expect(missing.status == 404)
        #expect(missing.headers["content-type"] == "text/html; charset=utf-8")
        #expect(missing.text.contains("/__unionpress/live-reload.js"))
        // The built file is what `build` writes; the script is added as it is served.
        let notFoundPage = try String(contentsOfFile: site.outputFolder + "/404.html", encoding: .utf8)
        #expect(!notFoundPage.contains("/__unionpress/"))
        #expect(missing.text.replacing(/<script src="\/__unionpress\/live-reload\.js\?build=[^"]+" defer><\/script>\n/, with: "") == notFoundPage)

        // Nothing outside the served folder, however the path is spelled.
        for path in ["/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/news/..%2f..%2f..%2fetc/passwd"] {
            let escape = try await LoopbackClient.get(path, port: site.port)
            #expect(escape.status == 404, "\(path)")
            #expect(!escape.text.contains("root:"), "\(path)")
        }
        #expect(try await LoopbackClient.get("/%ff%fe/", port: site.port).status == 400)

        let head = try await LoopbackClient.request("/news/a/", port: site.port, method: "HEAD")
        #expect(head.status == 200)
        #expect(head.headers["content-length"] == String(page.body.count))
        #expect(try await LoopbackClient.request("/news/a/", port: site.port, method: "POST").status == 405)

        let script = try await LoopbackClient.get("/__unionpress/live-reload.js", port: site.port)
        #expect(script.headers["content-type"] == "text/javascript; charset=utf-8")
        #expect(script.text.contains(#"new EventSource("/__unionpress/events")"#))

        // Its build state stays beside its output: the site's own .unionpress/ (for `build`) is not touched.
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent(".unionpress").path))

        #expect(await site.stop() == nil)
        // The server's build folder goes with it.
        #expect(!FileManager.default.fileExists(atPath: site.outputFolder))
    }

    @Test func rebuildsOnSaveReportsErrorsAndRecovers() async throws {
        let site = try await ServedSite.start()
        let stream = try await EventStreamClient(port: site.port)
        #expect(stream.status == 200)
        #expect(stream.contentType == "text/event-stream; charset=utf-8")
        let hello = try #require(await stream.next(named: "hello"))
        let firstPage = try await LoopbackClient.get("/news/a/", port: site.port)
        #expect(firstPage.text.contains("live-reload.js?build=\(hello.data)\""))

        // An edit: the page changes and open pages are told to reload.
        try site.save("content/news/a.md", """
        ---
        title: 修改后的标题
        date: 2025-06-06
        ---
        第二版正文。
        """)
        #expect(await stream.next(named: "reload") != nil)
        let edited = try await LoopbackClient.get("/news/a/", port: site.port)
        #expect(edited.status == 200)
        #expect(edited.text.contains("<title>修改后的标题 - 测试工会网</title>"))
        #expect(edited.text.contains("第二版正文。"))

        // A broken save: the diagnostics reach the open page and every page
        // request, escaped; other files are still served.
        try site.save("content/news/a.md", """
        ---
        title: [没有闭合
        date: 2025-06-06
        ---
        """)
        let failure = try #require(await stream.next(named: "build-error"))
        let expected = "content/news/a.md:2:8: error: unterminated flow sequence: '[' has no matching ']' before line 3, which is not indented"
        #expect(failure.data.hasPrefix(expected + "\ntitle: [没有闭合\n"))
        let errorPage = try await LoopbackClient.get("/news/a/", port: site.port)
        #expect(errorPage.status == 500)
        #expect(errorPage.headers["content-type"] == "text/html; charset=utf-8")
        #expect(errorPage.text.contains("content/news/a.md:2:8: error: unterminated flow sequence: &#39;[&#39; has no matching &#39;]&#39;"))
        #expect(!errorPage.text.contains("'['"))
        // Its script names the build still served: the one the edit made.
        let editedID = try #require(edited.text.firstMatch(of: /live-reload\.js\?build=([^"]+)"/)?.1)
        #expect(editedID != hello.data)
        #expect(errorPage.text.contains("live-reload.js?build=\(editedID)\""))
        #expect(try await LoopbackClient.get("/", port: site.port).status == 500)
        let stylesheet = try #require(edited.text.firstMatch(of: /\/assets\/site\.[0-9a-f]{10}\.css/)?.output)
        #expect(try await LoopbackClient.get(String(stylesheet), port: site.port).status == 200)
        // A page connecting now hears about the failure straight away.
        let late = try await EventStreamClient(port: site.port)
        #expect(await late.next(named: "build-error")?.data == failure.data)
        late.close()

        // The fix: pages come back.
        try site.save("content/news/a.md", """
        ---
        title: 修好了
        date: 2025-06-06
        ---
        第三版正文。
        """)
        #expect(await stream.next(named: "reload") != nil)
        let fixed = try await LoopbackClient.get("/news/a/", port: site.port)
        #expect(fixed.status == 200)
        #expect(fixed.text.contains("<title>修好了 - 测试工会网</title>"))

        stream.close()
        #expect(await site.stop() == nil)
        let builds = site.events.filter { if case .built = $0 { return true } else { return false } }
        let failures = site.events.filter { if case .failed = $0 { return true } else { return false } }
        #expect(builds.count == 3)
        #expect(failures.count == 1)
    }

    @Test func refusesAFolderWithoutContent() async throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("unionpress-serve-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        var options = DevServerOptions(root: empty.path)
        options.port = 0
        await #expect(throws: DevServerError.self) {
            try await DevServer(options: options).run(onEvent: { _ in })
        }
    }
}
