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
        var out: [UInt8] = []
        write(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private func write(into out: inout [UInt8]) {
        switch self {
        case .string(let text): Self.quote(text, into: &out)
        case .int(let value): out += String(value).utf8
        case .bool(let value): out += (value ? "true" : "false").utf8
        case .null: out += "null".utf8
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let fields):
            out.append(UInt8(ascii: "{"))
            for (index, (key, value)) in fields.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.quote(key, into: &out)
                out.append(UInt8(ascii: ":"))
                value.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// `DiagnosticJSON.quote(text, escapingHTML: true)`, written straight
    /// into UTF-8 bytes: every byte it escapes is ASCII, except U+2028 and
    /// U+2029 (E2 80 A8 and E2 80 A9), and everything else is copied.
    static func quote(_ text: String, into out: inout [UInt8]) {
        let hex: StaticString = "0123456789ABCDEF"
        func escape(_ value: UInt32) {
            out += "\\u".utf8
            hex.withUTF8Buffer { digits in
                for shift in stride(from: 12, through: 0, by: -4) { out.append(digits[Int((value >> UInt32(shift)) & 0xF)]) }
            }
        }
        var text = text
        out.append(UInt8(ascii: "\""))
        text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""): out += "\\\"".utf8
                case UInt8(ascii: "\\"): out += "\\\\".utf8
                case 0x0A: out += "\\n".utf8
                case 0x0D: out += "\\r".utf8
                case 0x09: out += "\\t".utf8
                case 0x08: out += "\\b".utf8
                case 0x0C: out += "\\f".utf8
                case UInt8(ascii: "<"): out += "\\u003C".utf8
                case UInt8(ascii: ">"): out += "\\u003E".utf8
                case UInt8(ascii: "&"): out += "\\u0026".utf8
                case UInt8(ascii: "'"): out += "\\u0027".utf8
                case 0..<0x20, 0x7F: escape(UInt32(byte))
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    escape(bytes[index + 2] == 0xA8 ? 0x2028 : 0x2029)
                    index += 3
                    continue
                default: out.append(byte)
                }
                index += 1
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
