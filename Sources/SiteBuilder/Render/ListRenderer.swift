import Diagnostics
import Foundation
import Markdown
import SiteModel
import Templates

/// Renders every page made of other pages: section lists (paginated), the
/// home page, taxonomy indexes and term pages, the people index, 404 and
/// alias redirects. Uses the digests of rendered pages for summaries.
struct ListRenderer: Sendable {
    let site: Site
    let views: ViewBuilder
    let library: TemplateLibrary
    let digests: [PageDigest]

    typealias Output = (path: String, text: String)

    func render(search: Bool = true) throws(TemplateError) -> [Output] {
        var outputs: [Output] = []
        outputs.append(try home())
        for path in site.sections.keys.sorted() {
            outputs += try section(path)
        }
        outputs += try taxonomy(root: "tags", title: "专题", description: "按专题浏览全部报道。", terms: site.tags)
        outputs += try taxonomy(root: "regions", title: "地区", description: "按省份和城市浏览各地工会的报道。", terms: site.regions)
        outputs += try taxonomy(root: "honours", title: "荣誉", description: "光荣榜和劳模风采，按荣誉称号浏览。", terms: site.honours)
        outputs += try taxonomy(root: "archive", title: "归档", description: "按年份浏览全部报道。", terms: site.years)
        outputs += try taxonomy(root: "authors", title: "作者", description: "按记者和通讯员浏览报道。", terms: site.authors)
        outputs.append(try people())
        outputs.append((
            "404.html",
            try library.render("404", views.root(title: "页面不存在", url: nil, description: nil, section: nil, extra: [:]))
        ))
        if search {
            let context = views.root(title: "搜索", url: URLPath(["search"]), description: "搜索全站报道、人物和光荣榜。", section: "search", extra: [:])
            outputs.append(("search/index.html", try library.render("search", context)))
        }
        outputs += try aliases()
        return outputs
    }

    private func markdown(_ body: String, startLine: Int) -> String? {
        let trimmed = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        let options = MarkdownOptions(allowRawHTML: site.config.unsafeHTML, lineOffset: startLine - 1)
        let links = views.links
        return MarkdownDocument(parsing: body, options: options) { link in
            if case .url(let url) = links.resolve(link.destination, fromDirectory: "", pageID: nil) { return url }
            return nil
        }.html
    }

    private func home() throws(TemplateError) -> Output {
        let latest = site.newestFirst.prefix(10).map { views.item($0, digests: digests) }
        let rosters = site.newestFirst.lazy.filter { site.pages[$0].kind == .roster }.prefix(5).map { views.item($0, digests: digests) }
        let sections: [TemplateValue] = site.topSections.compactMap { path in
            guard let info = site.sections[path] else { return nil }
            return .object([
                "title": .string(info.title),
                "url": .string(views.links.href(info.url)),
                "count": .int(site.sectionPages[path]?.count ?? 0),
            ])
        }
        var extra: ViewBuilder.Object = [
            "latest": .list(Array(latest)),
            "rosters": .list(Array(rosters)),
            "sections": .list(sections),
        ]
        if let intro = markdown(site.home.body, startLine: site.home.bodyStartLine) { extra["intro"] = .html(intro) }
        let context = views.root(title: site.config.title, url: .root, description: site.config.description, section: nil, extra: extra)
        return ("index.html", try library.render("home", context))
    }

    /// A list split into pages of `page_size`: `/x/`, `/x/page/2/`, ...
    private func paginated(
        base: URLPath, title: String, description: String?, intro: String?, items: [Int],
        children: [TemplateValue], breadcrumbs: [TemplateValue], section: String?
    ) throws(TemplateError) -> [Output] {
        let size = site.config.pageSize
        let total = max(1, (items.count + size - 1) / size)
        var outputs: [Output] = []
        for number in 1...total {
            let slice = items.dropFirst((number - 1) * size).prefix(size)
            let url = number == 1 ? base : base.appending(["page", String(number)])
            var list: ViewBuilder.Object = [
                "title": .string(number == 1 ? title : "\(title)（第\(number)页）"),
                "description": description.map { .string($0) } ?? .null,
                "url": .string(views.links.href(url)),
                "items": .list(slice.map { views.item($0, digests: digests) }),
                "pager": views.pager(base: base, current: number, total: total),
                "children": .list(number == 1 ? children : []),
                "breadcrumbs": .list(breadcrumbs),
            ]
            if number == 1, let intro { list["intro"] = .html(intro) }
            let context = views.root(title: title, url: url, description: description, section: section, extra: ["list": .object(list)])
            outputs.append((url.outputFile, try library.render("list", context)))
        }
        return outputs
    }

