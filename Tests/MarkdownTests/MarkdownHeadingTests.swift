import Testing
import Markdown

@Suite struct MarkdownHeadingTests {
    @Test func chineseHeadingAnchorDropsFullWidthPunctuation() {
        let document = MarkdownDocument(parsing: "## 多元共治：三级服务体系织密防护网\n")
        #expect(document.html == "<h2 id=\"多元共治三级服务体系织密防护网\">多元共治：三级服务体系织密防护网</h2>\n")
        #expect(document.headings == [
            MarkdownHeading(level: 2, text: "多元共治：三级服务体系织密防护网", anchor: "多元共治三级服务体系织密防护网"),
        ])
    }

    @Test func latinHeadingAnchorIsLowercaseWithHyphens() {
        let document = MarkdownDocument(parsing: "# Hello, *World*! (2025)\n")
        #expect(document.html == "<h1 id=\"hello-world-2025\">Hello, <em>World</em>! (2025)</h1>\n")
        #expect(document.headings.map(\.text) == ["Hello, World! (2025)"])
    }

    @Test func duplicateAnchorsGetNumbered() {
        let source = "## 典型示范\n\n正文\n\n## 典型示范\n\n### 典型示范\n\n## 典型示范-1\n"
        let document = MarkdownDocument(parsing: source)
        #expect(document.headings.map(\.anchor) == ["典型示范", "典型示范-1", "典型示范-2", "典型示范-1-1"])
        #expect(document.html == """
            <h2 id="典型示范">典型示范</h2>
            <p>正文</p>
            <h2 id="典型示范-1">典型示范</h2>
            <h3 id="典型示范-2">典型示范</h3>
            <h2 id="典型示范-1-1">典型示范-1</h2>

            """)
    }

    @Test func mixedHeadingAnchors() {
        let source = """
            # 《工人日报》报道——2025年“五一”
            ## C++ 与 Swift 6 指南
            ## ***
            Setext 标题
            ---
            """
        let document = MarkdownDocument(parsing: source)
        #expect(document.headings.map(\.anchor) == ["工人日报报道2025年五一", "c-与-swift-6-指南", "section", "setext-标题"])
        #expect(document.headings.map(\.level) == [1, 2, 2, 2])
    }

    @Test func anchorIsSafeInAttributes() {
        let document = MarkdownDocument(parsing: "## a \"b\" 1 < 2 & 'd'\n")
        #expect(document.html == "<h2 id=\"a-b-1-2-d\">a &quot;b&quot; 1 &lt; 2 &amp; 'd'</h2>\n")
    }

    @Test func rawHeadingTagsAreSkippedWhenRawHTMLIsAllowed() {
        let source = "<h2>原始</h2>\n\n## 标题 <h3>内</h3>\n\n`<h2>` 代码\n"
        let document = MarkdownDocument(parsing: source, options: MarkdownOptions(allowRawHTML: true))
        #expect(document.html == "<h2>原始</h2>\n<h2 id=\"标题-内\">标题 <h3>内</h3></h2>\n<p><code>&lt;h2&gt;</code> 代码</p>\n")
    }

    @Test func headingsInsideQuotesAndLists() {
        let document = MarkdownDocument(parsing: "> ## 引用标题\n\n- ## 列表标题\n")
        #expect(document.html == """
            <blockquote>
            <h2 id="引用标题">引用标题</h2>
            </blockquote>
            <ul>
            <li>
            <h2 id="列表标题">列表标题</h2>
            </li>
            </ul>

            """)
    }
}
