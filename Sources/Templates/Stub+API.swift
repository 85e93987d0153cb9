// TEMPORARY: the API shape the Templates helper is implementing; replaced at merge.
import Diagnostics
public indirect enum TemplateValue: Sendable, Hashable { case null, bool(Bool), int(Int), double(Double), string(String), html(String), list([TemplateValue]), object([String: TemplateValue]) }
public struct TemplateSource: Sendable { public var name: String; public var path: String; public var text: String; public init(name: String, path: String, text: String) { self.name = name; self.path = path; self.text = text } }
public struct TemplateError: Error, Sendable, Equatable { public var message: String; public var path: String; public var line: Int; public var column: Int
    public func diagnostic(source: String) -> Diagnostic { .error(message, at: SourceLocation(file: path, line: line, column: column)).withSource(source) } }
public struct TemplateLibraryError: Error, Sendable { public var errors: [TemplateError] }
public struct TemplateLibrary: Sendable {
    public init(_ sources: [TemplateSource]) throws(TemplateLibraryError) {}
    public func contains(_ name: String) -> Bool { false }
    public var names: [String] { [] }
    public func render(_ name: String, _ context: TemplateValue, into output: inout String) throws(TemplateError) {}
    public func render(_ name: String, _ context: TemplateValue) throws(TemplateError) -> String { "" }
}