    private func section(_ path: String) throws(TemplateError) -> [Output] {
        guard let info = site.sections[path] else { return [] }
        let children: [TemplateValue] = (site.childSections[path] ?? []).compactMap { child in
            guard let childInfo = site.sections[child] else { return nil }
            return .object([
                "title": .string(childInfo.title),
                "url": .string(views.links.href(childInfo.url)),
                "count": .int(site.sectionPages[child]?.count ?? 0),
            ])
        }
        var crumbs = views.breadcrumbs(for: path)
        crumbs.removeLast()
        return try paginated(
            base: info.url, title: info.title, description: info.description,
            intro: markdown(info.body, startLine: info.bodyStartLine), items: site.sectionPages[path] ?? [],
            children: children, breadcrumbs: crumbs, section: path.split(separator: "/").first.map(String.init)
        )
    }

    private func taxonomy(root: String, title: String, description: String, terms: [Term]) throws(TemplateError) -> [Output] {
        let rootURL = URLPath([root])
        func termValue(_ term: Term) -> TemplateValue {
            .object([
                "name": .string(term.name),
                "url": .string(views.links.href(term.url)),
                "count": .int(term.pages.count),
                "children": .list(term.children.map(termValue)),
            ])
        }
        let home: TemplateValue = .object(["title": .string("首页"), "url": .string(site.config.basePath)])
        let indexContext = views.root(title: title, url: rootURL, description: description, section: root, extra: [
            "list": .object([
                "title": .string(title),
                "description": .string(description),
                "terms": .list(terms.map(termValue)),
                "breadcrumbs": .list([home]),
            ]),
        ])
        var outputs: [Output] = [(rootURL.outputFile, try library.render("terms", indexContext))]
        let crumbs: [TemplateValue] = [home, views.link(title, rootURL)]
        for term in terms {
            let children = term.children.map { child in
                TemplateValue.object(["title": .string(child.name), "url": .string(views.links.href(child.url)), "count": .int(child.pages.count)])
            }
            outputs += try paginated(
                base: term.url, title: "\(title)：\(term.name)", description: nil, intro: nil, items: term.pages,
                children: children, breadcrumbs: crumbs, section: root
            )
            var childCrumbs = crumbs
            childCrumbs.append(views.link(term.name, term.url))
            for child in term.children {
                outputs += try paginated(
                    base: child.url, title: "\(title)：\(term.name) \(child.name)", description: nil, intro: nil, items: child.pages,
                    children: [], breadcrumbs: childCrumbs, section: root
                )
            }
        }
        return outputs
    }

    private func people() throws(TemplateError) -> Output {
        var groups: [(initial: String, people: [TemplateValue])] = []
        for person in site.people {
            let initial = person.pinyinInitial.map(String.init) ?? "#"
            let honours: [TemplateValue] = person.honours.map { honour in
                .object([
                    "title": .string(honour.title),
                    "year": honour.year.map { .int($0) } ?? .null,
                    "url": .string(views.links.href(site.pages[honour.page].url)),
                ])
            }
            let value: TemplateValue = .object([
                "name": .string(person.name),
                "unit": person.unit.map { .string($0) } ?? .null,
                "profile_url": person.profile.map { .string(views.links.href(site.pages[$0].url)) } ?? .null,
                "honours": .list(honours),
            ])
            if let index = groups.firstIndex(where: { $0.initial == initial }) {
                groups[index].people.append(value)
            } else {
                groups.append((initial, [value]))
            }
        }
        groups.sort { ($0.initial == "#" ? "~" : $0.initial) < ($1.initial == "#" ? "~" : $1.initial) }
        let url = URLPath(["people"])
        let context = views.root(title: "人物", url: url, description: "光荣榜和劳模风采中的人物", section: "people", extra: [
            "groups": .list(groups.map { .object(["initial": .string($0.initial), "people": .list($0.people)]) }),
            "breadcrumbs": .list([.object(["title": .string("首页"), "url": .string(site.config.basePath)])]),
        ])
        return (url.outputFile, try library.render("people", context))
    }

    private func aliases() throws(TemplateError) -> [Output] {
        var outputs: [Output] = []
        for page in site.pages {
            for alias in page.aliases {
                let target = views.links.href(page.url)
                let context = views.root(title: page.title, url: nil, description: nil, section: nil, extra: [
                    "title": .string(page.title),
                    "target": .string(target),
                    "target_absolute": .string(site.config.origin + target),
                ])
                outputs.append((alias.path.outputFile, try library.render("alias", context)))
            }
        }
        return outputs
    }
}
