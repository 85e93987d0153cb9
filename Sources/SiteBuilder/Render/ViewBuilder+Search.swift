import SearchIndex
import SiteModel

extension ViewBuilder {
    /// A page as the search index sees it: title and people's names (ranked
    /// first), the other front matter readers search for, and the body text.
    func searchDocument(_ index: Int, plainText: String) -> SearchDocument {
        let page = site.pages[index]
        var names: [String] = []
        var meta: [String] = []
        func add(_ text: String?) {
            if let text, !text.isEmpty { meta.append(text) }
        }
        add(page.kicker)
        add(page.subtitle)
        add(page.column)
        meta += page.tags
        meta += page.region
        meta += page.authors.isEmpty ? page.byline.map(BylineNames.names) ?? [] : page.authors
        if let profile = page.profile {
            names.append(profile.name)
            add(profile.unit)
            add(profile.occupation)
            meta += profile.honours.map(\.title)
        }
        if let roster = page.roster {
            add(roster.honour)
            meta += roster.conferredBy
            for group in roster.groups {
                add(group.title)
                for member in group.members {
                    names.append(member.name)
                    add(member.unit)
                    add(member.note)
                }
            }
        }
        if let event = page.event {
            add(event.location)
            meta += event.organizers
        }
        return SearchDocument(
            url: links.href(page.url), title: page.title, date: page.date.chinese,
            section: site.sections[page.sectionPath]?.title ?? "", names: names, meta: meta, body: plainText
        )
    }
}
