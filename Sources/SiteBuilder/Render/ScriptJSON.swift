import Diagnostics

/// JSON that is safe to put inside an HTML `<script>` element (and valid
/// JSON everywhere else). Inside `<script>` the HTML parser ends the element
/// at the first `</script`, and `<!--` changes how it reads what follows,
/// whatever JSON would make of them; so `<`, `>` and `&` are written as
/// `\u003C`, `\u003E`, `\u0026`. U+2028 and U+2029, which end a line in
/// older JavaScript, and every control character are escaped too. Keys keep
/// the order they are given in, so the same data gives the same bytes.
indirect enum ScriptJSON: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([ScriptJSON])
    case object([(String, ScriptJSON)])

    static func == (lhs: ScriptJSON, rhs: ScriptJSON) -> Bool {
        lhs.text == rhs.text
    }

    var text: String {
        var out = ""
        write(into: &out)
        return out
    }

    private func write(into out: inout String) {
        switch self {
        case .string(let text): Self.quote(text, into: &out)
        case .int(let value): out += String(value)
        case .bool(let value): out += value ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.write(into: &out)
            }
            out += "]"
        case .object(let fields):
            out += "{"
            for (index, (key, value)) in fields.enumerated() {
                if index > 0 { out += "," }
                Self.quote(key, into: &out)
                out += ":"
                value.write(into: &out)
            }
            out += "}"
        }
    }

    static func quote(_ text: String, into out: inout String) {
        out += DiagnosticJSON.quote(text, escapingHTML: true)
    }
}
