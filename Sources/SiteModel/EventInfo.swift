/// Kind `event`: an event or photo report.
public struct EventInfo: Sendable, Hashable {
    public struct Photo: Sendable, Hashable {
        public var source: ResourceReference
        public var caption: String?
        public var credit: String?

        public init(source: ResourceReference, caption: String?, credit: String?) {
            self.source = source
            self.caption = caption
            self.credit = credit
        }
    }

    public var start: PageDate?
    public var end: PageDate?
    public var location: String?
    public var organizers: [String]
    public var photos: [Photo]

    public init(start: PageDate?, end: PageDate?, location: String?, organizers: [String], photos: [Photo]) {
        self.start = start
        self.end = end
        self.location = location
        self.organizers = organizers
        self.photos = photos
    }
}
