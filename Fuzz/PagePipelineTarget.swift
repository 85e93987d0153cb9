// libFuzzer target: the whole page pipeline in memory. The input is one
// page file (`content/news/fuzz.md`): front matter parser, schema, site
// assembly (next to a fixed profile page and image), Markdown, the default
// theme's templates, the list, taxonomy and alias pages, feed and sitemap.
// Besides crashes it stops on what must never happen whatever the input:
// an output path that leaves the output folder, or markup that can run
// script in a site with raw HTML off. Run with scripts/fuzz.sh run page SECONDS.
import Diagnostics
import FrontMatter
import SiteModel
import Templates
@testable import SiteBuilder

private let library: TemplateLibrary? = try? TemplateLibrary(
    DefaultTheme.templates.map { TemplateSource(name: $0.name, path: "templates/\($0.path)", text: $0.text) }
)

private let profileFile = """
---
title: 张三
kind: profile
slug: zhang
date: 2025-01-01
honours: [全国劳动模范]
---
正文。
"""

/// Tags that run script or load documents; none may come out of content when raw HTML is off.
private let forbiddenTags = ["<script", "<iframe", "<object", "<embed", "<svg", "<style", "<math", "<form", "<base"]
private let forbiddenAttributes = ["href=\"javascript:", "src=\"javascript:", "href=\"vbscript:", "src=\"data:text", "href=\"data:text"]

private func fail(_ message: String, _ path: String) -> Never {
    fatalError("\(message) in \(path)")
}

private func checkPath(_ path: String) {
    let parts = path.split(separator: "/", omittingEmptySubsequences: false)
    for part in parts where part.isEmpty || part == "." || part == ".." || part.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" }) {
        fail("unsafe output path", path)
    }
}

/// The one script the theme writes: structured data, whose JSON never holds a `<`.
private let dataScript = "<script type=\"application/ld+json\">"

private func checkHTML(_ text: String, _ path: String) {
    var lower = text.lowercased()
    while let start = lower.range(of: dataScript) {
        guard let end = lower.range(of: "</script>", range: start.upperBound..<lower.endIndex) else { fail("unclosed script", path) }
        if lower[start.upperBound..<end.lowerBound].contains("<") { fail("< inside the structured data", path) }
        lower.removeSubrange(start.lowerBound..<end.upperBound)
    }
    for tag in forbiddenTags where lower.contains(tag) { fail("\(tag) in the output", path) }
    for attribute in forbiddenAttributes where lower.contains(attribute) { fail("\(attribute) in the output", path) }
}

private func pages(from files: [(id: String, section: String, slug: String, bytes: [UInt8])], config: SiteConfig) -> [Page] {
    var pages: [Page] = []
    for file in files {
        guard let source = try? FrontMatterParser.parsePage(file.bytes) else { continue }
        let input = PageSchema.Input(
            id: file.id, sectionPath: file.section, fileSlug: file.slug, isBundle: false, defaultKind: .article,
            source: source, text: String(decoding: file.bytes, as: UTF8.self)
        )
        let (page, diagnostics) = PageSchema(config: config).page(from: input, file: "content/\(file.id)")
        for diagnostic in diagnostics { _ = DiagnosticRenderer().render(diagnostic) }
        if let page { pages.append(page) }
    }
    return pages.sorted { $0.id < $1.id }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPagePipeline(_ pointer: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let library else { fatalError("the default theme does not compile") }
    let bytes = pointer.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let config = SiteConfig()
    let parsedPages = pages(from: [
        ("news/fuzz.md", "news", "fuzz", bytes),
        ("people/zhang.md", "people-pages", "zhang", Array(profileFile.utf8)),
    ], config: config)
    let parsed = ParsedSite(
        config: config, home: SectionInfo(path: "", title: config.title),
        sections: ["news": SectionInfo(path: "news", title: "新闻"), "people-pages": SectionInfo(path: "people-pages", title: "人物")],
        pages: parsedPages,
        resources: [.init(path: "news/photo.jpg", ownerPage: nil, pathInBundle: nil)],
        diagnostics: []
    )
    let (site, _) = SiteAssembler(includeDrafts: true, includeFuture: true, now: 0).assemble(parsed)
    _ = OutputPlan.plan(site, pageSize: site.config.pageSize, assets: [])

    let views = ViewBuilder(site: site)
    let renderer = PageRenderer(site: site, views: views, library: library)
    let digests = site.pages.indices.map { index in
        renderer.render(index) { path, html in
            checkPath(path)
            checkHTML(html, path)
        }
    }
    for digest in digests {
        for diagnostic in digest.diagnostics { _ = DiagnosticRenderer().render(diagnostic) }
    }
    if let lists = try? ListRenderer(site: site, views: views, library: library, digests: digests).render() {
        for (path, text) in lists {
            checkPath(path)
            checkHTML(text, path)
        }
    }
    let feeds = FeedRenderer(site: site, digests: digests)
    for (path, xml) in [("feed.xml", feeds.atom()), ("sitemap.xml", feeds.sitemap())] {
        checkHTML(xml, path)
        // Nothing is written as CDATA, so a raw `]]>` or `<!` means text went out unescaped.
        if xml.contains("]]>") || xml.contains("<!") { fail("unescaped markup", path) }
        // Characters XML 1.0 forbids make the whole file unreadable.
        if xml.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r") || $0.value == 0xFFFE || $0.value == 0xFFFF }) {
            fail("a character XML does not allow", path)
        }
    }
    return 0
}
