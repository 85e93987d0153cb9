/// How the names of a roster are ordered (front matter `order:`).
public enum NameOrder: String, Sendable, CaseIterable {
    /// The editor's order, unchanged.
    case asWritten = "as-written"
    /// 按姓氏笔画排序 as printed by party congress, CPPCC and state-honours offices:
    /// first character by strokes, two-character names before longer ones of the same
    /// first character (单名在前), then the following characters.
    case stroke
    /// The people's congress variant: character by character by strokes, no 单名在前.
    case strokeFullName = "stroke-fullname"
    /// By Mandarin reading (surname-aware), then tones, then strokes.
    case pinyin
}
