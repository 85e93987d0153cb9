import Testing
@testable import ChineseText

@Suite("Pinyin readings and order")
struct PinyinTests {
    @Test func readingsAreTonelessLowercaseSyllables() {
        #expect(Pinyin.reading(of: "王邦明") == "wang bang ming")
        #expect(Pinyin.reading(of: "益西春初") == "yi xi chun chu")
        #expect(Pinyin.reading(of: "吕绿") == "lü lü")
        #expect(Pinyin.reading(of: "阿依古丽·买买提") == "a yi gu li mai mai ti")
        #expect(Pinyin.reading(of: "田　华") == "tian hua")
        #expect(Pinyin.numberedReading(of: "曾国藩") == "zeng1 guo2 fan1")
        #expect(Pinyin.reading(of: "Anna 李") == "anna li")
        #expect(Pinyin.reading(of: "") == "")
    }

    @Test func surnamesUseTheirSurnameReading() {
        #expect(Pinyin.reading(of: "单田芳") == "shan tian fang")
        #expect(Pinyin.reading(of: "曾元颖") == "zeng yuan ying")
        #expect(Pinyin.reading(of: "解缙") == "xie jin")
        #expect(Pinyin.reading(of: "区小明") == "ou xiao ming")
        #expect(Pinyin.reading(of: "仇英") == "qiu ying")
        #expect(Pinyin.reading(of: "朴明") == "piao ming")
        #expect(Pinyin.reading(of: "查良镛") == "zha liang yong")
        #expect(Pinyin.reading(of: "盖叫天") == "ge jiao tian")
        #expect(Pinyin.reading(of: "尉迟恭") == "yu chi gong")
        #expect(Pinyin.reading(of: "万俟卨") == "mo qi xie")
        #expect(Pinyin.numberedReading(of: "单田芳") == "shan4 tian2 fang1")
        // Only at the start: 曾 inside a name keeps its customary reading.
        #expect(Pinyin.reading(of: "王曾") == "wang ceng")
        // A lone character is not taken as a surname.
        #expect(Pinyin.reading(of: "单") == "dan")
        #expect(Pinyin.reading(of: "尉明") == "wei ming")
    }

    @Test func initialsForAPeopleIndex() {
        #expect(Pinyin.initial(of: "王邦明") == "W")
        #expect(Pinyin.initial(of: "曾元颖") == "Z")      // Zēng, not Céng
        #expect(Pinyin.initial(of: "单田芳") == "S")      // Shàn, not Dān
        #expect(Pinyin.initial(of: "区小明") == "O")      // Ōu, not Qū
        #expect(Pinyin.initial(of: "仇英") == "Q")        // Qiú, not Chóu
        #expect(Pinyin.initial(of: "查良镛") == "Z")      // Zhā, not Chá
        #expect(Pinyin.initial(of: "吕虹") == "L")
        #expect(Pinyin.initial(of: "阿依古丽·买买提") == "A")
        #expect(Pinyin.initial(of: "anna") == "A")
        #expect(Pinyin.initial(of: "　李云") == "L")
        #expect(Pinyin.initial(of: "") == nil)
        #expect(Pinyin.initial(of: "123") == nil)
        #expect(Pinyin.initial(of: "\u{9FFF}明") == nil)
    }

    private func pinyinSorted(_ names: [String]) -> [String] {
        NameSorter.sorted(names, by: .pinyin) { $0 }
    }

    @Test func pinyinOrderByLettersThenTonesThenStrokes() {
        let yunnan = pinyinSorted(StrokeOrderTests.yunnanAnnual)
        #expect(yunnan == ["陈坤", "付思斯", "黄道军", "金发敏", "李关平", "李云", "李忠永", "王邦明",
                           "益西春初", "于虹", "赵建友", "周虎"])
        // Letters first: 李安 (li an) before 连 (lian) before 李 (li) + longer? no: li < li an.
        #expect(pinyinSorted(["连明", "李安", "李"]) == ["李", "李安", "连明"])
        // Same letters: tone 1 before 2, 3, 4 (汤 tāng 唐 táng 躺 tǎng 烫 tàng).
        #expect(pinyinSorted(["烫", "躺", "唐", "汤"]) == ["汤", "唐", "躺", "烫"])
        // Letters decide before tones across the whole name: 唐一 (tang yi) before 汤亚 (tang ya)? 
        // No: ya < yi, so 汤亚 first although 唐 has the higher tone.
        #expect(pinyinSorted(["唐一", "汤亚"]) == ["汤亚", "唐一"])
        // Same reading and tone: by strokes (于 3 strokes before 余 7, both yú).
        #expect(pinyinSorted(["余明", "于明"]) == ["于明", "余明"])
        // ü after u: 卢 lú before 吕 lǚ, 吕 before 栾 luán.
        #expect(pinyinSorted(["栾明", "吕明", "卢明"]) == ["卢明", "吕明", "栾明"])
    }

    @Test func surnameReadingsDecidePinyinOrder() {
        // 曾 Zēng sorts with Z, after 杨 Yáng; 单 Shàn after 邵 Shào? shan < shao.
        #expect(pinyinSorted(["曾明", "杨明", "蔡明"]) == ["蔡明", "杨明", "曾明"])
        #expect(pinyinSorted(["邵明", "单明", "丁明"]) == ["丁明", "单明", "邵明"])
    }

    @Test func pinyinKeysIgnoreSeparators() {
        #expect(NameSortKey("田　华", order: .pinyin) == NameSortKey("田华", order: .pinyin))
        #expect(NameSortKey("阿依古丽·买买提", order: .pinyin) == NameSortKey("阿依古丽买买提", order: .pinyin))
    }
}
