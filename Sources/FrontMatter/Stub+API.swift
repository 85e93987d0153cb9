// TEMPORARY: the API shape the FrontMatter helper is implementing; replaced at merge.
import Diagnostics
public struct YAMLNode: Sendable, Hashable { public var value: YAMLValue; public var line: Int; public var column: Int
    public init(value: YAMLValue, line: Int, column: Int) { self.value = value; self.line = line; self.column = column } }
public indirect enum YAMLValue: Sendable, Hashable { case null, bool(Bool), int(Int), float(Double), string(String), date(YAMLDate), dateTime(YAMLDateTime), list([YAMLNode]), mapping(YAMLMapping) }
public struct YAMLDate: Sendable, Hashable, Comparable { public var year: Int; public var month: Int; public var day: Int
    public static func < (l: YAMLDate, r: YAMLDate) -> Bool { (l.year, l.month, l.day) < (r.year, r.month, r.day) } }
public struct YAMLDateTime: Sendable, Hashable { public var date: YAMLDate; public var hour: Int; public var minute: Int; public var second: Int; public var nanosecond: Int; public var utcOffsetSeconds: Int? }
public struct YAMLMapping: Sendable, Hashable { public var entries: [YAMLEntry]; public subscript(key: String) -> YAMLNode? { entries.first { $0.key == key }?.value } }
public struct YAMLEntry: Sendable, Hashable { public var key: String; public var keyLine: Int; public var keyColumn: Int; public var value: YAMLNode }
public struct FrontMatterError: Error, Sendable, Equatable { public var message: String; public var line: Int; public var column: Int
    public func diagnostic(file: String, source: String) -> Diagnostic { .error(message, at: SourceLocation(file: file, line: line, column: column)).withSource(source) } }
public struct PageSource: Sendable { public var frontMatter: YAMLNode; public var body: String; public var bodyStartLine: Int }
public enum FrontMatterParser {
    public static func parsePage(_ bytes: [UInt8]) throws(FrontMatterError) -> PageSource { throw FrontMatterError(message: "stub", line: 1, column: 1) }
    public static func parseDocument(_ bytes: [UInt8]) throws(FrontMatterError) -> YAMLNode { throw FrontMatterError(message: "stub", line: 1, column: 1) }
}
