/// The typed value of a node, as the YAML 1.2 core schema resolves it, plus
/// dates and date-times (YAML 1.1 timestamps, which the content format needs).
public enum YAMLValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    // Boxed: the two largest payloads would otherwise make every node (and
    // every copy of one) several times larger than a string's.
    indirect case date(YAMLDate)
    indirect case dateTime(YAMLDateTime)
    case list([YAMLNode])
    case mapping(YAMLMapping)
}

extension YAMLValue {
    /// A short name of the value's type for messages: "a string", "a list"...
    public var typeDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .int: "an integer"
        case .float: "a number"
        case .string: "a string"
        case .date: "a date"
        case .dateTime: "a date-time"
        case .list: "a list"
        case .mapping: "a mapping"
        }
    }
}
