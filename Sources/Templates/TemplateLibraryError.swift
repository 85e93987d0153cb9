import Diagnostics

/// Every problem found while compiling a set of templates, sorted by path,
/// line and column.
public struct TemplateLibraryError: Error, Sendable, Equatable, CustomStringConvertible {
    public var errors: [TemplateError]

    public init(errors: [TemplateError]) {
        self.errors = errors
    }

    /// Diagnostics with source lines and carets, looking up each error's text
    /// among `sources` by path.
    public func diagnostics(sources: [TemplateSource]) -> [Diagnostic] {
        let textByPath = Dictionary(sources.map { ($0.path, $0.text) }, uniquingKeysWith: { first, _ in first })
        return errors.map { error in
            error.diagnostic(source: textByPath[error.path] ?? "")
        }
    }

    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}
