import Diagnostics
import FrontMatter

/// Reads typed fields out of a front matter mapping and records a diagnostic,
/// at the value's line and column, for every field of the wrong type.
public struct FieldReader: Sendable {
    public let file: String
    /// The file's text, made from its bytes only when a message needs a
    /// source line: most files read have no problem.
    private var text: String?
    private let bytes: [UInt8]
    private var collected: [Diagnostic] = []
    private var suppressed = 0
    private var lastSuppressed: SourceLocation?

    /// At most this many messages per file, then one that counts the rest:
    /// a file with thousands of bad entries gives a readable report, and
    /// finding each message's source line stays cheap.
    public static let maxDiagnostics = 50

    /// The file's messages, the last one counting those left out.
    public var diagnostics: [Diagnostic] {
        guard suppressed > 0 else { return collected }
        return collected + [.error("\(suppressed) more problems in this file, up to here, are not shown; fix the ones above first", at: lastSuppressed)]
    }

    public init(file: String, source: String) {
        self.file = file
        self.text = source
        self.bytes = []
    }

    /// A reader whose messages take their source lines from `sourceBytes`
    /// (UTF-8, decoded leniently when first needed).
    public init(file: String, sourceBytes: [UInt8]) {
        self.file = file
        self.bytes = sourceBytes
    }

    public func location(of node: YAMLNode) -> SourceLocation {
        SourceLocation(file: file, line: node.line, column: node.column)
    }

    private mutating func add(_ diagnostic: Diagnostic) {
        guard collected.count < Self.maxDiagnostics else {
            suppressed += 1
            lastSuppressed = diagnostic.location
            return
        }
        if text == nil { text = String(decoding: bytes, as: UTF8.self) }
        collected.append(diagnostic.withSource(text ?? ""))
    }

    public mutating func error(_ message: String, at node: YAMLNode) {
        add(Diagnostic.error(message, at: location(of: node)))
    }

    public mutating func error(_ message: String, line: Int, column: Int) {
        add(Diagnostic.error(message, at: SourceLocation(file: file, line: line, column: column)))
    }

    public mutating func warning(_ message: String, at node: YAMLNode) {
        add(Diagnostic.warning(message, at: location(of: node)))
    }

    /// A string field; numbers and booleans written where text was meant are
    /// taken as their text (an editor writing `year: 2024` in a caption meant it).
    public mutating func string(_ key: String, in mapping: YAMLMapping) -> String? {
        guard let node = mapping[key] else { return nil }
        return string(node, field: key)
    }

    public mutating func string(_ node: YAMLNode, field: String) -> String? {
        switch node.value {
        case .null: return nil
        case .string(let text): return text
        case .int(let value): return String(value)
        case .float(let value): return String(value)
        case .bool(let value): return value ? "true" : "false"
        default:
            error("field \"\(field)\" must be text, not \(Self.describe(node.value))", at: node)
            return nil
        }
    }

    public mutating func int(_ key: String, in mapping: YAMLMapping) -> Int? {
        guard let node = mapping[key] else { return nil }
        switch node.value {
        case .null: return nil
        case .int(let value): return value
        default:
            error("field \"\(key)\" must be a whole number, not \(Self.describe(node.value))", at: node)
            return nil
        }
    }

    public mutating func bool(_ key: String, in mapping: YAMLMapping) -> Bool? {
        guard let node = mapping[key] else { return nil }
        switch node.value {
        case .null: return nil
        case .bool(let value): return value
        default:
            error("field \"\(key)\" must be true or false, not \(Self.describe(node.value))", at: node)
            return nil
        }
    }

    /// A list of strings; a single string is a list of one.
    public mutating func strings(_ key: String, in mapping: YAMLMapping) -> [String] {
        guard let node = mapping[key] else { return [] }
        return strings(node, field: key)
    }

    public mutating func strings(_ node: YAMLNode, field: String) -> [String] {
        switch node.value {
        case .null: return []
        case .list(let items):
            return items.compactMap { string($0, field: field) }
        default:
            return string(node, field: field).map { [$0] } ?? []
        }
    }

    public mutating func date(_ key: String, in mapping: YAMLMapping, siteOffsetSeconds: Int) -> PageDate? {
        guard let node = mapping[key] else { return nil }
        if case .null = node.value { return nil }
        guard let date = PageDate(node, siteOffsetSeconds: siteOffsetSeconds) else {
            error("field \"\(key)\" must be a date like 2025-06-06 or 2025-06-06 09:30, not \(Self.describe(node.value))", at: node)
            return nil
        }
        return date
    }

    public mutating func mapping(_ node: YAMLNode, field: String) -> YAMLMapping? {
        if case .mapping(let mapping) = node.value { return mapping }
        error("field \"\(field)\" must be a mapping of fields (name: value), not \(Self.describe(node.value))", at: node)
        return nil
    }

    public static func describe(_ value: YAMLValue) -> String {
        switch value {
        case .null: "an empty value"
        case .bool: "true/false"
        case .int: "a number"
        case .float: "a number"
        case .string(let text): "the text \"\(text.count > 30 ? String(text.prefix(30)) + "…" : text)\""
        case .date: "a date"
        case .dateTime: "a date and time"
        case .list: "a list"
        case .mapping: "a mapping"
        }
    }
}
