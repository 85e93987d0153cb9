import Testing
import Markdown

@Suite struct MarkdownTextTests {
    @Test func plainTextHasOneLinePerBlockAndNoMarkup() {
        let source = """
            ## 品牌引领：打通“最后一公里”

            本报讯（记者廖丹洋）**一站式**服务，详见[报道](a.md)。

            > **阅读提示**
            >
            > 引文 `code` 结束。

            - 列表一
            - 列表二

            ```
            let x = 1
            ```

            <div>raw</div>

            ![图片说明](a.png)
            """
        let document = MarkdownDocument(parsing: source)
        #expect(document.plainText == """
            品牌引领：打通“最后一公里”
            本报讯（记者廖丹洋）一站式服务，详见报道。
            阅读提示
            引文 code 结束。
            列表一
            列表二
            let x = 1
            """)
    }

    @Test func firstParagraphPrefersTopLevelParagraphs() {
        let source = "## 标题\n\n> **阅读提示**\n\n![图](a.png)\n\n正文&amp;第一段\n接续。\n\n第二段。\n"
        let document = MarkdownDocument(parsing: source)
        #expect(document.firstParagraphText == "正文&第一段接续。")
    }

    @Test func firstParagraphFallsBackToNestedParagraph() {
        let document = MarkdownDocument(parsing: "- 只有列表\n- 第二项\n")
        #expect(document.firstParagraphText == "只有列表")
    }
}
