import SiteModel
import Templates

/// Builds the data templates see. Logic stays here: dates are formatted,
/// URLs resolved and lists ordered before a template gets them.
struct ViewBuilder: Sendable {
    let site: Site
    let links: LinkResolver
    /// Set by `serve` so pages can ask for live reload; empty in builds.
    var extraHead: String = ""
    /// False when the build writes no search index: no search box then.
    var search = true

    init(site: Site) {
        self.site = site
        self.links = LinkResolver(site: site)
    }

    typealias Object = [String: TemplateValue]

    // MARK: Shared

    func siteValue(currentSection: String?) -> TemplateValue {
        let config = site.config
        let menu: [TemplateValue] = config.menu.map { item in
            let url = item.url.hasPrefix("/") ? config.basePath + String(item.url.dropFirst()) : item.url
            let current = currentSection.map { item.url == "/\($0)/" } ?? (item.url == "/")
            return .object(["title": .string(item.title), "url": .string(url), "current": .bool(current)])
        }
        let sections: [TemplateValue] = site.topSections.compactMap { path in
            guard let info = site.sections[path] else { return nil }
            return .object(["title": .string(info.title), "url": .string(links.href(info.url))])
        }
        return .object([
            "title": .string(config.title),
            "description": .string(config.description),
            "language": .string(config.language),
            "base": .string(config.basePath),
            "home_url": .string(config.basePath),
            "feed_url": .string(config.basePath + "feed.xml"),
            "people_url": .string(config.basePath + "people/"),
            "tags_url": .string(config.basePath + "tags/"),
            "regions_url": .string(config.basePath + "regions/"),
            "honours_url": .string(config.basePath + "honours/"),
            "archive_url": .string(config.basePath + "archive/"),
            "authors_url": .string(config.basePath + "authors/"),
            "css_url": .string(config.basePath + "assets/site.css"),
            "search_url": search ? .string(config.basePath + "search/") : .null,
            "search_js_url": .string(config.basePath + "assets/search.js"),
            "menu": .list(menu),
            "sections": .list(sections),
        ])
    }

    /// The context every template gets: the site, the page's title for
    /// `<title>`, its canonical URL and description.
    func root(title: String, url: URLPath?, description: String?, section: String?, extra: Object) -> TemplateValue {
        var object = extra
        object["site"] = siteValue(currentSection: section)
        object["head_title"] = .string(title == site.config.title ? title : "\(title) - \(site.config.title)")
        if let url { object["canonical"] = .string(site.config.origin + links.href(url)) }
        if let description, !description.isEmpty { object["description"] = .string(description) }
        if !extraHead.isEmpty { object["extra_head"] = .html(extraHead) }
        return .object(object)
    }

    func link(_ title: String, _ url: URLPath) -> TemplateValue {
        .object(["title": .string(title), "name": .string(title), "url": .string(links.href(url))])
    }

    private static func optional(_ text: String?) -> TemplateValue {
        guard let text, !text.isEmpty else { return .null }
        return .string(text)
    }

    func dateValue(_ date: PageDate) -> Object {
        ["text": .string(date.chinese), "iso": .string(date.machineReadable)]
    }

    // MARK: Lists

    /// One page as an entry in a list.
    func item(_ index: Int, digests: [PageDigest]) -> TemplateValue {
        let page = site.pages[index]
        var object: Object = [
            "title": .string(page.title),
            "url": .string(links.href(page.url)),
            "kicker": Self.optional(page.kicker),
            "subtitle": Self.optional(page.subtitle),
            "date": .object(dateValue(page.date)),
            "summary": Self.optional(index < digests.count ? digests[index].summary : page.summary),
            "kind": .string(page.kind.rawValue),
        ]
        if let section = site.sections[page.sectionPath] {
            object["section"] = link(section.title, section.url)
        }
        return .object(object)
    }

    /// Page numbers with links, for a list split into pages.
    func pager(base: URLPath, current: Int, total: Int) -> TemplateValue {
        guard total > 1 else { return .null }
        func url(_ number: Int) -> String {
            links.href(number == 1 ? base : base.appending(["page", String(number)]))
        }
        let numbers: [TemplateValue] = (1...total).map { number in
            .object(["number": .int(number), "url": .string(url(number)), "current": .bool(number == current)])
        }
        return .object([
            "current": .int(current),
            "total": .int(total),
            "previous_url": current > 1 ? .string(url(current - 1)) : .null,
            "next_url": current < total ? .string(url(current + 1)) : .null,
            "pages": .list(numbers),
        ])
    }

    func breadcrumbs(for sectionPath: String) -> [TemplateValue] {
        var crumbs: [TemplateValue] = [.object(["title": .string("首页"), "url": .string(site.config.basePath)])]
        var path = ""
        for segment in sectionPath.split(separator: "/") {
            path = path.isEmpty ? String(segment) : path + "/" + segment
            if let section = site.sections[path] { crumbs.append(link(section.title, section.url)) }
        }
        return crumbs
    }
}
