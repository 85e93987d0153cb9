/// A parsed front-matter value and where it starts in the file.
///
/// `line` is 1-based and counted in the whole file (a page's opening `---`
/// is line 1); `column` is 1-based and counts Unicode scalars, so a Chinese
/// character is one column. A scalar starts at its first character (the
/// opening quote of a quoted one, the `|` or `>` of a block scalar); a block
/// collection at its first key or `-`; a flow collection at its `[` or `{`;
/// an empty value (null) just after the `:` or `-` that introduced it.
public struct YAMLNode: Sendable, Hashable {
    public var value: YAMLValue
    public var line: Int
    public var column: Int

    public init(_ value: YAMLValue, line: Int, column: Int) {
        self.value = value
        self.line = line
        self.column = column
    }
}

extension YAMLNode {
    /// The text of a string value; `nil` for every other type (no conversion).
    public var stringValue: String? {
        if case .string(let text) = value { return text }
        return nil
    }

    public var intValue: Int? {
        if case .int(let number) = value { return number }
        return nil
    }

    /// A float, or an integer read as a float.
    public var doubleValue: Double? {
        switch value {
        case .float(let number): number
        case .int(let number): Double(number)
        default: nil
        }
    }

    public var boolValue: Bool? {
        if case .bool(let flag) = value { return flag }
        return nil
    }

    public var dateValue: YAMLDate? {
        if case .date(let date) = value { return date }
        return nil
    }

    public var dateTimeValue: YAMLDateTime? {
        if case .dateTime(let dateTime) = value { return dateTime }
        return nil
    }

    public var list: [YAMLNode]? {
        if case .list(let items) = value { return items }
        return nil
    }

    public var mapping: YAMLMapping? {
        if case .mapping(let mapping) = value { return mapping }
        return nil
    }

    public var isNull: Bool { value == .null }

    /// The value of `key` when this node is a mapping.
    public subscript(key: String) -> YAMLNode? {
        mapping?[key]
    }
}
