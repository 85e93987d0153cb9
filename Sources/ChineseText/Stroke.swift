/// The five stroke classes of the mainland stroke order, in their collation order
/// (横 竖 撇 点 折). 提 counts as 横, 竖钩 as 竖, 捺 as 点 and every turning stroke as 折.
public enum Stroke: UInt8, Sendable, CaseIterable, Comparable {
    case heng = 1
    case shu = 2
    case pie = 3
    case dian = 4
    case zhe = 5

    public static func < (lhs: Stroke, rhs: Stroke) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// The character that names the class: 横 竖 撇 点 折.
    public var name: Character {
        switch self {
        case .heng: "横"
        case .shu: "竖"
        case .pie: "撇"
        case .dian: "点"
        case .zhe: "折"
        }
    }
}
