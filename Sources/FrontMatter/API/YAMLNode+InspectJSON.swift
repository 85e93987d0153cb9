import Diagnostics
extension YAMLNode {
    /// The node as compact JSON, as `unionpress inspect` prints it: keys in
    /// source order; a date as `{"$date": "2025-06-06"}`; a date-time as
    /// `{"$datetime": "2025-06-06T09:30:00+08:00"}` (the offset always written,
    /// `defaultOffsetSeconds` when the source has none); infinities and NaN,
    /// which JSON cannot write, as `{"$float": ".inf"}`, `"-.inf"`, `".nan"`.
    public func inspectJSON(defaultOffsetSeconds: Int = 8 * 3600) -> String {
        var output = ""
        JSONWriter(defaultOffsetSeconds: defaultOffsetSeconds).write(value, to: &output)
        return output
    }
}

private struct JSONWriter {
    var defaultOffsetSeconds: Int

    func write(_ value: YAMLValue, to output: inout String) {
        switch value {
        case .null:
            output += "null"
        case .bool(let flag):
            output += flag ? "true" : "false"
        case .int(let number):
            output += String(number)
        case .float(let number):
            if number.isNaN {
                output += #"{"$float":".nan"}"#
            } else if number.isInfinite {
                output += number < 0 ? #"{"$float":"-.inf"}"# : #"{"$float":".inf"}"#
            } else {
                // Swift prints the shortest text that reads back the same double, with ".0" for whole numbers.
                output += number.description
            }
        case .string(let text):
            writeString(text, to: &output)
        case .date(let date):
            output += #"{"$date":"# + "\"" + date.description + "\"}"
        case .dateTime(let dateTime):
            output += #"{"$datetime":"# + "\"" + dateTime.iso8601(defaultOffsetSeconds: defaultOffsetSeconds) + "\"}"
        case .list(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                write(item.value, to: &output)
            }
            output += "]"
        case .mapping(let mapping):
            output += "{"
            for (index, entry) in mapping.entries.enumerated() {
                if index > 0 { output += "," }
                writeString(entry.key, to: &output)
                output += ":"
                write(entry.value.value, to: &output)
            }
            output += "}"
        }
    }

    func writeString(_ text: String, to output: inout String) {
        output += DiagnosticJSON.quote(text, escapingHTML: false)
    }
}
