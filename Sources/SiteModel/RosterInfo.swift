import ChineseText
import Diagnostics

/// Kind `roster`: an honour roll (光荣榜).
public struct RosterInfo: Sendable, Hashable {
    public struct Member: Sendable, Hashable {
        public var name: String
        public var unit: String?
        public var note: String?
        /// Slug of a profile page, linked both ways.
        public var profile: String?
        public var location: SourceLocation
    }

    public struct Group: Sendable, Hashable {
        public var title: String?
        /// Already in the roster's order.
        public var members: [Member]
    }

    public var honour: String?
    public var year: Int?
    public var conferredBy: [String]
    public var order: NameOrder
    public var groups: [Group]
}
