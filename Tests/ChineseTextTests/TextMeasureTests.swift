import Testing
import ChineseText

@Suite("Text measures")
struct TextMeasureTests {
    @Test func chineseCharactersCountOneEach() {
        #expect(TextMeasure.wordCount("工会创新实践调研行") == 9)
        #expect(TextMeasure.wordCount("从“线下跑腿”到“云端解纷”。") == 10)
    }

    @Test func latinWordsAndNumbersCountOneEach() {
        #expect(TextMeasure.wordCount("DeepSeek智能工具") == 5)
        #expect(TextMeasure.wordCount("拨打12351工会服务职工热线") == 11)
        #expect(TextMeasure.wordCount("总价值14.3万元") == 6)
        #expect(TextMeasure.wordCount("边境线长1,103公里") == 7)
        #expect(TextMeasure.wordCount("“江苏工会”APP“特药补贴”平台") == 11)
        #expect(TextMeasure.wordCount("don't stop the e-mail, 3.a") == 6)
        #expect(TextMeasure.wordCount("１２３个") == 2)
        #expect(TextMeasure.wordCount("") == 0)
        #expect(TextMeasure.wordCount("，。！  \n") == 0)
    }

    @Test func readingTimeRoundsUpAndIsAtLeastOneMinute() {
        #expect(TextMeasure.readingMinutes("") == 1)
        #expect(TextMeasure.readingMinutes(String(repeating: "字", count: 400)) == 1)
        #expect(TextMeasure.readingMinutes(String(repeating: "字", count: 401)) == 2)
        #expect(TextMeasure.readingMinutes(String(repeating: "字", count: 1200)) == 3)
        #expect(TextMeasure.charactersPerMinute == 400)
    }
}
