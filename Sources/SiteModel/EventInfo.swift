/// Kind `event`: an event or photo report.
public struct EventInfo: Sendable, Hashable {
    public struct Photo: Sendable, Hashable {
        public var source: ResourceReference
        public var caption: String?
        public var credit: String?
    }

    public var start: PageDate?
    public var end: PageDate?
    public var location: String?
    public var organizers: [String]
    public var photos: [Photo]
}
