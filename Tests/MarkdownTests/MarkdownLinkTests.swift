import Testing
import Markdown

@Suite struct MarkdownLinkTests {
    @Test func rewritesLinksAndImagesThroughTheClosure() {
        let source = "见[另一篇](../news/other.md)和![照片](repair.jpg \"修家电\")，外链[官网](https://example.org/)。\n"
        var seen: [MarkdownLink] = []
        let document = MarkdownDocument(parsing: source) { link in
            seen.append(link)
            if link.destination.hasSuffix(".md") { return "/news/other/" }
            if link.isImage { return "/events/2025/repair/" + link.destination }
            return nil
        }
        #expect(document.html == "<p>见<a href=\"/news/other/\">另一篇</a>和"
            + "<img src=\"/events/2025/repair/repair.jpg\" alt=\"照片\" title=\"修家电\" />，"
            + "外链<a href=\"https://example.org/\">官网</a>。</p>\n")
        #expect(seen == document.links)
        #expect(document.links.map(\.destination) == ["../news/other.md", "repair.jpg", "https://example.org/"])
        #expect(document.links.map(\.isImage) == [false, true, false])
    }

    @Test func linkPositionsCountScalarsAndAddTheLineOffset() {
        let source = "第一段。\n\n本报讯（记者廖丹洋）详见[报道](/a/)与![图](b.png)。\n> 引用：[链接](c.md)\n"
        let document = MarkdownDocument(parsing: source, options: MarkdownOptions(lineOffset: 7))
        #expect(document.links == [
            MarkdownLink(destination: "/a/", isImage: false, line: 10, column: 13),
            MarkdownLink(destination: "b.png", isImage: true, line: 10, column: 23),
            MarkdownLink(destination: "c.md", isImage: false, line: 11, column: 6),
        ])
    }

    @Test func referenceLinksAndAutolinks() {
        let source = "见[报道][r]与<https://example.org/a>。\n\n[r]: /news/r/ \"标题\"\n"
        let document = MarkdownDocument(parsing: source)
        #expect(document.links == [
            MarkdownLink(destination: "/news/r/", isImage: false, line: 1, column: 2),
            MarkdownLink(destination: "https://example.org/a", isImage: false, line: 1, column: 10),
        ])
        #expect(document.html == "<p>见<a href=\"/news/r/\" title=\"标题\">报道</a>与"
            + "<a href=\"https://example.org/a\">https://example.org/a</a>。</p>\n")
    }

    @Test func destinationIsUnescapedAndOutputIsPercentEncoded() {
        let document = MarkdownDocument(parsing: "[标签](/tags/新就业形态/ \"t\") [b](a\\_b&amp;c.md)\n")
        #expect(document.links.map(\.destination) == ["/tags/新就业形态/", "a_b&c.md"])
        #expect(document.html == "<p><a href=\"/tags/%E6%96%B0%E5%B0%B1%E4%B8%9A%E5%BD%A2%E6%80%81/\" title=\"t\">标签</a> "
            + "<a href=\"a_b&amp;c.md\">b</a></p>\n")
    }

    @Test func linkColumnOnAnOverIndentedContinuationLine() {
        // cmark 0.30 reports this inline column too far left; the column is corrected.
        let document = MarkdownDocument(parsing: "第一行\n   中文[链接](a.md)\n")
        #expect(document.links == [MarkdownLink(destination: "a.md", isImage: false, line: 2, column: 6)])
    }

    @Test func linksInsideListsAndAfterCRLF() {
        let document = MarkdownDocument(parsing: "标题行\r\n\r\n- 项目[一](1.md)\r\n- 项目[二](2.md)\r\n")
        #expect(document.links.map { [$0.line, $0.column] } == [[3, 5], [4, 5]])
    }
}
