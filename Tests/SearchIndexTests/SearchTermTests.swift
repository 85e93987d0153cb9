import Testing
@testable import SearchIndex

@Suite struct SearchTermTests {
    private func terms(_ document: SearchDocument) -> [String] {
        document.record().terms.map { "\($0.term):\($0.fields.rawValue)" }
    }

    @Test func chineseTextGivesEveryCharacterAndEveryAdjacentPair() {
        let record = SearchDocument(url: "/", title: "", date: "", section: "", names: [], meta: [], body: "枫桥经验").record()
        #expect(record.terms.map(\.term) == ["枫", "桥", "经", "验", "枫桥", "桥经", "经验"].sorted { a, b in
            // Keys order: single characters by code point, then pairs by first then second.
            let ka = a.unicodeScalars.map(\.value), kb = b.unicodeScalars.map(\.value)
            return ka.count != kb.count ? ka.count < kb.count : ka.lexicographicallyPrecedes(kb)
        })
    }

    @Test func punctuationSpacesAndLatinBreakPairs() {
        let names = terms(page("", body: "于虹、王邦明 AI工会"))
        #expect(names.contains("于虹:1"))
        #expect(names.contains("邦明:1"))
        #expect(!names.contains("虹王:1"), "no pair across 、")
        #expect(!names.contains("明工:1"))
        #expect(names.contains("工会:1"))
        #expect(names.contains("ai:1"))
    }

    @Test func wordsAreFoldedAndWholeFullWidthToo() {
        let words = terms(page("", body: "ＡＩ助手 Union-Press 2025年 Café"))
        #expect(words.filter { $0.first?.isASCII == true || $0.hasPrefix("caf") } == ["2025:1", "ai:1", "café:1", "press:1", "union:1"])
    }

    @Test func fieldsAreMergedPerTerm() {
        let record = page("于虹的故事", names: ["于虹"], meta: ["云南省"], body: "于虹是云南人").record()
        let fields = Dictionary(record.terms.map { ($0.term, $0.fields) }, uniquingKeysWith: { a, _ in a })
        #expect(fields["于虹"] == [.title, .body])
        #expect(fields["云南"] == [.meta, .body])
        #expect(fields["故事"] == .title)
        #expect(fields["南省"] == .meta)
    }

    @Test func overlongWordsAreLeftOut() {
        let long = String(repeating: "a", count: SearchCharacters.maxWordLength + 1)
        let exact = String(repeating: "b", count: SearchCharacters.maxWordLength)
        let words = page("", body: "\(long) \(exact)").record().terms.map(\.term)
        #expect(words == [exact])
    }

    @Test func queriesCoverTheirCharactersWithFewPairs() {
        #expect(SearchQuery("于虹").parts.map(\.terms) == [["于虹"]])
        #expect(SearchQuery("枫桥经验").parts.map(\.terms) == [["枫桥", "经验"]])
        #expect(SearchQuery("外卖骑手群体").parts.map(\.terms) == [["外卖", "骑手", "群体"]])
        #expect(SearchQuery("最美职工").parts.map(\.terms) == [["最美", "职工"]])
        #expect(SearchQuery("云南省").parts.map(\.terms) == [["云南", "南省"]])
        #expect(SearchQuery("工").parts.map(\.terms) == [["工"]])
        #expect(SearchQuery("  2024年 最美，ＡＩ ").parts.map(\.terms) == [["2024", "年"], ["最美"], ["ai"]])
        #expect(SearchQuery("于虹").parts.map(\.isExact) == [true])
        #expect(SearchQuery("云南省 AI 工").parts.map(\.isExact) == [false, true, true])
        #expect(SearchQuery("！？ ").parts.isEmpty)
        let long = SearchQuery("中华全国总工会第十八次全国代表大会")
        #expect(long.parts.map(\.terms) == [["中华", "全国", "总工", "会第"]])
        #expect(long.parts[0].scalars.count == 17)
        #expect(SearchQuery(String(repeating: "工会 ", count: 40)).parts.count == 22, "cut at 64 characters")
    }

    @Test func phrasesMatchChineseAnywhereAndWordsWhole() {
        let ai = SearchQuery("AI").parts[0].scalars
        #expect(SearchQuery.occurs(ai, in: "推动AI赋能"))
        #expect(SearchQuery.occurs(ai, in: "ai."))
        #expect(!SearchQuery.occurs(ai, in: "said"))
        let year = SearchQuery("2024年").parts[0].scalars
        #expect(SearchQuery.occurs(year, in: "于2024年发布"))
        #expect(!SearchQuery.occurs(year, in: "12024年"))
        let name = SearchQuery("于虹").parts[0].scalars
        #expect(SearchQuery.occurs(name, in: "职工于虹说"))
        #expect(!SearchQuery.occurs(name, in: "于 虹"))
    }

    @Test func shardHashMatchesTheScript() {
        // Values computed independently (Python) with the algorithm search.js uses.
        #expect(SearchShardHash.hash("于虹") == 3_903_943_662)
        #expect(SearchShardHash.hash("ai") == 4_262_207_224)
        #expect(SearchShardHash.hash("工") == 831_804_221)
        #expect(SearchShardHash.hash("枫桥") == 1_862_538_368)
        #expect(SearchShardHash.hash(gram: 0x5DE5, nil) == SearchShardHash.hash("工"))
        #expect(SearchShardHash.hash(gram: 0x67AB, 0x6865) == SearchShardHash.hash("枫桥"))
    }

    @Test func fragmentsAreUTF16JSONWithEverythingEscaped() {
        let document = SearchDocument(url: "/a/", title: "“引号”\"</script>", date: "2025年6月7日", section: "光荣榜", names: ["于虹"], meta: [], body: "第一行\n第二行\t\\")
        let bytes = document.fragment()
        #expect(bytes.count % 2 == 0)
        var units: [UInt16] = []
        for index in stride(from: 0, to: bytes.count, by: 2) { units.append(UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8) }
        let text = String(decoding: units, as: UTF16.self)
        #expect(text == #"{"u":"/a/","t":"“引号”\"</script>","d":"2025年6月7日","s":"光荣榜","n":["于虹"],"m":[],"b":"第一行\n第二行\t\\"}"#)
    }
}
