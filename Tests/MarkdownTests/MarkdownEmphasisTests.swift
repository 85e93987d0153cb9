import Testing
import Markdown

/// Emphasis next to full-width punctuation, which CommonMark's flanking
/// rules get wrong for Chinese text.
@Suite struct MarkdownEmphasisTests {
    private func html(_ source: String) -> String {
        MarkdownDocument(parsing: source).html
    }

    @Test func strongEndingInFullWidthCommaBeforeChinese() {
        #expect(html("**真，**她说。\n") == "<p><strong>真，</strong>她说。</p>\n")
    }

    @Test func strongAroundBookTitleMarks() {
        #expect(html("**《书名》**后\n") == "<p><strong>《书名》</strong>后</p>\n")
    }

    @Test func strongAroundQuotesAfterChinese() {
        #expect(html("他说**“真的”**。\n") == "<p>他说<strong>“真的”</strong>。</p>\n")
    }

    @Test func laterPairIsNotCapturedByAnEarlierUnmatchedRun() {
        // CommonMark pairs the second and third runs here and nests the rest.
        #expect(html("**一是强化引领。**全省各级工会做好**服务**工作。\n")
            == "<p><strong>一是强化引领。</strong>全省各级工会做好<strong>服务</strong>工作。</p>\n")
    }

    @Test func emphasisWithSingleAsteriskAndUnderscore() {
        #expect(html("*《注》*后 与 __“重点”__然后\n")
            == "<p><em>《注》</em>后 与 <strong>“重点”</strong>然后</p>\n")
    }

    @Test func emphasisInsideLinkTextAndHeading() {
        #expect(html("[**《书》**后](a.md)\n") == "<p><a href=\"a.md\"><strong>《书》</strong>后</a></p>\n")
        #expect(html("## **《标题》**后\n") == "<h2 id=\"标题后\"><strong>《标题》</strong>后</h2>\n")
    }

    @Test func emphasisAcrossALinkAndCode() {
        #expect(html("**见[《报道》](a.md)，**她`x`\n")
            == "<p><strong>见<a href=\"a.md\">《报道》</a>，</strong>她<code>x</code></p>\n")
    }

    @Test func escapedAndEntityAsterisksStayLiteral() {
        #expect(html("\\*\\*真，\\*\\*她\n") == "<p>**真，**她</p>\n")
        #expect(html("&#42;&#42;真，**她\n") == "<p>**真，**她</p>\n")
    }

    @Test func codeSpansAndBlocksAreUnaffected() {
        #expect(html("`**真，**她` 与 **真，**她\n")
            == "<p><code>**真，**她</code> 与 <strong>真，</strong>她</p>\n")
        #expect(html("    **真，**她\n") == "<pre><code>**真，**她\n</code></pre>\n")
    }

    @Test func latinEmphasisFollowsCommonMark() {
        #expect(html("**bold** and *em* and __strong__ and snake_case_name\n")
            == "<p><strong>bold</strong> and <em>em</em> and <strong>strong</strong> and snake_case_name</p>\n")
        // Cases CommonMark leaves literal stay literal.
        #expect(html("**foo,**bar and a * b * c and ** not\n") == "<p>**foo,**bar and a * b * c and ** not</p>\n")
        #expect(html("***a** b* c **d***\n") == "<p><em><strong>a</strong> b</em> c <strong>d</strong>*</p>\n")
    }

    @Test func chineseEmphasisThatCommonMarkAlreadyHandles() {
        #expect(html("这是**重要**的，*强调*也是。\n") == "<p>这是<strong>重要</strong>的，<em>强调</em>也是。</p>\n")
    }

    @Test func unmatchedRunsStayLiteral() {
        #expect(html("**真，她\n") == "<p>**真，她</p>\n")
        #expect(html("真，**她\n") == "<p>真，**她</p>\n")
    }
}

extension MarkdownEmphasisTests {
    @Test func noteMarksAndBlanksAreNotEmphasis() {
        #expect(html("单价*，总价*。\n") == "<p>单价*，总价*。</p>\n")
        #expect(html("他是____的人，她是____的人。\n") == "<p>他是____的人，她是____的人。</p>\n")
        #expect(html("请填写____，谢谢____。\n") == "<p>请填写____，谢谢____。</p>\n")
    }

    @Test func bracketsInsideEmphasis() {
        #expect(html("做好**（一）**工作，__《书名》__后\n")
            == "<p>做好<strong>（一）</strong>工作，<strong>《书名》</strong>后</p>\n")
    }
}
