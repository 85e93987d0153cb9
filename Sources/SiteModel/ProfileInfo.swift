/// Kind `profile`: a model worker (劳模、工匠、先进工作者).
public struct ProfileInfo: Sendable, Hashable {
    public struct Honour: Sendable, Hashable {
        public var title: String
        public var year: Int?
    }

    public var name: String
    public var unit: String?
    public var occupation: String?
    public var honours: [Honour]
    public var portrait: ResourceReference?
}
