import ChineseText
import Diagnostics
import FrontMatter

/// Checks a page's front matter against the content contract and builds a
/// `Page`. Every problem becomes a diagnostic at the field's position; the
/// page is returned only when it has what a page needs (title and date).
public struct PageSchema: Sendable {
    public var config: SiteConfig

    public init(config: SiteConfig) {
        self.config = config
    }

    public struct Input: Sendable {
        public var id: String
        public var sectionPath: String
        /// The slug from the file or bundle folder name.
        public var fileSlug: String
        public var isBundle: Bool
        public var defaultKind: PageKind
        public var source: PageSource
        /// The file's bytes, for the source lines of diagnostics: decoded
        /// only when there is a message.
        let bytes: [UInt8]

        public init(id: String, sectionPath: String, fileSlug: String, isBundle: Bool, defaultKind: PageKind, source: PageSource, bytes: [UInt8]) {
            self.id = id
            self.sectionPath = sectionPath
            self.fileSlug = fileSlug
            self.isBundle = isBundle
            self.defaultKind = defaultKind
            self.source = source
            self.bytes = bytes
        }

        public init(id: String, sectionPath: String, fileSlug: String, isBundle: Bool, defaultKind: PageKind, source: PageSource, text: String) {
            self.init(
                id: id, sectionPath: sectionPath, fileSlug: fileSlug, isBundle: isBundle, defaultKind: defaultKind, source: source, bytes: Array(text.utf8)
            )
        }
    }

    public func page(from input: Input, file: String) -> (page: Page?, diagnostics: [Diagnostic]) {
        var reader = FieldReader(file: file, sourceBytes: input.bytes)
        let root = input.source.frontMatter
        guard case .mapping(let fields) = root.value else {
            reader.error("front matter must be a mapping of fields (title: ...)", at: root)
            return (nil, reader.diagnostics)
        }
        let offset = config.utcOffsetSeconds

        let title = reader.string("title", in: fields)
        if title == nil, fields["title"] == nil {
            reader.error("missing required field \"title\": add a line like `title: 标题` to the front matter", line: 1, column: 1)
        } else if let title, title.isEmpty, let node = fields["title"] {
            reader.error("field \"title\" must not be empty", at: node)
        }
        let date = reader.date("date", in: fields, siteOffsetSeconds: offset)
        if fields["date"] == nil {
            reader.error("missing required field \"date\": add a line like `date: 2025-06-06`", line: 1, column: 1)
        } else if date == nil, let node = fields["date"], case .null = node.value {
            reader.error("field \"date\" is empty: write a date like 2025-06-06", at: node)
        }

        var kind = input.defaultKind
        if let node = fields["kind"], let name = reader.string(node, field: "kind") {
            if let parsed = PageKind(rawValue: name) {
                kind = parsed
            } else {
                let known = PageKind.allCases.map(\.rawValue).joined(separator: ", ")
                reader.error("unknown kind \"\(name)\": use one of \(known)", at: node)
            }
        }

        var slug = input.fileSlug
        if let node = fields["slug"], let written = reader.string(node, field: "slug") {
            if URLPath.isSafeSegment(written), !written.hasPrefix("_"), !written.hasPrefix(".") {
                slug = written
            } else {
                reader.error("slug \"\(written)\" cannot be a URL segment: it must not be empty, contain `/`, `\\` or control characters, be `..`, or start with `_` or `.`", at: node)
            }
        }
        let sectionSegments = input.sectionPath.split(separator: "/").map(String.init)
        let url = URLPath(sectionSegments + [slug])

        let common = readCommonFields(fields, reader: &reader)
        let profile = kind == .profile ? readProfile(fields, title: title, reader: &reader) : nil
        let roster = kind == .roster ? readRoster(fields, reader: &reader) : nil
        let event = kind == .event ? readEvent(fields, reader: &reader) : nil

        guard let title, !title.isEmpty, let date else { return (nil, reader.diagnostics) }
        var page = Page(
            id: input.id, sectionPath: input.sectionPath, slug: slug, url: url, kind: kind, isBundle: input.isBundle,
            title: title, date: date, bodyStartLine: input.source.bodyStartLine
        )
        page.kicker = common.kicker
        page.subtitle = common.subtitle
        page.column = common.column
        page.updated = reader.date("updated", in: fields, siteOffsetSeconds: offset)
        page.byline = common.byline
        page.authors = common.authors
        page.summary = common.summary
        page.tags = common.tags
        page.region = common.region
        page.image = common.image
        page.imageCaption = common.imageCaption
        page.imageCredit = common.imageCredit
        page.aliases = common.aliases
        page.draft = reader.bool("draft", in: fields) ?? false
        page.weight = reader.int("weight", in: fields)
        page.profile = profile
        page.roster = roster
        page.event = event
        return (page, reader.diagnostics)
    }

