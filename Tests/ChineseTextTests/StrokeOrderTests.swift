import Testing
@testable import ChineseText

@Suite("Stroke order (按姓氏笔画排序)")
struct StrokeOrderTests {
    // 2024年云南省“最美职工”年度人物, as printed in 工人日报 (fixture: the seed page).
    static let yunnanAnnual = ["于虹", "王邦明", "付思斯", "李云", "李关平", "李忠永", "陈坤", "金发敏",
                               "周虎", "赵建友", "益西春初", "黄道军"]
    // 云南省“扎根边疆最美职工”年度人物, same page.
    static let yunnanBorder = ["冉红艳", "刘晓芳", "许绍华", "余友妮", "郑德树", "施永艳", "章昊", "彭贵荣"]

    private func strokeSorted(_ names: [String], _ order: NameOrder = .stroke) -> [String] {
        NameSorter.sorted(names, by: order) { $0 }
    }

    @Test("the printed Yunnan lists come back from shuffled copies", arguments: [1, 2, 3, 42, 2024, 99_991] as [UInt64])
    func yunnanListsFromShuffles(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        for list in [Self.yunnanAnnual, Self.yunnanBorder] {
            let shuffled = list.shuffled(using: &generator)
            #expect(strokeSorted(shuffled) == list)
        }
    }

    @Test func reversedListsComeBackToo() {
        #expect(strokeSorted(Self.yunnanAnnual.reversed()) == Self.yunnanAnnual)
        #expect(strokeSorted(Self.yunnanBorder.reversed()) == Self.yunnanBorder)
    }

    @Test func surnameCharactersThatTripSourcesUp() {
        // Mainland counting: 阝 2 strokes, 辶 3, 龟 7 (not 龜 16), 字 with 宀 = 点点横钩.
        #expect(Strokes.count(of: "陈") == 7)
        #expect(Strokes.count(of: "郑") == 8)
        #expect(Strokes.count(of: "达") == 6)
        #expect(Strokes.count(of: "龟") == 7)
        #expect(Strokes.count(of: "字") == 6)
        #expect(Strokes.sequence(of: "陈") == [.zhe, .shu, .heng, .zhe, .shu, .pie, .dian])
        #expect(Strokes.sequence(of: "郑") == [.dian, .pie, .heng, .heng, .pie, .dian, .zhe, .shu])
        #expect(Strokes.sequence(of: "达") == [.heng, .pie, .dian, .dian, .zhe, .dian])
        #expect(Strokes.sequence(of: "龟") == [.pie, .zhe, .shu, .zhe, .heng, .heng, .zhe])
        #expect(Strokes.sequence(of: "字") == [.dian, .dian, .zhe, .zhe, .shu, .heng])
    }

    @Test func mainlandConventionsForHookAndRisingStrokes() {
        // 竖钩 counts as 竖 (于 = 干), 提 as 横 (冫 of 冯), 捺 as 点.
        #expect(Strokes.sequence(of: "于") == [.heng, .heng, .shu])
        #expect(Strokes.sequence(of: "冯") == [.dian, .heng, .zhe, .zhe, .heng])
        #expect(Strokes.sequence(of: "人") == [.pie, .dian])
        #expect(Strokes.count(of: "陳") == 10)    // traditional forms counted the mainland way
        #expect(Strokes.count(of: "道") == 12)
    }

    @Test func twoCharacterNamesComeFirstWithinASurname() {
        #expect(strokeSorted(["王文教", "王蒙"]) == ["王蒙", "王文教"])
        #expect(NameSorter.compare("王蒙", "王文教", by: .stroke))
        #expect(strokeSorted(["李忠永", "李关平", "李云"]) == ["李云", "李关平", "李忠永"])
    }

