import ChineseText
import Diagnostics
import SiteModel

// The byte form of the assembled site (`SiteSnapshot`), field by field in
// declaration order. `SnapshotBuildTests` checks that every stored property
// of these types is coded, so a field added later cannot be left out.

extension CacheWriter {
    mutating func bool(_ value: Bool) {
        int(value ? 1 : 0)
    }

    mutating func optional<T>(_ value: T?, _ write: (inout CacheWriter, T) -> Void) {
        if let value {
            int(1)
            write(&self, value)
        } else {
            int(0)
        }
    }

    mutating func array<T>(_ values: [T], _ write: (inout CacheWriter, T) -> Void) {
        int(values.count)
        for value in values { write(&self, value) }
    }

    mutating func strings(_ values: [String]) {
        array(values) { $0.string($1) }
    }

    mutating func sharedStrings(_ values: [String]) {
        array(values) { $0.shared($1) }
    }

    mutating func ints(_ values: [Int]) {
        array(values) { $0.int($1) }
    }

    mutating func location(_ value: SourceLocation) {
        shared(value.file)
        int(value.line)
        int(value.column)
    }

    mutating func urlPath(_ value: URLPath) {
        sharedStrings(value.segments)
    }

    mutating func date(_ value: PageDate) {
        for field in [value.year, value.month, value.day, value.hour, value.minute, value.second, value.utcOffsetSeconds] { int(field) }
        bool(value.hasTime)
    }

    mutating func resource(_ value: ResourceReference) {
        string(value.path)
        location(value.location)
    }

    mutating func config(_ value: SiteConfig) {
        string(value.title)
        string(value.description)
        string(value.baseURL)
        string(value.language)
        string(value.timezone)
        int(value.utcOffsetSeconds)
        int(value.summaryLength)
        int(value.pageSize)
        array(value.menu) { out, item in
            out.string(item.title)
            out.string(item.url)
        }
        bool(value.unsafeHTML)
    }

    mutating func section(_ value: SectionInfo) {
        string(value.path)
        string(value.title)
        optional(value.description) { $0.string($1) }
        shared(value.defaultKind.rawValue)
        shared(value.sort.rawValue)
        optional(value.weight) { $0.int($1) }
        string(value.body)
        int(value.bodyStartLine)
        optional(value.sourceFile) { $0.string($1) }
    }

    mutating func page(_ page: Page) {
        string(page.id)
        shared(page.sectionPath)
        string(page.slug)
        urlPath(page.url)
        shared(page.kind.rawValue)
        bool(page.isBundle)
        string(page.title)
        optional(page.kicker) { $0.string($1) }
        optional(page.subtitle) { $0.string($1) }
        optional(page.column) { $0.shared($1) }
        date(page.date)
        optional(page.updated) { $0.date($1) }
        optional(page.byline) { $0.string($1) }
        sharedStrings(page.authors)
        optional(page.summary) { $0.string($1) }
        sharedStrings(page.tags)
        sharedStrings(page.region)
        optional(page.image) { $0.resource($1) }
        optional(page.imageCaption) { $0.string($1) }
        optional(page.imageCredit) { $0.shared($1) }
        array(page.aliases) { out, alias in
            out.urlPath(alias.path)
            out.location(alias.location)
        }
        bool(page.draft)
        optional(page.weight) { $0.int($1) }
        optional(page.profile) { $0.profile($1) }
        optional(page.roster) { $0.roster($1) }
        optional(page.event) { $0.event($1) }
        int(page.bodyStartLine)
    }

    mutating func profile(_ value: ProfileInfo) {
        string(value.name)
        optional(value.unit) { $0.shared($1) }
        optional(value.occupation) { $0.shared($1) }
        array(value.honours) { out, honour in
            out.shared(honour.title)
            out.optional(honour.year) { $0.int($1) }
        }
        optional(value.portrait) { $0.resource($1) }
    }

    mutating func roster(_ value: RosterInfo) {
        optional(value.honour) { $0.shared($1) }
        optional(value.year) { $0.int($1) }
        sharedStrings(value.conferredBy)
        shared(value.order.rawValue)
        array(value.groups) { out, group in
            out.optional(group.title) { $0.shared($1) }
            out.array(group.members) { out, member in
                out.string(member.name)
                out.optional(member.unit) { $0.shared($1) }
                out.optional(member.note) { $0.string($1) }
                out.optional(member.profile) { $0.string($1) }
                out.location(member.location)
            }
        }
    }