    private struct CommonFields {
        var kicker, subtitle, column, byline, summary, imageCaption, imageCredit: String?
        var authors: [String] = []
        var tags: [String] = []
        var region: [String] = []
        var image: ResourceReference?
        var aliases: [Alias] = []
    }

    private func readCommonFields(_ fields: YAMLMapping, reader: inout FieldReader) -> CommonFields {
        var common = CommonFields()
        common.kicker = reader.string("kicker", in: fields)
        common.subtitle = reader.string("subtitle", in: fields)
        common.column = reader.string("column", in: fields)
        common.byline = reader.string("byline", in: fields)
        common.summary = reader.string("summary", in: fields)
        common.imageCaption = reader.string("image_caption", in: fields)
        common.imageCredit = reader.string("image_credit", in: fields)
        common.authors = readNames("authors", fields, reader: &reader)
        common.tags = readNames("tags", fields, reader: &reader)
        common.region = readRegion(fields, reader: &reader)
        if let node = fields["image"], let path = reader.string(node, field: "image") {
            common.image = ResourceReference(path: path, location: reader.location(of: node))
        }
        if let node = fields["aliases"] {
            let items: [YAMLNode] = if case .list(let list) = node.value { list } else { [node] }
            for item in items {
                guard let text = reader.string(item, field: "aliases") else { continue }
                if let path = URLPath.parse(text), !path.segments.isEmpty {
                    common.aliases.append(Alias(path: path, location: reader.location(of: item)))
                } else {
                    reader.error("alias \"\(text)\" is not a usable path: write a site path like /2025/06/old-page/ without `..`", at: item)
                }
            }
        }
        return common
    }

    /// Tags and authors: each becomes a URL segment, so each must be one.
    private func readNames(_ key: String, _ fields: YAMLMapping, reader: inout FieldReader) -> [String] {
        guard let node = fields[key] else { return [] }
        let items: [YAMLNode] = if case .list(let list) = node.value { list } else { [node] }
        var names: [String] = []
        var seen: Set<String> = []
        for item in items {
            guard let raw = reader.string(item, field: key) else { continue }
            let name = raw.trimmingSpaces
            if name.isEmpty { continue }
            if URLPath.isSafeSegment(name) {
                if seen.insert(name).inserted { names.append(name) }
            } else {
                reader.error("\(key) entry \"\(name)\" cannot be used in a URL: it must not contain `/`, `\\` or control characters, or be `..`", at: item)
            }
        }
        return names
    }

    /// `福建省/厦门市` or `[福建省, 厦门市]`: province, then city.
    private func readRegion(_ fields: YAMLMapping, reader: inout FieldReader) -> [String] {
        guard let node = fields["region"] else { return [] }
        var parts: [String] = []
        switch node.value {
        case .list:
            parts = reader.strings(node, field: "region")
        default:
            if let text = reader.string(node, field: "region") {
                parts = text.split(separator: "/").map { String($0).trimmingSpaces }
            }
        }
        parts = parts.filter { !$0.isEmpty }
        if parts.count > 2 {
            reader.error("region has \(parts.count) levels; write a province and at most a city, like 福建省/厦门市", at: node)
            return Array(parts.prefix(2))
        }
        for part in parts where !URLPath.isSafeSegment(part) {
            reader.error("region \"\(part)\" cannot be used in a URL", at: node)
            return []
        }
        return parts
    }

    private func readProfile(_ fields: YAMLMapping, title: String?, reader: inout FieldReader) -> ProfileInfo {
        let name = reader.string("name", in: fields) ?? title ?? ""
        var honours: [ProfileInfo.Honour] = []
        if let node = fields["honours"] {
            let items: [YAMLNode] = if case .list(let list) = node.value { list } else { [node] }
            for item in items {
                switch item.value {
                case .mapping(let honour):
                    if let title = reader.string("title", in: honour) {
                        honours.append(ProfileInfo.Honour(title: title, year: reader.int("year", in: honour)))
                    } else {
                        reader.error("an honour needs a title, like {title: 全国劳动模范, year: 2025}", at: item)
                    }
                default:
                    if let title = reader.string(item, field: "honours") {
                        honours.append(ProfileInfo.Honour(title: title, year: nil))
                    }
                }
            }
        }
        var portrait: ResourceReference?
        if let node = fields["portrait"], let path = reader.string(node, field: "portrait") {
            portrait = ResourceReference(path: path, location: reader.location(of: node))
        }
        return ProfileInfo(
            name: name, unit: reader.string("unit", in: fields), occupation: reader.string("occupation", in: fields),
            honours: honours, portrait: portrait
        )
    }

