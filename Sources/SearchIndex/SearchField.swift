/// Where in a page a term occurs; ranking puts title and names above the
/// other front matter, and that above the body.
public struct SearchField: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let body = SearchField(rawValue: 1)
    /// Kicker, subtitle, tags, region, authors, honours, units.
    public static let meta = SearchField(rawValue: 2)
    /// Title, and the names of people on a roster or profile.
    public static let title = SearchField(rawValue: 4)

    /// 2 for title or names, 1 for other front matter, 0 for the body only,
    /// -1 for none: the best place a term (or a phrase) can be.
    public var tier: Int {
        if contains(.title) { return 2 }
        if contains(.meta) { return 1 }
        if contains(.body) { return 0 }
        return -1
    }
}
