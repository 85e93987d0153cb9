/// A mapping with its keys in source order. Keys are unique (the parser
/// rejects duplicates), so lookup by key is unambiguous.
public struct YAMLMapping: Sendable, Hashable {
    public var entries: [YAMLEntry]

    public init(entries: [YAMLEntry] = []) {
        self.entries = entries
    }

    /// The value of `key`, or `nil` when the mapping has no such key.
    public subscript(key: String) -> YAMLNode? {
        entries.first { $0.key == key }?.value
    }

    /// The entry for `key`, with the key's own position (for messages about the key).
    public func entry(_ key: String) -> YAMLEntry? {
        entries.first { $0.key == key }
    }

    public var keys: [String] { entries.map(\.key) }
    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }
}
