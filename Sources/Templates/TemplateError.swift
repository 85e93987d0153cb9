import Diagnostics

/// A problem in a template, or a render that had to stop. `line` and
/// `column` are 1-based (column in Unicode scalars, as in `SourceLocation`);
/// both are 0 for errors that belong to no template position (an unknown
/// template name passed to `render`).
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var path: String
    public var line: Int
    public var column: Int

    public init(message: String, path: String, line: Int, column: Int) {
        self.message = message
        self.path = path
        self.line = line
        self.column = column
    }

    public var location: SourceLocation? {
        line > 0 ? SourceLocation(file: path, line: line, column: column) : nil
    }

    /// The compiler-style diagnostic, with the offending line of `source`
    /// (the whole text of the template at `path`) for the caret.
    public func diagnostic(source: String) -> Diagnostic {
        Diagnostic.error(message, at: location).withSource(source)
    }

    /// `path:line:column: error: message`.
    public var description: String { Diagnostic.error(message, at: location).description }
}