    mutating func event(_ value: EventInfo) {
        optional(value.start) { $0.date($1) }
        optional(value.end) { $0.date($1) }
        optional(value.location) { $0.shared($1) }
        sharedStrings(value.organizers)
        array(value.photos) { out, photo in
            out.resource(photo.source)
            out.optional(photo.caption) { $0.string($1) }
            out.optional(photo.credit) { $0.shared($1) }
        }
    }

    mutating func term(_ value: Term) {
        shared(value.name)
        urlPath(value.url)
        ints(value.pages)
        array(value.children) { $0.term($1) }
    }
}

extension CacheReader {
    /// Thrown out of the decoding helpers: the snapshot is damaged.
    struct Damaged: Error {}

    mutating func required<T>(_ value: T?) throws(Damaged) -> T {
        guard let value else { throw Damaged() }
        return value
    }

    mutating func readString() throws(Damaged) -> String { try required(string()) }
    mutating func readInt() throws(Damaged) -> Int { try required(int()) }
    mutating func readNumber() throws(Damaged) -> UInt64 { try required(number()) }

    mutating func readBool() throws(Damaged) -> Bool {
        switch try readInt() {
        case 0: return false
        case 1: return true
        default: throw Damaged()
        }
    }

    mutating func readOptional<T>(_ read: (inout CacheReader) throws(Damaged) -> T) throws(Damaged) -> T? {
        try readBool() ? try read(&self) : nil
    }

