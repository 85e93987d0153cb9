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

        public init(name: String, unit: String?, note: String?, profile: String?, location: SourceLocation) {
            self.name = name
            self.unit = unit
            self.note = note
            self.profile = profile
            self.location = location
        }
    }

    public struct Group: Sendable, Hashable {
        public var title: String?
        /// Already in the roster's order.
        public var members: [Member]

        public init(title: String?, members: [Member]) {
            self.title = title
            self.members = members
        }
    }

    public var honour: String?
    public var year: Int?
    public var conferredBy: [String]
    public var order: NameOrder
    public var groups: [Group]

    public init(honour: String?, year: Int?, conferredBy: [String], order: NameOrder, groups: [Group]) {
        self.honour = honour
        self.year = year
        self.conferredBy = conferredBy
        self.order = order
        self.groups = groups
    }
}
