import Testing
import Templates

@Suite struct EscapingTests {
    @Test func escapesAllFiveCharacters() throws {
        let templates = try library(["t": "{{x}}|{{{x}}}|{{&x}}"])
        let output = try templates.render("t", ["x": "a&b<c>d\"e'f"])
        #expect(output == "a&amp;b&lt;c&gt;d&quot;e&#39;f|a&b<c>d\"e'f|a&b<c>d\"e'f")
    }

    @Test func leavesChineseTextUnchanged() throws {
        let templates = try library(["t": "<p>{{text}}</p>"])
        let text = "厦门市总工会举办“劳模工匠进校园”活动，弘扬劳模精神。"
        #expect(try templates.render("t", ["text": .string(text)]) == "<p>\(text)</p>")
    }

    @Test func escapesBetweenChineseRuns() throws {
        let templates = try library(["t": "{{text}}"])
        let output = try templates.render("t", ["text": "工会<会员>&“职工”'之家'"])
        #expect(output == "工会&lt;会员&gt;&amp;“职工”&#39;之家&#39;")
    }

    @Test func escapesOnlyTheEdges() throws {
        let templates = try library(["t": "{{text}}"])
        #expect(try templates.render("t", ["text": "<"]) == "&lt;")
        #expect(try templates.render("t", ["text": "&x&"]) == "&amp;x&amp;")
        #expect(try templates.render("t", ["text": ""]) == "")
    }

    @Test func insertsHTMLFragmentsUnescaped() throws {
        let templates = try library(["t": "{{body}}{{{body}}}"])
        let output = try templates.render("t", ["body": .html("<p>正文 &amp; 图片</p>")])
        #expect(output == "<p>正文 &amp; 图片</p><p>正文 &amp; 图片</p>")
    }

    @Test func templateTextIsNeverEscaped() throws {
        let templates = try library(["t": "<a href=\"/x?a=1&b=2\">'链接'</a>"])
        #expect(try templates.render("t", [:]) == "<a href=\"/x?a=1&b=2\">'链接'</a>")
    }
}