    mutating func readArray<T>(_ read: (inout CacheReader) throws(Damaged) -> T) throws(Damaged) -> [T] {
        let count = try required(count())
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try read(&self)) }
        return values
    }

    mutating func readShared() throws(Damaged) -> String { try required(shared()) }
    mutating func readStrings() throws(Damaged) -> [String] { try readArray { reader throws(Damaged) in try reader.readString() } }
    mutating func readSharedStrings() throws(Damaged) -> [String] { try readArray { reader throws(Damaged) in try reader.readShared() } }
    mutating func readInts() throws(Damaged) -> [Int] { try readArray { reader throws(Damaged) in try reader.readInt() } }

    /// A raw value, written with `shared`.
    mutating func readRaw<T: RawRepresentable<String>>(_: T.Type) throws(Damaged) -> T {
        try required(T(rawValue: try readShared()))
    }

    mutating func readLocation() throws(Damaged) -> SourceLocation {
        SourceLocation(file: try readShared(), line: try readInt(), column: try readInt())
    }

    mutating func readURLPath() throws(Damaged) -> URLPath {
        URLPath(try readSharedStrings())
    }

    mutating func readDate() throws(Damaged) -> PageDate {
        PageDate(
            year: try readInt(), month: try readInt(), day: try readInt(), hour: try readInt(), minute: try readInt(), second: try readInt(),
            utcOffsetSeconds: try readInt(), hasTime: try readBool()
        )
    }

    mutating func readResource() throws(Damaged) -> ResourceReference {
        ResourceReference(path: try readString(), location: try readLocation())
    }

    mutating func readConfig() throws(Damaged) -> SiteConfig {
        var config = SiteConfig()
        config.title = try readString()
        config.description = try readString()
        // Setting the base URL sets its path and origin too.
        config.baseURL = try readString()
        config.language = try readString()
        config.timezone = try readString()
        config.utcOffsetSeconds = try readInt()
        config.summaryLength = try readInt()
        config.pageSize = try readInt()
        config.menu = try readArray { reader throws(Damaged) in
            SiteConfig.MenuItem(title: try reader.readString(), url: try reader.readString())
        }
        config.unsafeHTML = try readBool()
        return config
    }

    mutating func readSection() throws(Damaged) -> SectionInfo {
        var section = SectionInfo(path: try readString(), title: try readString())
        section.description = try readOptional { reader throws(Damaged) in try reader.readString() }
        section.defaultKind = try readRaw(PageKind.self)
        section.sort = try readRaw(SectionInfo.SortOrder.self)
        section.weight = try readOptional { reader throws(Damaged) in try reader.readInt() }
        section.body = try readString()
        section.bodyStartLine = try readInt()
        section.sourceFile = try readOptional { reader throws(Damaged) in try reader.readString() }
        return section
    }

    mutating func readPage() throws(Damaged) -> Page {
        let id = try readString()
        let sectionPath = try readShared()
        let slug = try readString()
        let url = try readURLPath()
        let kind = try readRaw(PageKind.self)
        let isBundle = try readBool()
        let title = try readString()
        var page = Page(id: id, sectionPath: sectionPath, slug: slug, url: url, kind: kind, isBundle: isBundle, title: title, date: PageDate(year: 1970, month: 1, day: 1, utcOffsetSeconds: 0, hasTime: false), bodyStartLine: 1)
        page.kicker = try readOptional { reader throws(Damaged) in try reader.readString() }
        page.subtitle = try readOptional { reader throws(Damaged) in try reader.readString() }
        page.column = try readOptional { reader throws(Damaged) in try reader.readShared() }
        page.date = try readDate()
        page.updated = try readOptional { reader throws(Damaged) in try reader.readDate() }
        page.byline = try readOptional { reader throws(Damaged) in try reader.readString() }
        page.authors = try readSharedStrings()
        page.summary = try readOptional { reader throws(Damaged) in try reader.readString() }
        page.tags = try readSharedStrings()
        page.region = try readSharedStrings()
        page.image = try readOptional { reader throws(Damaged) in try reader.readResource() }
        page.imageCaption = try readOptional { reader throws(Damaged) in try reader.readString() }
        page.imageCredit = try readOptional { reader throws(Damaged) in try reader.readShared() }
        page.aliases = try readArray { reader throws(Damaged) in Alias(path: try reader.readURLPath(), location: try reader.readLocation()) }
        page.draft = try readBool()
        page.weight = try readOptional { reader throws(Damaged) in try reader.readInt() }
        page.profile = try readOptional { reader throws(Damaged) in try reader.readProfile() }
        page.roster = try readOptional { reader throws(Damaged) in try reader.readRoster() }
        page.event = try readOptional { reader throws(Damaged) in try reader.readEvent() }
        page.bodyStartLine = try readInt()
        return page
    }

    mutating func readProfile() throws(Damaged) -> ProfileInfo {
        ProfileInfo(
            name: try readString(),
            unit: try readOptional { reader throws(Damaged) in try reader.readShared() },
            occupation: try readOptional { reader throws(Damaged) in try reader.readShared() },
            honours: try readArray { reader throws(Damaged) in
                ProfileInfo.Honour(title: try reader.readShared(), year: try reader.readOptional { reader throws(Damaged) in try reader.readInt() })
            },
            portrait: try readOptional { reader throws(Damaged) in try reader.readResource() }
        )
    }

    mutating func readRoster() throws(Damaged) -> RosterInfo {
        RosterInfo(
            honour: try readOptional { reader throws(Damaged) in try reader.readShared() },
            year: try readOptional { reader throws(Damaged) in try reader.readInt() },
            conferredBy: try readSharedStrings(),
            order: try readRaw(NameOrder.self),
            groups: try readArray { reader throws(Damaged) in
                RosterInfo.Group(
                    title: try reader.readOptional { reader throws(Damaged) in try reader.readShared() },
                    members: try reader.readArray { reader throws(Damaged) in
                        RosterInfo.Member(
                            name: try reader.readString(),
                            unit: try reader.readOptional { reader throws(Damaged) in try reader.readShared() },
                            note: try reader.readOptional { reader throws(Damaged) in try reader.readString() },
                            profile: try reader.readOptional { reader throws(Damaged) in try reader.readString() },
                            location: try reader.readLocation()
                        )
                    }
                )
            }
        )
    }

    mutating func readEvent() throws(Damaged) -> EventInfo {
        EventInfo(
            start: try readOptional { reader throws(Damaged) in try reader.readDate() },
            end: try readOptional { reader throws(Damaged) in try reader.readDate() },
            location: try readOptional { reader throws(Damaged) in try reader.readShared() },
            organizers: try readSharedStrings(),
            photos: try readArray { reader throws(Damaged) in
                EventInfo.Photo(
                    source: try reader.readResource(),
                    caption: try reader.readOptional { reader throws(Damaged) in try reader.readString() },
                    credit: try reader.readOptional { reader throws(Damaged) in try reader.readShared() }
                )
            }
        )
    }

    mutating func readTerm() throws(Damaged) -> Term {
        Term(
            name: try readShared(), url: try readURLPath(), pages: try readInts(),
            children: try readArray { reader throws(Damaged) in try reader.readTerm() }
        )
    }
}