    private func readRoster(_ fields: YAMLMapping, reader: inout FieldReader) -> RosterInfo {
        var order = NameOrder.asWritten
        if let node = fields["order"], let text = reader.string(node, field: "order") {
            if let parsed = NameOrder(rawValue: text) {
                order = parsed
            } else {
                let known = NameOrder.allCases.map(\.rawValue).joined(separator: ", ")
                reader.error("unknown order \"\(text)\": use one of \(known)", at: node)
            }
        }
        var groups: [RosterInfo.Group] = []
        if let node = fields["groups"] {
            if case .list(let items) = node.value {
                for item in items {
                    guard let group = reader.mapping(item, field: "groups") else { continue }
                    guard let membersNode = group["members"] else {
                        reader.error("this group has no members: add `members: [name, name]`", at: item)
                        continue
                    }
                    let members = readMembers(membersNode, reader: &reader)
                    if members.isEmpty {
                        reader.error("this group's members list is empty", at: membersNode)
                    }
                    groups.append(RosterInfo.Group(title: reader.string("title", in: group), members: members))
                }
            } else {
                reader.error("groups must be a list of {title: ..., members: [...]}", at: node)
            }
        } else if let membersNode = fields["members"] {
            groups.append(RosterInfo.Group(title: nil, members: readMembers(membersNode, reader: &reader)))
        } else {
            reader.error("a roster needs `groups:` (or `members:`) listing the people honoured", line: 1, column: 1)
        }
        for index in groups.indices {
            groups[index].members = NameSorter.sorted(groups[index].members, by: order) { $0.name }
        }
        return RosterInfo(
            honour: reader.string("honour", in: fields), year: reader.int("year", in: fields),
            conferredBy: reader.strings("conferred_by", in: fields), order: order, groups: groups
        )
    }

    private func readMembers(_ node: YAMLNode, reader: inout FieldReader) -> [RosterInfo.Member] {
        guard case .list(let items) = node.value else {
            reader.error("members must be a list of names or of {name: ..., unit: ...}", at: node)
            return []
        }
        var members: [RosterInfo.Member] = []
        for item in items {
            let location = reader.location(of: item)
            switch item.value {
            case .mapping(let fields):
                guard let name = reader.string("name", in: fields), !name.isEmpty else {
                    reader.error("a member needs a name", at: item)
                    continue
                }
                var profile: String?
                var profileLocation = location
                if let node = fields["profile"] {
                    profile = reader.string(node, field: "profile")
                    profileLocation = reader.location(of: node)
                }
                members.append(RosterInfo.Member(
                    name: name, unit: reader.string("unit", in: fields), note: reader.string("note", in: fields),
                    profile: profile, location: profile == nil ? location : profileLocation
                ))
            default:
                if let name = reader.string(item, field: "members"), !name.isEmpty {
                    members.append(RosterInfo.Member(name: name, unit: nil, note: nil, profile: nil, location: location))
                }
            }
        }
        return members
    }

    private func readEvent(_ fields: YAMLMapping, reader: inout FieldReader) -> EventInfo {
        var info = EventInfo(start: nil, end: nil, location: nil, organizers: [], photos: [])
        if let node = fields["event"], let event = reader.mapping(node, field: "event") {
            info.start = reader.date("start", in: event, siteOffsetSeconds: config.utcOffsetSeconds)
            info.end = reader.date("end", in: event, siteOffsetSeconds: config.utcOffsetSeconds)
            info.location = reader.string("location", in: event)
            info.organizers = reader.strings("organizers", in: event)
            if let start = info.start, let end = info.end, end < start, let endNode = event["end"] {
                reader.error("the event ends (\(end.isoDate)) before it starts (\(start.isoDate))", at: endNode)
            }
        }
        if let node = fields["photos"] {
            let items: [YAMLNode] = if case .list(let list) = node.value { list } else { [node] }
            for item in items {
                switch item.value {
                case .mapping(let photo):
                    guard let srcNode = photo["src"], let src = reader.string(srcNode, field: "src") else {
                        reader.error("a photo needs `src:` naming the image file", at: item)
                        continue
                    }
                    info.photos.append(EventInfo.Photo(
                        source: ResourceReference(path: src, location: reader.location(of: srcNode)),
                        caption: reader.string("caption", in: photo), credit: reader.string("credit", in: photo)
                    ))
                default:
                    if let src = reader.string(item, field: "photos") {
                        info.photos.append(EventInfo.Photo(source: ResourceReference(path: src, location: reader.location(of: item)), caption: nil, credit: nil))
                    }
                }
            }
        }
        return info
    }
}

extension String {
    /// Trims ASCII and full-width spaces.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\u{3000}" || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
