/// The data a template renders: a tree of plain values, built once per page
/// and read (never copied) by the renderer.
///
/// Truthiness for sections: `null`, `false`, an empty list and an empty string
/// (or empty `html`) are falsey; everything else, including `0` and an empty
/// object, is truthy. The Mustache spec leaves "truthy" to the host language
/// and tests none of these edge cases; treating `""` as falsey lets a template
/// write `{{#subtitle}}<h2>{{subtitle}}</h2>{{/subtitle}}` for optional fields.
public enum TemplateValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    /// Text: `{{x}}` escapes it, `{{{x}}}` and `{{&x}}` insert it as is.
    case string(String)
    /// An HTML fragment that is already escaped (rendered Markdown, for
    /// example): `{{x}}` inserts it unescaped.
    case html(String)
    case list([TemplateValue])
    case object([String: TemplateValue])

    /// Whether a section over this value renders (and an inverted one does not).
    public var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let value): value
        case .int, .double, .object: true
        case .string(let text), .html(let text): !text.isEmpty
        case .list(let items): !items.isEmpty
        }
    }

    /// The value under `key` when this is an object.
    public subscript(key: String) -> TemplateValue? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }
}

extension TemplateValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension TemplateValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self = .int(value) }
}

extension TemplateValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension TemplateValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension TemplateValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}

extension TemplateValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
}

extension TemplateValue: ExpressibleByDictionaryLiteral {
    /// Later duplicates win, so that a literal never traps.
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