    @Test func fullNameVariantComparesCharacterByCharacter() {
        // 文 (4 strokes) before 蒙 (13): no 单名在前 in the people's congress variant.
        #expect(strokeSorted(["王蒙", "王文教"], .strokeFullName) == ["王文教", "王蒙"])
        #expect(!NameSorter.compare("王蒙", "王文教", by: .strokeFullName))
        let yunnan = strokeSorted(Self.yunnanAnnual.reversed(), .strokeFullName)
        #expect(yunnan == ["于虹", "王邦明", "付思斯", "李云", "李关平", "李忠永", "陈坤", "金发敏",
                           "周虎", "赵建友", "益西春初", "黄道军"])
        // 李云 vs 李子豪: 云 4 strokes, 子 3 — only the full-name variant puts 李子豪 first.
        #expect(strokeSorted(["李云", "李子豪"], .strokeFullName) == ["李子豪", "李云"])
        #expect(strokeSorted(["李子豪", "李云"], .stroke) == ["李云", "李子豪"])
    }

    @Test func compoundAndMinorityNamesGoByTheirFirstCharacter() {
        // 欧 (8 strokes) after 陈 (7); the four-character 益西春初 by 益 (10) before 黄 (11).
        #expect(strokeSorted(["欧阳修", "黄道军", "陈坤", "益西春初"]) == ["陈坤", "欧阳修", "益西春初", "黄道军"])
        // 欧阳修 has three characters, so 欧杰 (two) comes first.
        #expect(strokeSorted(["欧阳修", "欧杰"]) == ["欧杰", "欧阳修"])
    }

    @Test func separatorsAreIgnoredButKeptForDisplay() {
        // 田　华 (full-width padding) is a two-character name: before 田小明.
        #expect(strokeSorted(["田小明", "田　华"]) == ["田　华", "田小明"])
        #expect(NameSortKey("田　华", order: .stroke) == NameSortKey("田华", order: .stroke))
        #expect(NameSortKey("阿依古丽·买买提", order: .stroke) == NameSortKey("阿依古丽买买提", order: .stroke))
        #expect(NameSortKey("阿依古丽 · 买买提", order: .strokeFullName) == NameSortKey("阿依古丽买买提", order: .strokeFullName))
        #expect(NameSortKey("爱新觉罗‧溥仪", order: .stroke) == NameSortKey("爱新觉罗・溥仪", order: .stroke))
        // 买 has 6 strokes, 阿 7.
        #expect(strokeSorted(["阿依古丽·买买提", "买买提·艾力"]) == ["买买提·艾力", "阿依古丽·买买提"])
        #expect(NameSorter.charactersWithoutStrokeData(in: "阿依古丽·买买提").isEmpty)
    }

    @Test func identicalSequencesUseTheDocumentedTieBreak() {
        #expect(Strokes.sequence(of: "干") == Strokes.sequence(of: "于"))
        #expect(Strokes.sequence(of: "巴") == Strokes.sequence(of: "孔"))
        #expect(strokeSorted(["于明", "干明"]) == ["干明", "于明"])
        #expect(strokeSorted(["孔明", "巴明"]) == ["巴明", "孔明"])
        // Otherwise by code point: 吕 (U+5415) and 同 (U+540C) have the same sequence.
        #expect(Strokes.sequence(of: "吕") == Strokes.sequence(of: "同"))
        #expect(strokeSorted(["吕明", "同明"]) == ["同明", "吕明"])
        // The tie-break is part of the character's key: the first character decides.
        #expect(strokeSorted(["于一", "干丁丁"]) == ["干丁丁", "于一"])
    }

    @Test func strokeByStrokeWithinACount() {
        // 4 strokes: 王 (横) 毛 (撇) 方 (点) 孔 (折).
        #expect(strokeSorted(["孔明", "方明", "毛明", "王明"]) == ["王明", "毛明", "方明", "孔明"])
        // 李 (横…) before 陈 (折…), both 7; 金 (撇点…) before 周 (撇折…), both 8.
        #expect(strokeSorted(["陈坤", "李云"]) == ["李云", "陈坤"])
        #expect(strokeSorted(["周虎", "金发敏"]) == ["金发敏", "周虎"])
    }

    @Test func charactersWithoutDataSortLastAndAreReported() {
        // U+9FFF has no data; Latin letters have none either.
        let unknown = "王\u{9FFF}"
        #expect(NameSorter.charactersWithoutStrokeData(in: unknown) == ["\u{9FFF}"])
        #expect(NameSorter.charactersWithoutStrokeData(in: "王明") == [])
        #expect(NameSorter.charactersWithoutStrokeData(in: "Anna 李") == ["A", "n", "a"])
        #expect(strokeSorted(["\u{9FFF}明", "黄道军", "Anna"]) == ["黄道军", "Anna", "\u{9FFF}明"])
        // A 通用规范 character with a stroke count only (𬌗, 10 strokes): after the known
        // 10-stroke characters, before 11 strokes; reported.
        #expect(Strokes.count(of: "𬌗") == 10)
        #expect(Strokes.sequence(of: "𬌗") == nil)
        #expect(NameSorter.charactersWithoutStrokeData(in: "𬌗明") == ["𬌗"])
        #expect(strokeSorted(["黄明", "𬌗明", "益明"]) == ["益明", "𬌗明", "黄明"])
    }

    @Test func derivedSimplifiedCharacters() {
        // 𬘬 (qiàn, used in names) is 纟 + 青, derived from 綪 and checked against Unihan (11).
        #expect(Strokes.sequence(of: "𬘬") == [.zhe, .zhe, .heng, .heng, .heng, .shu, .heng, .shu, .zhe, .heng, .heng])
    }

    @Test func everyTongyongGuifanCharacterHasAStrokeCount() {
        let characters = TongyongGuifanCharacters.all.filter { $0 != "\n" }
        #expect(characters.count == 8105)
        let withoutCount = characters.filter { Strokes.count(of: $0) == nil }
        #expect(withoutCount.isEmpty)
        let withoutSequence = characters.filter { Strokes.sequence(of: $0) == nil }
        #expect(withoutSequence.count == 34)
        // The 3,500 characters of level 1 (一级字表) all have full sequences.
        #expect(characters.prefix(3500).allSatisfy { Strokes.sequence(of: $0) != nil })
    }

    @Test func sortingIsStableForEqualKeys() {
        struct Member: Equatable {
            let name: String
            let id: Int
        }
        let members = [Member(name: "王明", id: 1), Member(name: "李云", id: 2), Member(name: "王 明", id: 3),
                       Member(name: "王明", id: 4)]
        let sorted = NameSorter.sorted(members, by: .stroke) { $0.name }
        #expect(sorted.map(\.id) == [1, 3, 4, 2])
        #expect(NameSorter.sorted(members, by: .asWritten) { $0.name } == members)
        #expect(!NameSorter.compare("李云", "王明", by: .asWritten))
    }

    @Test func tenThousandNamesSortConsistently() {
        let pool = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤明华国建军平志红伟芳秀英")
        var generator = SeededGenerator(seed: 7)
        let names = (0 ..< 10_000).map { _ in
            String((0 ..< Int.random(in: 2 ... 4, using: &generator)).map { _ in pool.randomElement(using: &generator)! })
        }
        for order in [NameOrder.stroke, .strokeFullName, .pinyin] {
            let sorted = NameSorter.sorted(names, by: order) { $0 }
            #expect(sorted.count == names.count)
            #expect(zip(sorted, sorted.dropFirst()).allSatisfy { !NameSorter.compare($1, $0, by: order) })
        }
    }

    @Test func emptyAndSeparatorOnlyNamesDoNotCrash() {
        #expect(strokeSorted(["王明", "", "　·　"]) == ["", "　·　", "王明"])
        #expect(NameSorter.charactersWithoutStrokeData(in: "") == [])
        #expect(Strokes.count(of: "a") == nil)
    }
}
