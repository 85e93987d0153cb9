import Testing
@testable import FrontMatter

@Suite struct PageSplittingTests {
    @Test func splitsFrontMatterAndBody() throws {
        let page = try FrontMatterParser.parsePage("---\ntitle: 标题\ndate: 2025-06-06\n---\n\n正文第一段。\n\n---\n\n第二段。\n")
        #expect(page.frontMatter.inspectJSON() == #"{"title":"标题","date":{"$date":"2025-06-06"}}"#)
        #expect(page.body == "\n正文第一段。\n\n---\n\n第二段。\n")
        #expect(page.bodyStartLine == 5)
    }

    @Test func bodyMayBeMissingOrEmpty() throws {
        let noNewline = try FrontMatterParser.parsePage("---\na: 1\n---")
        #expect(noNewline.body == "")
        #expect(noNewline.bodyStartLine == 4)
        let empty = try FrontMatterParser.parsePage("---\n---\n")
        #expect(empty.frontMatter.mapping?.isEmpty == true)
        #expect((empty.frontMatter.line, empty.frontMatter.column) == (1, 1))
        #expect(empty.bodyStartLine == 3)
    }

    @Test func delimitersMayHaveTrailingBlanksOrAComment() throws {
        let page = try FrontMatterParser.parsePage("--- \na: 1\n---\t# end\nbody")
        #expect(page.frontMatter["a"]?.value == .int(1))
        #expect(page.body == "body")
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("---\ntitle: 标题\n---\n正文\n".utf8)
        let page = try FrontMatterParser.parsePage(bytes)
        #expect(page.frontMatter["title"]?.stringValue == "标题")
        #expect(page.frontMatter["title"]?.line == 2)
        #expect(page.body == "正文\n")
        let document = try FrontMatterParser.parseDocument([0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8))
        #expect(document["a"]?.column == 4)
        let error = try #require(pageError([0xEF, 0xBB, 0xBF] + Array("---\na: &x 1\n---\n".utf8)))
        #expect((error.line, error.column) == (2, 4))
    }

    @Test func crlfLineEndings() throws {
        let text = "---\r\ntitle: 标题  \r\ntags:\r\n  - 工会\r\n  - \"职工\"\r\ntext: |\r\n  l1\r\n  l2\r\nfolded: >-\r\n  a\r\n  b\r\nq: \"x\r\n  y\"\r\n---\r\n正文\r\n"
        let page = try FrontMatterParser.parsePage(text)
        #expect(page.frontMatter.inspectJSON() == #"{"title":"标题","tags":["工会","职工"],"text":"l1\nl2\n","folded":"a b","q":"x y"}"#)
        #expect(page.body == "正文\r\n")
        #expect(page.bodyStartLine == 15)
    }

    @Test func siteSettingsAreAWholeDocument() throws {
        let settings = """
            # 站点设置
            title: 工会新闻网
            base_url: https://news.example.org/
            language: zh-CN
            timezone: Asia/Shanghai
            summary_length: 120
            page_size: 20
            menu:
              - {title: 首页, url: /}
              - {title: 地方实践, url: /initiatives/}

            """
        let node = try FrontMatterParser.parseDocument(settings)
        #expect(node.inspectJSON() == #"{"title":"工会新闻网","base_url":"https://news.example.org/","language":"zh-CN","#
            + #""timezone":"Asia/Shanghai","summary_length":120,"page_size":20,"#
            + #""menu":[{"title":"首页","url":"/"},{"title":"地方实践","url":"/initiatives/"}]}"#)
        #expect(node["title"]?.line == 2)
    }

    @Test func documentEdgeCases() throws {
        #expect(try FrontMatterParser.parseDocument("").inspectJSON() == "{}")
        #expect(try FrontMatterParser.parseDocument([0xEF, 0xBB, 0xBF]).inspectJSON() == "{}")
        let started = try FrontMatterParser.parseDocument("---\na: 1\n")
        #expect(started["a"]?.line == 2)
        #expect(documentError("a: 1\n---\nb: 2\n") == FrontMatterError("multiple documents ('---') are not supported", line: 2, column: 1))
        #expect(documentError("a: 1\n...\n") == FrontMatterError("the document end marker '...' is not supported", line: 2, column: 1))
    }
}
