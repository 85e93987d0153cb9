/// One problem found in a user's input: where, how bad, what, and the text of
/// the offending line so that a caret can be drawn under the column.
public struct Diagnostic: Sendable, Hashable, Error, CustomStringConvertible {
    public var severity: Severity
    public var message: String
    /// `nil` for problems that belong to no file (a missing content/ folder).
    public var location: SourceLocation?
    /// The full text of the line at `location.line`, without its line break.
    public var sourceLine: String?

    public init(_ severity: Severity, _ message: String, at location: SourceLocation? = nil, sourceLine: String? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
        self.sourceLine = sourceLine
    }

    public static func error(_ message: String, at location: SourceLocation? = nil, sourceLine: String? = nil) -> Diagnostic {
        Diagnostic(.error, message, at: location, sourceLine: sourceLine)
    }

    public static func warning(_ message: String, at location: SourceLocation? = nil, sourceLine: String? = nil) -> Diagnostic {
        Diagnostic(.warning, message, at: location, sourceLine: sourceLine)
    }

    /// Fills `sourceLine` from the whole text of the file the location points into.
    public func withSource(_ text: String) -> Diagnostic {
        guard let location else { return self }
        var copy = self
        copy.sourceLine = SourceText.line(location.line, of: text)
        return copy
    }

    /// The first line of the compiler-style form: `path:line:column: error: message`.
    public var description: String {
        if let location {
            return "\(location): \(severity.rawValue): \(message)"
        }
        return "\(severity.rawValue): \(message)"
    }

    /// Orders diagnostics for printing: errors first, then by file, line and column.
    public static func printingOrder(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
        switch (lhs.location, rhs.location) {
        case let (left?, right?) where left != right: return left < right
        case (nil, _?): return true
        case (_?, nil): return false
        default: return lhs.message < rhs.message
        }
    }
}
