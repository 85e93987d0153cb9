import ChineseText
import Diagnostics
import Foundation
import Markdown
import SiteModel
import Templates

/// Renders every page made of other pages: section lists (paginated), the
/// home page, taxonomy indexes and term pages, the people index, 404 and
/// alias redirects. Uses the digests of rendered pages for summaries.
///
/// The work is described first as small `Job` values, then each job is
/// rendered and written on its own, in parallel, so no list's HTML is kept.
struct ListRenderer: Sendable {
    let site: Site
    let views: ViewBuilder
    let library: TemplateLibrary
    let digests: [PageDigest]
    /// Every page's entry in a list, by page index: made once, in parallel,
    /// since a page is in several lists (its sections, tags, year, authors).
    /// Nil when only a few lists are rendered: then an entry is made when a
    /// list asks for it, and only the pages listed are read.
    private let items: [TemplateValue]?

    /// `itemsUpFront`: make every page's entry first (for rendering most lists).
    init(site: Site, views: ViewBuilder, library: TemplateLibrary, digests: [PageDigest], itemsUpFront: Bool = true) {
        self.site = site
        self.views = views
        self.library = library
        self.digests = digests
        guard itemsUpFront else {
            items = nil
            return
        }
        let count = site.pages.count
        let chunk = 256
        let entries = UnsafeMutableBufferPointer<TemplateValue>.allocate(capacity: count)
        // Each task initializes only its own range.
        nonisolated(unsafe) let output = entries
        DispatchQueue.concurrentPerform(iterations: (count + chunk - 1) / chunk) { part in
            for index in (part * chunk)..<min(count, (part + 1) * chunk) {
                output.initializeElement(at: index, to: views.item(index, digests: digests))
            }
        }
        items = Array(entries)
        entries.deinitialize().deallocate()
    }

    /// A taxonomy: where it lives and how it is titled.
    struct Taxonomy: Sendable {
        var root: String
        var title: String
        var description: String
        var terms: [Term]
    }

    /// One list of pages, split into pages of `page_size`.
    struct PagedList: Sendable {
        var base: URLPath
        var title: String
        var description: String?
        var introMarkdown: (body: String, line: Int)?
        var items: [Int]
        var children: [TemplateValue]
        var breadcrumbs: [TemplateValue]
        var section: String?
    }

    enum Job: Sendable {
        case home
        case notFound
        case people
        case taxonomyIndex(Int)
        case list(Int, page: Int)
        case alias(page: Int, alias: Int)
        case search
    }

    var taxonomies: [Taxonomy] {
        [
            Taxonomy(root: "tags", title: "专题", description: "按专题浏览全部报道。", terms: site.tags),
            Taxonomy(root: "regions", title: "地区", description: "按省份和城市浏览各地工会的报道。", terms: site.regions),
            Taxonomy(root: "honours", title: "荣誉", description: "光荣榜和劳模风采，按荣誉称号浏览。", terms: site.honours),
            Taxonomy(root: "archive", title: "归档", description: "按年份浏览全部报道。", terms: site.years),
            Taxonomy(root: "authors", title: "作者", description: "按记者和通讯员浏览报道。", terms: site.authors),
        ]
    }

    /// Every paginated list of the site: sections, then taxonomy terms (and cities).
    func pagedLists() -> [PagedList] {
        var lists: [PagedList] = []
        for path in site.sections.keys.sorted() {
            guard let info = site.sections[path] else { continue }
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
            lists.append(PagedList(
                base: info.url, title: info.title, description: info.description,
                introMarkdown: (info.body, info.bodyStartLine), items: site.sectionPages[path] ?? [],
                children: children, breadcrumbs: crumbs, section: path.split(separator: "/").first.map(String.init)
            ))
        }
        let home: TemplateValue = .object(["title": .string("首页"), "url": .string(site.config.basePath)])
        for taxonomy in taxonomies {
            let crumbs: [TemplateValue] = [home, views.link(taxonomy.title, URLPath([taxonomy.root]))]
            for term in taxonomy.terms {
                let children = term.children.map { child in
                    TemplateValue.object(["title": .string(child.name), "url": .string(views.links.href(child.url)), "count": .int(child.pages.count)])
                }
                lists.append(PagedList(
                    base: term.url, title: "\(taxonomy.title)：\(term.name)", items: term.pages,
                    children: children, breadcrumbs: crumbs, section: taxonomy.root
                ))
                for child in term.children {
                    lists.append(PagedList(
                        base: child.url, title: "\(taxonomy.title)：\(term.name) \(child.name)", items: child.pages,
                        children: [], breadcrumbs: crumbs + [views.link(term.name, term.url)], section: taxonomy.root
                    ))
                }
            }
        }
        return lists
    }

