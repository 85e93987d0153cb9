import Diagnostics

/// Why a page's front matter (or `_site.yml`) could not be read, and where:
/// 1-based line in the whole file, 1-based column in Unicode scalars.
public struct FrontMatterError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var line: Int
    public var column: Int

    public init(_ message: String, line: Int, column: Int) {
        self.message = message
        self.line = line
        self.column = column
    }

    /// The compiler-style diagnostic; `source` is the whole file's text (it may be
    /// lossy-decoded), used only to show the offending line under the message.
    public func diagnostic(file: String, source: String) -> Diagnostic {
        Diagnostic.error(message, at: SourceLocation(file: file, line: line, column: column)).withSource(source)
    }

    public var description: String { "\(line):\(column): \(message)" }
}
