import Foundation
import Testing
@testable import SiteBuilder

/// Builds the repository's own sample site (content/ at the root).
@Suite struct SampleSiteTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func theSampleSiteBuildsAndEveryInternalLinkResolves() async throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("unionpress-sample-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        var options = BuildOptions(root: Self.repositoryRoot.path, now: 1_767_225_600)
        options.output = output.path
        let report = try await Builder(options: options).build()
        #expect(report.pages == 13, "14 pages, one of them a draft")
        #expect(report.diagnostics.filter { $0.severity == .error }.isEmpty)
        try InternalLinks.assertAllResolve(in: output, basePath: "/")
        let roster = try #require(FileManager.default.contents(atPath: output.appendingPathComponent("rosters/yunnan-zuimei-2024/index.html").path))
        let html = String(decoding: roster, as: UTF8.self)
        let printed = ["于虹", "王邦明", "付思斯", "李云", "李关平", "李忠永", "陈坤", "金发敏", "周虎", "赵建友", "益西春初", "黄道军",
                       "冉红艳", "刘晓芳", "许绍华", "余友妮", "郑德树", "施永艳", "章昊", "彭贵荣"]
        let positions = printed.compactMap { html.range(of: ">\($0)<")?.lowerBound }
        #expect(positions.count == printed.count)
        #expect(positions == positions.sorted(), "the roster is in the printed (stroke) order")
        let event = String(decoding: FileManager.default.contents(atPath: output.appendingPathComponent("events/2025/tangyin-volunteers/index.html").path) ?? Data(), as: UTF8.self)
        #expect(event.contains("width=\"320\" height=\"200\" loading=\"lazy\""), "images carry their size")
        // 陈学东's profile and the Hubei roster record the same honour: the people index lists it once.
        let people = String(decoding: FileManager.default.contents(atPath: output.appendingPathComponent("people/index.html").path) ?? Data(), as: UTF8.self)
        let entry = try #require(people.components(separatedBy: ">陈学东</a>").dropFirst().first?.components(separatedBy: "</li>\n</ul>").first)
        #expect(entry.components(separatedBy: "全国先进工作者</a>").count == 2, "one honour line: \(entry)")
        #expect(!people.contains("全国先进工作者（全国先进工作者）"))
    }

    @Test func anArticlePageWeighsUnder30KBWithItsStylesheet() async throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("unionpress-weight-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        var options = BuildOptions(root: Self.repositoryRoot.path, now: 1_767_225_600)
        options.output = output.path
        try await Builder(options: options).build()
        let css = try #require(ThemeLoader.files(under: output.appendingPathComponent("assets")).first { $0.hasSuffix(".css") })
        let cssBytes = try #require(FileManager.default.contents(atPath: output.appendingPathComponent("assets/" + css).path)).count
        // The longest article of the sample site.
        let html = try #require(FileManager.default.contents(atPath: output.appendingPathComponent("initiatives/xiamen-fengqiao/index.html").path))
        #expect(html.count + cssBytes < 30 * 1024, "HTML \(html.count) + CSS \(cssBytes) bytes")
        let text = String(decoding: html, as: UTF8.self)
        // Only data blocks (schema.org JSON): no script that blocks rendering.
        let scripts = text.components(separatedBy: "<script").dropFirst()
        #expect(scripts.allSatisfy { $0.hasPrefix(" type=\"application/ld+json\"") || $0.contains(" defer") || $0.contains(" async") }, "no render-blocking script")
    }

    @Test func theEmbeddedDefaultThemeMatchesTemplatesFolder() throws {
        let folder = Self.repositoryRoot.appendingPathComponent("templates")
        var onDisk: [String: String] = [:]
        for path in ThemeLoader.files(under: folder) {
            onDisk[path] = String(decoding: FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) ?? Data(), as: UTF8.self)
        }
        var embedded: [String: String] = [:]
        for file in DefaultTheme.templates { embedded[file.path] = file.text }
        for file in DefaultTheme.assets { embedded["assets/" + file.path] = file.text }
        #expect(embedded == onDisk, "run python3 scripts/embed-theme.py after editing templates/")
    }
}
