import Testing
import Markdown

/// A soft line break between Chinese characters must not turn into a space.
@Suite struct MarkdownSoftBreakTests {
    @Test func softBreakBetweenChineseCharactersVanishes() {
        let document = MarkdownDocument(parsing: "工会组织\n聚焦效率提升，\n“技能大比武”\n活动。\n")
        #expect(document.html == "<p>工会组织聚焦效率提升，“技能大比武”活动。</p>\n")
        #expect(document.plainText == "工会组织聚焦效率提升，“技能大比武”活动。")
        #expect(document.firstParagraphText == "工会组织聚焦效率提升，“技能大比武”活动。")
    }

    @Test func softBreakBetweenLatinWordsStaysANewline() {
        let document = MarkdownDocument(parsing: "trade\nunion\n")
        #expect(document.html == "<p>trade\nunion</p>\n")
        #expect(document.plainText == "trade union")
    }

    @Test func softBreakBetweenChineseAndLatinStays() {
        let document = MarkdownDocument(parsing: "使用\nSwift\n编写\n")
        #expect(document.html == "<p>使用\nSwift\n编写</p>\n")
        #expect(document.plainText == "使用 Swift 编写")
    }

    @Test func sharedPunctuationFollowsTheOtherSide() {
        let document = MarkdownDocument(parsing: "“Hello.”\n“World.”\n\n他说：“好。”\n然后\n")
        #expect(document.html == "<p>“Hello.”\n“World.”</p>\n<p>他说：“好。”然后</p>\n")
    }

    @Test func softBreakNextToEmphasisAndLinks() {
        let document = MarkdownDocument(parsing: "形成**三级服务体系**\n[详见报道](a.md)\n`代码`\n结尾\n")
        #expect(document.html
            == "<p>形成<strong>三级服务体系</strong><a href=\"a.md\">详见报道</a><code>代码</code>结尾</p>\n")
    }

    @Test func hardBreakIsKept() {
        let document = MarkdownDocument(parsing: "第一行\\\n第二行\n")
        #expect(document.html == "<p>第一行<br />\n第二行</p>\n")
        #expect(document.plainText == "第一行\n第二行")
    }

    @Test func setextHeadingAcrossLines() {
        let document = MarkdownDocument(parsing: "工会\n新闻\n===\n")
        #expect(document.html == "<h1 id=\"工会新闻\">工会新闻</h1>\n")
    }
}
