import FrontMatter
import Templates

extension YAMLNode {
    /// Front matter data as template data; dates become their ISO text.
    var templateValue: TemplateValue {
        switch value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .int(let number): .int(number)
        case .float(let number): .double(number)
        case .string(let text): .string(text)
        case .date(let date): .string(date.description)
        case .dateTime(let dateTime): .string(dateTime.iso8601(defaultOffsetSeconds: 8 * 3600))
        case .list(let items): .list(items.map(\.templateValue))
        case .mapping(let mapping):
            .object(Dictionary(mapping.entries.map { ($0.key, $0.value.templateValue) }, uniquingKeysWith: { first, _ in first }))
        }
    }
}
