/// Prints diagnostics the way compilers do:
///
///     content/news/a.md:3:8: error: unterminated quote
///     title: "厦门市总
///            ^
public struct DiagnosticRenderer: Sendable {
    public var useColor: Bool

    public init(useColor: Bool = false) {
        self.useColor = useColor
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        var out = ""
        if let location = diagnostic.location {
            out += bold(Self.visible("\(location):")) + " "
        }
        out += colored(diagnostic.severity) + " " + bold(Self.visible(diagnostic.message)) + "\n"
        if let sourceLine = diagnostic.sourceLine, let location = diagnostic.location {
            let (line, column) = Self.window(Self.visible(sourceLine, keepingTabs: true), column: location.column)
            out += line + "\n"
            out += caretPadding(line: line, column: column) + (useColor ? "\u{1B}[32m^\u{1B}[0m" : "^") + "\n"
        }
        return out
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.sorted(by: Diagnostic.printingOrder).map(render).joined()
    }

    /// The text with control characters shown as their Unicode pictures
    /// (U+001B as ␛), one scalar for one, so that columns stay right and
    /// nothing from a file or name can drive the terminal.
    static func visible(_ text: String, keepingTabs: Bool = false) -> String {
        func isControl(_ scalar: Unicode.Scalar) -> Bool {
            (scalar.value < 0x20 && !(keepingTabs && scalar == "\t")) || (0x7F...0x9F).contains(scalar.value)
        }
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if !isControl(scalar) {
                out.append(scalar)
            } else if scalar.value < 0x20 {
                out.append(Unicode.Scalar(0x2400 + scalar.value) ?? "?")
            } else {
                out.append(scalar.value == 0x7F ? "\u{2421}" : "\u{FFFD}")
            }
        }
        return String(out)
    }

    /// Lines longer than this many scalars are shown as a window around the column.
    static let maxShownLine = 200

    /// A very long line (minified text, a whole paragraph of links) cut to
    /// the part around `column`, marked with `…` where cut, and the caret's
    /// column in what is shown.
    static func window(_ line: String, column: Int) -> (line: String, column: Int) {
        let scalars = Array(line.unicodeScalars)
        guard scalars.count > maxShownLine else { return (line, column) }
        let context = maxShownLine / 2
        let start = min(max(0, column - 1 - context / 2), max(0, scalars.count - context))
        let end = min(scalars.count, start + context)
        var shown = String.UnicodeScalarView()
        if start > 0 { shown.append("…") }
        shown.append(contentsOf: scalars[start..<end])
        if end < scalars.count { shown.append("…") }
        return (String(shown), column - start + (start > 0 ? 1 : 0))
    }

    /// Spaces (and tabs, where the line has tabs) up to the caret's column.
    private func caretPadding(line: String, column: Int) -> String {
        var padding = ""
        var seen = 1
        for scalar in line.unicodeScalars {
            if seen >= column { break }
            seen += 1
            if scalar == "\t" {
                padding.append("\t")
            } else {
                padding.append(String(repeating: " ", count: DisplayWidth.of(scalar)))
            }
        }
        if seen < column {
            padding.append(String(repeating: " ", count: column - seen))
        }
        return padding
    }

    private func colored(_ severity: Severity) -> String {
        let label = "\(severity.rawValue):"
        guard useColor else { return label }
        let code = switch severity {
        case .error: "31"
        case .warning: "35"
        case .note: "36"
        }
        return "\u{1B}[1;\(code)m\(label)\u{1B}[0m"
    }

    private func bold(_ text: String) -> String {
        useColor ? "\u{1B}[1m\(text)\u{1B}[0m" : text
    }
}
