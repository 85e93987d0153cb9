// TEMPORARY: the API shape the ChineseText helper is implementing; replaced at merge.
public enum NameOrder: String, Sendable, CaseIterable { case asWritten = "as-written", stroke, strokeFullName = "stroke-fullname", pinyin }
public enum NameSorter {
    public static func sorted<T>(_ items: [T], by order: NameOrder, name: (T) -> String) -> [T] { items }
    public static func compare(_ a: String, _ b: String, by order: NameOrder) -> Bool { a < b }
    public static func charactersWithoutStrokeData(in name: String) -> [Character] { [] }
}
public enum Pinyin { public static func reading(of name: String) -> String { name }; public static func initial(of name: String) -> Character? { nil } }
public enum ChineseSummary { public static func cut(_ text: String, maxCharacters: Int) -> String { String(text.prefix(maxCharacters)) } }
public enum TextMeasure { public static func wordCount(_ text: String) -> Int { text.count }; public static func readingMinutes(_ text: String) -> Int { 1 } }
