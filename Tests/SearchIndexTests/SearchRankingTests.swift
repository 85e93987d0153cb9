import Testing
@testable import SearchIndex

@Suite struct SearchRankingTests {
    /// Oldest first, as the builder numbers them (the last is the newest).
    static let site = InMemoryIndex([
        page("枫桥经验", body: "专题页。"),
        page("边疆教育的故事", body: "老师于虹带学生看星星。"),
        page("于虹：守护边疆的光", names: ["于虹"], meta: ["云南省"], body: "于虹是一名教师。"),
        page("2024年云南省“最美职工”年度人物发布", names: ["周虎", "于虹", "李云"], meta: ["最美职工"], body: "于虹、王邦明等12名职工被选树为“最美职工”。"),
        page("从“线下跑腿”到“云端解纷”", meta: ["新就业形态"], body: "厦门推广新时代“枫桥经验”，为外卖骑手化解纠纷。"),
        page("职工之家建到家门口", meta: ["外卖骑手"], body: "站点为快递员提供热水。"),
        page("外卖小哥的一天", body: "骑手们说，枫桥的经验值得学习。"),
    ])

    @Test func titleAndNamesComeBeforeBodyThenNewerFirst() throws {
        #expect(try Self.site.titles("于虹") == ["2024年云南省“最美职工”年度人物发布", "于虹：守护边疆的光", "边疆教育的故事"])
    }

    @Test func phrasesAreCheckedNotJustTheirPairs() throws {
        // The newest page has 枫桥 and 经验 apart: the pairs match, the phrase does not.
        let result = try Self.site.reader().search("枫桥经验")
        #expect(result.candidates == 3)
        #expect(result.hits.map(\.title) == ["枫桥经验", "从“线下跑腿”到“云端解纷”"])
        #expect(result.hits.map(\.tier) == [2, 0])
    }

    @Test func frontMatterRanksBetweenTitleAndBody() throws {
        #expect(try Self.site.titles("外卖骑手") == ["职工之家建到家门口", "从“线下跑腿”到“云端解纷”"])
        #expect(try Self.site.reader().search("外卖骑手").hits.map(\.tier) == [1, 0])
    }

    @Test func everyPartMustMatchAndTheWorstPartDecides() throws {
        // The roster has 于虹 among its names and 云南 in its title; the profile has 云南 only in its region.
        #expect(try Self.site.titles("于虹 云南") == ["2024年云南省“最美职工”年度人物发布", "于虹：守护边疆的光"])
        #expect(try Self.site.reader().search("于虹 云南").hits.map(\.tier) == [2, 1])
        #expect(try Self.site.titles("于虹 枫桥").isEmpty)
    }

    @Test func singleCharactersAndWordsWork() throws {
        #expect(try Self.site.titles("虹").count == 3)
        #expect(try Self.site.titles("星") == ["边疆教育的故事"])
        #expect(try Self.site.titles("２０２４") == ["2024年云南省“最美职工”年度人物发布"])
        #expect(try Self.site.titles("12名") == ["2024年云南省“最美职工”年度人物发布"])
        #expect(try Self.site.titles("2名").isEmpty, "numbers match whole")
    }

    @Test func longPhrasesAreCheckedBeyondTheirLookupTerms() throws {
        let index = InMemoryIndex([
            page("乙", body: "中华全国总工会第十七次全国代表大会"),
            page("甲", body: "中华全国总工会第十八次全国代表大会开幕"),
        ])
        #expect(try index.titles("中华全国总工会第十八次全国代表大会") == ["甲"])
    }

    @Test func onlyTheNeededFragmentsAreRead() throws {
        let documents = (0..<60).map { page("报道\($0)", body: $0 % 2 == 0 ? "工会工作" : "职工生活") }
        let index = InMemoryIndex(documents)
        let result = try index.reader().search("工会", limit: 10)
        #expect(result.candidates == 30)
        #expect(result.isExactCount)
        #expect(result.hits.map(\.document) == Array(stride(from: 58, through: 40, by: -2)), "the newest first")
        #expect(result.filesRead.filter { $0.hasPrefix("search/d/") }.count == 10)
    }
}
