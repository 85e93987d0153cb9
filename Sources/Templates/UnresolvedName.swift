/// A name a render looked up and did not find: it rendered as empty (spec
/// behaviour), and `check --strict` can report it.
public struct UnresolvedName: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// `{{name}}`, `{{{name}}}`, `{{&name}}`.
        case variable
        /// `{{#name}}`.
        case section
        /// `{{^name}}`.
        case invertedSection
        /// The data name of a dynamic partial or parent, `{{>*name}}`.
        case dynamicName
        /// A template name (from a dynamic name, or a static one when the
        /// library was built with `unknownPartials: .renderEmpty`) that the
        /// library does not contain.
        case template
    }

    /// The name as written in the tag (`page.title`), or the template name for `.template`.
    public var name: String
    public var kind: Kind
    public var path: String
    public var line: Int
    public var column: Int

    public init(name: String, kind: Kind, path: String, line: Int, column: Int) {
        self.name = name
        self.kind = kind
        self.path = path
        self.line = line
        self.column = column
    }

    public static func < (lhs: UnresolvedName, rhs: UnresolvedName) -> Bool {
        (lhs.path, lhs.line, lhs.column, lhs.name, lhs.kind.rawValue)
            < (rhs.path, rhs.line, rhs.column, rhs.name, rhs.kind.rawValue)
    }

    public var description: String { "\(path):\(line):\(column): \(kind.rawValue) \"\(name)\" not found" }
}
