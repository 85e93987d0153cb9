import Testing
import Markdown

@Suite struct MarkdownRenderingTests {
    @Test func rendersParagraphs() {
        let document = MarkdownDocument(parsing: "第一段。\n\n第二段 *强调* 与 `code`。\n")
        #expect(document.html == "<p>第一段。</p>\n<p>第二段 <em>强调</em> 与 <code>code</code>。</p>\n")
    }

    @Test func emptyBodyGivesEmptyDocument() {
        let document = MarkdownDocument(parsing: "")
        #expect(document.html == "")
        #expect(document.headings.isEmpty)
        #expect(document.links.isEmpty)
        #expect(document.plainText == "")
        #expect(document.firstParagraphText == "")
    }

    @Test func keepsStraightAndCurlyQuotesAsWritten() {
        // Smart punctuation is off: nothing is turned into curly quotes or dashes.
        let document = MarkdownDocument(parsing: "他说：“好”。 \"quoted\" -- 'single' ...\n")
        #expect(document.html == "<p>他说：“好”。 &quot;quoted&quot; -- 'single' ...</p>\n")
    }

    @Test func removesRawHTMLByDefault() {
        let source = "<div class=\"box\">盒子</div>\n\n文字<span>内联</span>。\n"
        let document = MarkdownDocument(parsing: source)
        #expect(document.html == "<!-- raw HTML omitted -->\n<p>文字<!-- raw HTML omitted -->内联<!-- raw HTML omitted -->。</p>\n")
    }

    @Test func keepsRawHTMLWhenAllowed() {
        let source = "<div class=\"box\">盒子</div>\n\n文字<span>内联</span>。\n"
        let document = MarkdownDocument(parsing: source, options: MarkdownOptions(allowRawHTML: true))
        #expect(document.html == "<div class=\"box\">盒子</div>\n<p>文字<span>内联</span>。</p>\n")
    }

    @Test func neutralisesDangerousURLs() {
        let source = "[点我](javascript:alert(1)) [v](VBScript:x) [f](file:///etc/passwd) "
            + "[d](data:text/html,x) ![图](data:image/png;base64,AAAA)\n"
        let document = MarkdownDocument(parsing: source)
        #expect(document.html == "<p><a href=\"\">点我</a> <a href=\"\">v</a> <a href=\"\">f</a> "
            + "<a href=\"\">d</a> <img src=\"data:image/png;base64,AAAA\" alt=\"图\" /></p>\n")
    }

    @Test func rewrittenJavascriptURLIsStillNeutralised() {
        let document = MarkdownDocument(parsing: "[a](b.md)\n") { _ in "javascript:alert(1)" }
        #expect(document.html == "<p><a href=\"\">a</a></p>\n")
    }

    @Test func rendersListsQuotesAndCodeBlocks() {
        let source = "> **阅读提示**\n>\n> 引文。\n\n- 一\n- 二\n\n```swift\nlet a = \"**b**\"\n```\n"
        let document = MarkdownDocument(parsing: source)
        #expect(document.html == """
            <blockquote>
            <p><strong>阅读提示</strong></p>
            <p>引文。</p>
            </blockquote>
            <ul>
            <li>一</li>
            <li>二</li>
            </ul>
            <pre><code class="language-swift">let a = &quot;**b**&quot;
            </code></pre>

            """)
    }

    @Test func acceptsByteOrderMarkCRLFAndNUL() {
        let document = MarkdownDocument(parsing: "\u{FEFF}第一行\r\n第二行\r\n\r\na\0b\r\n")
        #expect(document.html == "<p>第一行第二行</p>\n<p>a\u{FFFD}b</p>\n")
    }
}
