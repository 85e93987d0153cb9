/// Kind `profile`: a model worker (劳模、工匠、先进工作者).
public struct ProfileInfo: Sendable, Hashable {
    public struct Honour: Sendable, Hashable {
        public var title: String
        public var year: Int?

        public init(title: String, year: Int?) {
            self.title = title
            self.year = year
        }
    }

    public var name: String
    public var unit: String?
    public var occupation: String?
    public var honours: [Honour]
    public var portrait: ResourceReference?

    public init(name: String, unit: String?, occupation: String?, honours: [Honour], portrait: ResourceReference?) {
        self.name = name
        self.unit = unit
        self.occupation = occupation
        self.honours = honours
        self.portrait = portrait
    }
}
