/// Surname readings that differ from a character's customary reading (Unihan kMandarin).
/// Applied to the start of a name only. Compound surnames are matched first.
///
/// Each entry is well established in 《现代汉语词典》 and 通用规范 usage; characters whose
/// surname reading is itself disputed (乐 Lè/Yuè, 覃 Qín/Tán) are left at their default.
enum SurnameReadings {
    static let compound: [String: [String]] = [
        "尉迟": ["yu4", "chi2"],
        "万俟": ["mo4", "qi2"],
        "单于": ["chan2", "yu2"],
        "长孙": ["zhang3", "sun1"],
        "令狐": ["ling2", "hu2"],
        "澹台": ["tan2", "tai2"],
        "诸葛": ["zhu1", "ge3"],
        "乐正": ["yue4", "zheng4"],
        "宰父": ["zai3", "fu3"],
    ]

    static let single: [Character: String] = [
        "单": "shan4",
        "曾": "zeng1",
        "解": "xie4",
        "区": "ou1",
        "仇": "qiu2",
        "朴": "piao2",
        "查": "zha1",
        "盖": "ge3",
        "葛": "ge3",
        "缪": "miao4",
        "翟": "zhai2",
        "任": "ren2",
        "华": "hua4",
        "纪": "ji3",
        "种": "chong2",
        "召": "shao4",
        "秘": "bi4",
        "繁": "po2",
        "过": "guo1",
        "隗": "wei3",
        "员": "yun4",
        "燕": "yan1",
        "句": "gou1",
        "都": "du1",
        "祭": "zhai4",
        "洗": "xian3",
        "折": "she2",
    ]
}