    func pageCount(_ list: PagedList) -> Int {
        max(1, (list.items.count + site.config.pageSize - 1) / site.config.pageSize)
    }

    /// Page `index`'s entry in a list.
    private func item(_ index: Int) -> TemplateValue {
        items?[index] ?? views.item(index, digests: digests)
    }

    /// Every output, in a fixed order; without `aliases`, no redirect from
    /// an alias (which every page would have to be read for).
    func jobs(lists: [PagedList], search: Bool, aliases: Bool = true) -> [Job] {
        var jobs: [Job] = [.home, .notFound, .people]
        if search { jobs.append(.search) }
        jobs += taxonomies.indices.map { .taxonomyIndex($0) }
        for (index, list) in lists.enumerated() {
            jobs += (1...pageCount(list)).map { .list(index, page: $0) }
        }
        guard aliases else { return jobs }
        for (pageIndex, page) in site.pages.enumerated() {
            jobs += page.aliases.indices.map { .alias(page: pageIndex, alias: $0) }
        }
        return jobs
    }

    /// What one job renders: the output file, the template and its data.
    struct Output: Sendable {
        var path: String
        var template: String
        var context: TemplateValue
    }

    func output(_ job: Job, lists: [PagedList]) -> Output {
        switch job {
        case .home: home()
        case .notFound: Output(path: "404.html", template: "404", context: views.root(title: "页面不存在", url: nil, description: nil, section: nil, extra: [:]))
        case .people: people()
        case .taxonomyIndex(let index): taxonomyIndex(taxonomies[index])
        case .list(let index, let number): listPage(lists[index], number: number)
        case .alias(let pageIndex, let aliasIndex): alias(pageIndex, aliasIndex)
        case .search:
            Output(
                path: "search/index.html", template: "search",
                context: views.root(title: "搜索", url: URLPath(["search"]), description: "搜索全站报道、人物和光荣榜。", section: "search", extra: [:])
            )
        }
    }

    func render(_ job: Job, lists: [PagedList]) throws(TemplateError) -> (path: String, bytes: [UInt8]) {
        let output = output(job, lists: lists)
        var bytes: [UInt8] = []
        try library.render(output.template, output.context, into: &bytes)
        return (output.path, bytes)
    }

    /// The template names a job's data lacked, for `check --strict`.
    func unresolvedNames(_ job: Job, lists: [PagedList]) throws(TemplateError) -> [UnresolvedName] {
        let output = output(job, lists: lists)
        return try library.unresolvedNames(rendering: output.template, output.context)
    }

    func markdown(_ body: String, startLine: Int) -> String? {
        let trimmed = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        let options = MarkdownOptions(allowRawHTML: site.config.unsafeHTML, lineOffset: startLine - 1)
        let links = views.links
        return MarkdownDocument(parsing: body, options: options) { link in
            if case .url(let url) = links.resolve(link.destination, fromDirectory: "", pageID: nil) { return url }
            return nil
        }.html
    }

    private func home() -> Output {
        let latest = homeLatest.map(item)
        let rosters = homeRosters.map(item)
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
        extra["intro"] = markdown(site.home.body, startLine: site.home.bodyStartLine).map { .html($0) } ?? .null
        let context = views.root(title: site.config.title, url: .root, description: site.config.description, section: nil, extra: extra)
        return Output(path: "index.html", template: "home", context: context)
    }

    /// The newest pages, and the newest rosters, that the home page lists.
    var homeLatest: ArraySlice<Int> { site.newestFirst.prefix(10) }
    var homeRosters: [Int] { Array(site.newestFirst.lazy.filter { site.pages.kind(at: $0) == .roster }.prefix(5)) }

    /// The pages listed on page `number` of a list.
    func slice(_ list: PagedList, number: Int) -> ArraySlice<Int> {
        let size = site.config.pageSize
        return list.items.dropFirst((number - 1) * size).prefix(size)
    }

