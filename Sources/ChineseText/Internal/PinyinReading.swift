/// One Mandarin syllable: an index into `HanziTable.syllables` and a tone (1...4, 5 = neutral).
struct PinyinReading: Sendable, Hashable {
    let syllable: Int
    let tone: Int
}
