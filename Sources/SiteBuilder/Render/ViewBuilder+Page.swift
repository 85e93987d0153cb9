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
    /// `imageSizes`: pixel sizes of the page's cover, portrait and photos, by the path as written.
    func pageView(_ index: Int, bodyHTML: String, digest: PageDigest, imageSizes: [String: ImageSize] = [:]) -> TemplateValue {
        let page = site.pages[index]
        var object: Object = [
            "title": .string(page.title),
            "kicker": Self.text(page.kicker),
            "subtitle": Self.text(page.subtitle),
            "column": Self.text(page.column),
            "byline": Self.text(page.byline),
            "url": .string(pageHref(index)),
            "date": .object(dateValue(page.date)),
            "summary": Self.text(digest.summary),
            "reading_minutes": .int(digest.readingMinutes),
            "word_count": .int(digest.wordCount),
            "body": .html(bodyHTML),
            "kind": .string(page.kind.rawValue),
            "is_article": .bool(page.kind == .article),
            "is_profile": .bool(page.kind == .profile),
            "is_roster": .bool(page.kind == .roster),
            "is_event": .bool(page.kind == .event),
            "tags": .list(page.tags.map { link($0, URLPath(["tags", $0])) }),
            "breadcrumbs": .list(breadcrumbs(for: page.sectionPath)),
        ]
        object["updated"] = page.updated.flatMap { $0 == page.date ? nil : TemplateValue.object(dateValue($0)) } ?? .null
        var regionPath = URLPath(["regions"])
        object["region"] = .list(page.region.map { name in
            regionPath = regionPath.appending(name)
            return link(name, regionPath)
        })
        let authors = page.authors.isEmpty ? page.byline.map(BylineNames.names) ?? [] : page.authors
        object["authors"] = .list(authors.map { link($0, URLPath(["authors", $0])) })
        object["image"] = .null
        if let image = page.image {
            object["image"] = .object(Self.sized(imageSizes[image.path]).merging([
                "url": .string(resourceURL(image, of: page)),
                "caption": Self.text(page.imageCaption),
                "credit": Self.text(page.imageCredit),
                "alt": .string(page.imageCaption ?? page.title),
            ]) { $1 })
        }
        object["section"] = site.sections[page.sectionPath].map { link($0.title, $0.url) } ?? .null
        object["previous"] = site.previous[index].map { link(page: $0) } ?? .null
        object["next"] = site.next[index].map { link(page: $0) } ?? .null
        object["related"] = .list(site.related[index].map { other in
            .object([
                "title": .string(site.pages[other].title),
                "url": .string(pageHref(other)),
                "date": .object(dateValue(site.pages[other].date)),
            ])
        })
        object["profile"] = page.profile.map { profileView($0, index: index, imageSizes: imageSizes) } ?? .null
        object["roster"] = page.roster.map(rosterView) ?? .null
        object["event"] = page.event.map { eventView($0, page: page, imageSizes: imageSizes) } ?? .null
        return .object(object)
    }

    /// `width` and `height` for an `<img>`, when the size is known.
    private static func sized(_ size: ImageSize?) -> [String: TemplateValue] {
        guard let size else { return ["width": .null, "height": .null] }
        return ["width": .int(size.width), "height": .int(size.height)]
    }

    private func profileView(_ profile: ProfileInfo, index: Int, imageSizes: [String: ImageSize]) -> TemplateValue {
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
        object["portrait"] = .null
        if let portrait = profile.portrait {
            object["portrait"] = .object(Self.sized(imageSizes[portrait.path]).merging(
                ["url": .string(resourceURL(portrait, of: page)), "alt": .string("\(profile.name)的照片")]
            ) { $1 })
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
        } else {
            object["honour_url"] = .null
        }
        return .object(object)
    }

    private func eventView(_ event: EventInfo, page: Page, imageSizes: [String: ImageSize]) -> TemplateValue {
        var object: Object = [
            "location": Self.text(event.location),
            "organizers": .list(event.organizers.map { .string($0) }),
            // The cover is shown above the body already; the gallery does not repeat it.
            "photos": .list(event.photos.filter { $0.source.path != page.image?.path }.map { photo in
                .object(Self.sized(imageSizes[photo.source.path]).merging([
                    "url": .string(resourceURL(photo.source, of: page)),
                    "caption": Self.text(photo.caption),
                    "credit": Self.text(photo.credit),
                    "alt": .string(photo.caption ?? page.title),
                ]) { $1 })
            }),
        ]
        object["start"] = event.start.map { .object(dateValue($0)) } ?? .null
        object["end"] = event.end.map { .object(dateValue($0)) } ?? .null
        return .object(object)
    }
}
