import Testing
import ChineseText

@Suite("Summary cut")
struct ChineseSummaryTests {
    @Test func textThatFitsIsReturnedWhole() {
        #expect(ChineseSummary.cut("工会创新实践调研行", maxCharacters: 120) == "工会创新实践调研行")
        #expect(ChineseSummary.cut("一二三。", maxCharacters: 4) == "一二三。")
        #expect(ChineseSummary.cut("　　一二三。\n", maxCharacters: 4) == "一二三。")
        #expect(ChineseSummary.cut("", maxCharacters: 10) == "")
    }

    @Test func cutsAtTheLastSentenceEndWithinTheLimit() {
        let text = "今年以来，辽源市总扎实推进安全生产工作。多举措筑牢防线！还有更多内容在后面"
        #expect(ChineseSummary.cut(text, maxCharacters: 30) == "今年以来，辽源市总扎实推进安全生产工作。多举措筑牢防线！")
        #expect(ChineseSummary.cut(text, maxCharacters: 25) == "今年以来，辽源市总扎实推进安全生产工作。")
        #expect(ChineseSummary.cut("甲；乙？丙丁", maxCharacters: 5) == "甲；乙？")
    }

    @Test func noSentenceEndCutsAtTheLimitWithEllipsis() {
        #expect(ChineseSummary.cut("近日，吉林省辽源市总工会组织县区工会相关人员", maxCharacters: 10) == "近日，吉林省辽源市总……")
        #expect(ChineseSummary.cut("abc def", maxCharacters: 4) == "abc……")
        #expect(ChineseSummary.cut("一二三", maxCharacters: 0) == "")
    }

    @Test func closingQuotesStayWithTheirSentence() {
        let text = "他说：“原先要花3个月维权，如今12天就解决了。”今年3月，外卖骑手收到赔偿。"
        #expect(ChineseSummary.cut(text, maxCharacters: 30) == "他说：“原先要花3个月维权，如今12天就解决了。”")
        // The closing quote (25th character) would fall outside the limit: that sentence
        // end is not used, and with no earlier one the text is cut at the limit.
        #expect(ChineseSummary.cut(text, maxCharacters: 24) == "他说：“原先要花3个月维权，如今12天就解决了。……")
        #expect(ChineseSummary.cut("甲。乙说：“好。”丙丁", maxCharacters: 9) == "甲。乙说：“好。”")
        #expect(ChineseSummary.cut("甲。乙说：“好。”丙丁", maxCharacters: 8) == "甲。")
        #expect(ChineseSummary.cut("甲。乙说：“好。”丙丁", maxCharacters: 7) == "甲。")
        #expect(ChineseSummary.cut("《报》说：“好！”）后文后文", maxCharacters: 10) == "《报》说：“好！”）")
    }

    @Test func countsUserPerceivedCharacters() {
        // An emoji with a skin-tone modifier and a flag are one character each.
        let text = "👍🏽🇨🇳一二三四五六"
        #expect(ChineseSummary.cut(text, maxCharacters: 4) == "👍🏽🇨🇳一二……")
    }
}
