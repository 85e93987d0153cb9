/// Diagnostics for tools: a JSON array, and the one-line form CI systems turn
/// into annotations (`::error file=…,line=…,col=…::message`).
public enum DiagnosticJSON {
    public static func encode(_ diagnostics: [Diagnostic]) -> String {
        let items = diagnostics.sorted(by: Diagnostic.printingOrder).map { diagnostic -> String in
            var fields = ["\"severity\":\(quote(diagnostic.severity.rawValue))", "\"message\":\(quote(diagnostic.message))"]
            if let location = diagnostic.location {
                fields.append("\"file\":\(quote(location.file))")
                fields.append("\"line\":\(location.line)")
                fields.append("\"column\":\(location.column)")
            }
            return "{" + fields.joined(separator: ",") + "}"
        }
        return "[" + items.joined(separator: ",\n") + "]"
    }

    public static func annotation(_ diagnostic: Diagnostic) -> String {
        let level = diagnostic.severity == .error ? "error" : diagnostic.severity == .warning ? "warning" : "notice"
        var properties: [String] = []
        if let location = diagnostic.location {
            properties = ["file=\(escapeProperty(location.file))", "line=\(location.line)", "col=\(location.column)"]
        }
        let head = properties.isEmpty ? "::\(level)" : "::\(level) " + properties.joined(separator: ",")
        return head + "::" + escapeData(diagnostic.message)
    }

    /// A JSON string literal. With `escapingHTML`, `<`, `>`, `&` and `'` are
    /// written as `\u` escapes too, so the JSON is safe inside a `<script>`.
    public static func quote(_ text: String, escapingHTML: Bool = true) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "<" where escapingHTML: out += "\\u003C"
            case ">" where escapingHTML: out += "\\u003E"
            case "&" where escapingHTML: out += "\\u0026"
            case "'" where escapingHTML: out += "\\u0027"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func escapeData(_ text: String) -> String {
        text.replacingAll("%", "%25").replacingAll("\r", "%0D").replacingAll("\n", "%0A")
    }

    private static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingAll(":", "%3A").replacingAll(",", "%2C")
    }
}

extension String {
    func replacingAll(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
