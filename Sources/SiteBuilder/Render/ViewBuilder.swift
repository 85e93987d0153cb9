import SiteModel
import Templates

/// Builds the data templates see. Logic stays here: dates are formatted,
/// URLs resolved and lists ordered before a template gets them.
struct ViewBuilder: Sendable {
    let site: Site
    let links: LinkResolver
    /// Set by `serve` so pages can ask for live reload; empty in builds.
    var extraHead: String = ""
    /// Every page's link, encoded once: lists ask for the same pages again
    /// and again. Nil when few outputs are rendered (as from a snapshot,
    /// whose pages are decoded when asked for): then a link is made when
    /// asked for, and only the pages shown are read.
    private let pageHrefs: [String]?
    /// The `site` value for each current section (menu highlighting), made once.
    private let siteValues: [String: TemplateValue]
    /// False when the build writes no search index: no search box then.
    let search: Bool

    /// Asset URLs by template name (`site_css`), fingerprinted.
    private let assetURLs: [String: TemplateValue]
    /// Each section's link by path, made once: every list entry has one.
    private let sectionLinks: [String: TemplateValue]

    /// `assetPaths`: template name → path under the output folder (see `Theme.assetPaths`).
    /// `hrefsUpFront`: encode every page's link first (for rendering most outputs).
    init(site: Site, assetPaths: [String: String] = [:], search: Bool = true, hrefsUpFront: Bool = true) {
        self.site = site
        self.search = search
        let links = LinkResolver(site: site)
        self.links = links
        pageHrefs = hrefsUpFront ? site.pages.map { links.href($0.url) } : nil
        let assetURLs = assetPaths.mapValues { TemplateValue.string(site.config.basePath + $0) }
        self.assetURLs = assetURLs
        var values: [String: TemplateValue] = [:]
        for section in site.topSections + ["tags", "regions", "honours", "archive", "authors", "people", "search", ""] {
            values[section] = Self.makeSiteValue(site: site, links: links, assets: assetURLs, search: search, currentSection: section.isEmpty ? nil : section)
        }
        siteValues = values
        sectionLinks = site.sections.mapValues { Self.link($0.title, href: links.href($0.url)) }
    }

    typealias Object = [String: TemplateValue]

    /// The link to page `index`.
    func pageHref(_ index: Int) -> String {
        pageHrefs?[index] ?? links.href(site.pages[index].url)
    }

    // MARK: Shared

    func siteValue(currentSection: String?) -> TemplateValue {
        siteValues[currentSection ?? ""] ?? Self.makeSiteValue(site: site, links: links, assets: assetURLs, search: search, currentSection: currentSection)
    }

    private static func makeSiteValue(
        site: Site, links: LinkResolver, assets: [String: TemplateValue], search: Bool, currentSection: String?
    ) -> TemplateValue {
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
            "css_url": assets["site_css"] ?? .string(config.basePath + "assets/site.css"),
            "search_url": search ? .string(config.basePath + "search/") : .null,
            "search_js_url": assets["search_js"] ?? .string(config.basePath + "assets/search.js"),
            "asset": .object(assets),
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
        // Every key is always present (null when empty), so `check --strict`
        // can tell a template's typo from an optional field that is empty.
        object["canonical"] = url.map { .string(site.config.origin + links.href($0)) } ?? .null
        object["description"] = description.flatMap { $0.isEmpty ? nil : TemplateValue.string($0) } ?? .null
        object["extra_head"] = extraHead.isEmpty ? .null : .html(extraHead)
        if object["structured_data"] == nil { object["structured_data"] = .null }
        return .object(object)
    }

    func link(_ title: String, _ url: URLPath) -> TemplateValue {
        Self.link(title, href: links.href(url))
    }

    private static func link(_ title: String, href: String) -> TemplateValue {
        .object(["title": .string(title), "name": .string(title), "url": .string(href)])
    }

    /// A link to a published page.
    func link(page index: Int) -> TemplateValue {
        let title = site.pages[index].title
        return .object(["title": .string(title), "name": .string(title), "url": .string(pageHref(index))])
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
        // Fields read one by one: a copy of the whole page would retain every one of its fields.
        let pages = site.pages
        var object: Object = [
            "title": .string(pages[index].title),
            "url": .string(pageHref(index)),
            "kicker": Self.optional(pages[index].kicker),
            "subtitle": Self.optional(pages[index].subtitle),
            "date": .object(dateValue(pages[index].date)),
            "summary": Self.optional(index < digests.count ? digests[index].summary : pages[index].summary),
            "kind": .string(pages[index].kind.rawValue),
        ]
        object["section"] = sectionLinks[pages[index].sectionPath] ?? .null
        return .object(object)
    }

    /// Page numbers with links, for a list split into pages: the first and
    /// last pages and two either side of the current one, with gaps between,
    /// so a list of hundreds of pages does not link every page from every page.
    func pager(base: URLPath, current: Int, total: Int) -> TemplateValue {
        guard total > 1 else { return .null }
        let baseHref = links.href(base)
        func url(_ number: Int) -> String {
            number == 1 ? baseHref : baseHref + "page/\(number)/"
        }
        var shown = [1, total]
        shown += (max(1, current - 2)...min(total, current + 2))
        var numbers: [TemplateValue] = []
        var previous = 0
        for number in Set(shown).sorted() {
            if number > previous + 1 { numbers.append(.object(["gap": .bool(true)])) }
            numbers.append(.object(["number": .int(number), "url": .string(url(number)), "current": .bool(number == current), "gap": .bool(false)]))
            previous = number
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