    private func listPage(_ list: PagedList, number: Int) -> Output {
        let slice = slice(list, number: number)
        let url = number == 1 ? list.base : list.base.appending(["page", String(number)])
        var object: ViewBuilder.Object = [
            "title": .string(number == 1 ? list.title : "\(list.title)（第\(number)页）"),
            "description": list.description.map { .string($0) } ?? .null,
            "url": .string(views.links.href(url)),
            "items": .list(slice.map(item)),
            "pager": views.pager(base: list.base, current: number, total: pageCount(list)),
            "children": .list(number == 1 ? list.children : []),
            "breadcrumbs": .list(list.breadcrumbs),
        ]
        object["intro"] = .null
        if number == 1, let intro = list.introMarkdown, let html = markdown(intro.body, startLine: intro.line) {
            object["intro"] = .html(html)
        }
        let context = views.root(title: list.title, url: url, description: list.description, section: list.section, extra: ["list": .object(object)])
        return Output(path: url.outputFile, template: "list", context: context)
    }

    private func taxonomyIndex(_ taxonomy: Taxonomy) -> Output {
        func termValue(_ term: Term) -> TemplateValue {
            .object([
                "name": .string(term.name),
                "url": .string(views.links.href(term.url)),
                "count": .int(term.pages.count),
                "children": .list(term.children.map(termValue)),
            ])
        }
        let rootURL = URLPath([taxonomy.root])
        let home: TemplateValue = .object(["title": .string("首页"), "url": .string(site.config.basePath)])
        let context = views.root(title: taxonomy.title, url: rootURL, description: taxonomy.description, section: taxonomy.root, extra: [
            "list": .object([
                "title": .string(taxonomy.title),
                "description": .string(taxonomy.description),
                "terms": .list(taxonomy.terms.map(termValue)),
                "breadcrumbs": .list([home]),
            ]),
        ])
        return Output(path: rootURL.outputFile, template: "terms", context: context)
    }

    private func people() -> Output {
        var groups: [(initial: String, people: [TemplateValue])] = []
        var groupIndex: [String: Int] = [:]
        // Made here, for the one page that shows it, rather than with the
        // site: a build that does not render this page (most incremental
        // ones) does not pay for sorting every name.
        let people = SiteAssembler.people(pages: site.pages, profileBySlug: site.profileBySlug)
        for person in people {
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
            if let index = groupIndex[initial] {
                groups[index].people.append(value)
            } else {
                groupIndex[initial] = groups.count
                groups.append((initial, [value]))
            }
        }
        groups.sort { ($0.initial == "#" ? "~" : $0.initial) < ($1.initial == "#" ? "~" : $1.initial) }
        let url = URLPath(["people"])
        let context = views.root(title: "人物", url: url, description: "光荣榜和劳模风采中的人物", section: "people", extra: [
            "groups": .list(groups.map { .object(["initial": .string($0.initial), "people": .list($0.people)]) }),
            "stroke_groups": .list(strokeGroups(people)),
            "breadcrumbs": .list([.object(["title": .string("首页"), "url": .string(site.config.basePath)])]),
        ])
        return Output(path: url.outputFile, template: "people", context: context)
    }

    /// The same people in the order of official name lists (按姓氏笔画), grouped
    /// by the stroke count of the name's first character.
    private func strokeGroups(_ people: [Person]) -> [TemplateValue] {
        var groups: [(label: String, people: [TemplateValue])] = []
        for person in NameSorter.sorted(people, by: .stroke, name: \.name) {
            let label = person.name.first.flatMap(Strokes.count(of:)).map { "\($0)画" } ?? "其他"
            let value: TemplateValue = .object([
                "name": .string(person.name),
                "profile_url": person.profile.map { .string(views.pageHref($0)) } ?? .null,
            ])
            if groups.last?.label == label {
                groups[groups.count - 1].people.append(value)
            } else {
                groups.append((label, [value]))
            }
        }
        return groups.map { .object(["label": .string($0.label), "people": .list($0.people)]) }
    }

    private func alias(_ pageIndex: Int, _ aliasIndex: Int) -> Output {
        let page = site.pages[pageIndex]
        let alias = page.aliases[aliasIndex]
        let target = views.links.href(page.url)
        let context = views.root(title: page.title, url: nil, description: nil, section: nil, extra: [
            "title": .string(page.title),
            "target": .string(target),
            "target_absolute": .string(site.config.origin + target),
        ])
        return Output(path: alias.path.outputFile, template: "alias", context: context)
    }
}
