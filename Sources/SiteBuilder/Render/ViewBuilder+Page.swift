import ChineseText
import SiteModel
import Templates

extension ViewBuilder {

    private static func text(_ value: String?) -> TemplateValue {
        guard let value, !value.isEmpty else { return .null }
        return .string(value)
    }

    /// Resolves a cover, portrait or photo path to its URL (checked earlier by the renderer).
    func resourceURL(_ reference: ResourceReference, of page: Page) -> String {
        switch links.resolveResource(reference.path, from: page) {
        case .url(let url): url
        case .unchanged: reference.path
        // The build fails on it; what a failed render holds is never published, but stays harmless.
        case .missing: ""
        }
    }

    /// The full view of one page: its fields, its body, and its place in the site.
    func pageView(_ index: Int, bodyHTML: String, digest: PageDigest) -> TemplateValue {
        let page = site.pages[index]
        var object: Object = [
            "title": .string(page.title),
            "kicker": Self.text(page.kicker),
            "subtitle": Self.text(page.subtitle),
            "column": Self.text(page.column),
            "byline": Self.text(page.byline),
            "url": .string(links.href(page.url)),
            "date": .object(dateValue(page.date)),
            "summary": Self.text(digest.summary),
            "reading_minutes": .int(digest.readingMinutes),
            "word_count": .int(digest.wordCount),
            "body": .html(bodyHTML),
            "kind": .string(page.kind.rawValue),
            "is_\(page.kind.rawValue)": .bool(true),
            "tags": .list(page.tags.map { link($0, URLPath(["tags", $0])) }),
            "breadcrumbs": .list(breadcrumbs(for: page.sectionPath)),
        ]
        if let updated = page.updated, updated != page.date { object["updated"] = .object(dateValue(updated)) }
        if !page.region.isEmpty {
            var path = URLPath(["regions"])
            object["region"] = .list(page.region.map { name in
                path = path.appending(name)
                return link(name, path)
            })
        }
        let authors = page.authors.isEmpty ? page.byline.map(BylineNames.names) ?? [] : page.authors
        object["authors"] = .list(authors.map { link($0, URLPath(["authors", $0])) })
        if let image = page.image {
            object["image"] = .object([
                "url": .string(resourceURL(image, of: page)),
                "caption": Self.text(page.imageCaption),
                "credit": Self.text(page.imageCredit),
                "alt": .string(page.imageCaption ?? page.title),
            ])
        }
        if let section = site.sections[page.sectionPath] {
            object["section"] = link(section.title, section.url)
        }
        if let previous = site.previous[index] {
            object["previous"] = link(site.pages[previous].title, site.pages[previous].url)
        }
        if let next = site.next[index] {
            object["next"] = link(site.pages[next].title, site.pages[next].url)
        }
        object["related"] = .list(site.related[index].map { other in
            var item = link(site.pages[other].title, site.pages[other].url)
            if case .object(var fields) = item {
                fields["date"] = .object(dateValue(site.pages[other].date))
                item = .object(fields)
            }
            return item
        })
        if let profile = page.profile { object["profile"] = profileView(profile, index: index) }
        if let roster = page.roster { object["roster"] = rosterView(roster) }
        if let event = page.event { object["event"] = eventView(event, page: page) }
        return .object(object)
    }

    private func profileView(_ profile: ProfileInfo, index: Int) -> TemplateValue {
        let page = site.pages[index]
        var object: Object = [
            "name": .string(profile.name),
            "unit": Self.text(profile.unit),
            "occupation": Self.text(profile.occupation),
            "honours": .list(profile.honours.map { honour in
                .object([
                    "title": .string(honour.title),
                    "year": honour.year.map { .int($0) } ?? .null,
                    "url": URLPath.isSafeSegment(honour.title) ? .string(links.href(URLPath(["honours", honour.title]))) : .null,
                ])
            }),
            "rosters": .list((site.rostersNaming[index] ?? []).map { roster in
                var fields: Object = [
                    "title": .string(site.pages[roster].title),
                    "url": .string(links.href(site.pages[roster].url)),
                ]
                if let year = site.pages[roster].roster?.year { fields["year"] = .int(year) }
                return .object(fields)
            }),
        ]
        if let portrait = profile.portrait {
            object["portrait"] = .object(["url": .string(resourceURL(portrait, of: page)), "alt": .string("\(profile.name)的照片")])
        }
        return .object(object)
    }

    private func rosterView(_ roster: RosterInfo) -> TemplateValue {
        let orderNote: String? = switch roster.order {
        case .stroke, .strokeFullName: "按姓氏笔画排序"
        case .pinyin: "按姓氏拼音排序"
        case .asWritten: nil
        }
        let groups: [TemplateValue] = roster.groups.map { group in
            .object([
                "title": Self.text(group.title),
                "count": .int(group.members.count),
                "members": .list(group.members.map { member in
                    let profileURL: TemplateValue = member.profile.flatMap { site.profileBySlug[$0] }
                        .map { .string(links.href(site.pages[$0].url)) } ?? .null
                    return .object([
                        "name": .string(member.name),
                        "unit": Self.text(member.unit),
                        "note": Self.text(member.note),
                        "profile_url": profileURL,
                    ])
                }),
            ])
        }
        var object: Object = [
            "honour": Self.text(roster.honour),
            "year": roster.year.map { .int($0) } ?? .null,
            "conferred_by": .list(roster.conferredBy.map { .string($0) }),
            "order_note": Self.text(orderNote),
            "groups": .list(groups),
            "count": .int(roster.groups.reduce(0) { $0 + $1.members.count }),
        ]
        if let honour = roster.honour, URLPath.isSafeSegment(honour) {
            object["honour_url"] = .string(links.href(URLPath(["honours", honour])))
        }
        return .object(object)
    }

    private func eventView(_ event: EventInfo, page: Page) -> TemplateValue {
        var object: Object = [
            "location": Self.text(event.location),
            "organizers": .list(event.organizers.map { .string($0) }),
            "photos": .list(event.photos.map { photo in
                .object([
                    "url": .string(resourceURL(photo.source, of: page)),
                    "caption": Self.text(photo.caption),
                    "credit": Self.text(photo.credit),
                    "alt": .string(photo.caption ?? page.title),
                ])
            }),
        ]
        if let start = event.start { object["start"] = .object(dateValue(start)) }
        if let end = event.end { object["end"] = .object(dateValue(end)) }
        return .object(object)
    }
}
