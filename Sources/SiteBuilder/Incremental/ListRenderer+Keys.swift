import SiteModel
import Templates

extension ListRenderer {
    /// Where a job's output goes, without making its data (`output(_:lists:)`
    /// gives the same path; a test holds them together).
    func outputPath(_ job: Job, lists: [PagedList]) -> String {
        switch job {
        case .home: "index.html"
        case .notFound: "404.html"
        case .people: URLPath(["people"]).outputFile
        case .search: "search/index.html"
        case .taxonomyIndex(let index): URLPath([taxonomies[index].root]).outputFile
        case .list(let index, let number):
            (number == 1 ? lists[index].base : lists[index].base.appending(["page", String(number)])).outputFile
        case .alias(let page, let alias): site.pages[page].aliases[alias].path.outputFile
        }
    }

    /// Every page's list entry with its summary (`OutputKeys.listEntry`),
    /// made once when every list's key is wanted.
    func listEntries(keys: OutputKeys) -> [UInt64] {
        digests.indices.map { keys.listEntry($0, summary: digests[$0].summary) }
    }

    /// The key of a job's output (see `OutputKeys`). An introduction written
    /// in Markdown may link anywhere in the site, so its HTML is part of the
    /// key (a few sections have one; rendering it costs microseconds).
    /// `entries`: the pages' list entries made up front, if they were.
    func key(_ job: Job, lists: [PagedList], keys: OutputKeys, entries: [UInt64]? = nil) -> UInt64 {
        let path = outputPath(job, lists: lists)
        let summarized = { (index: Int) -> UInt64 in
            if let entries, index < entries.count { return entries[index] }
            return keys.listEntry(index, summary: index < digests.count ? digests[index].summary : "")
        }
        let bare = { (index: Int) -> UInt64 in keys.listEntry(index, summary: nil) }
        switch job {
        case .home:
            var data = site.topSections.map { TemplateValue.int(site.sectionPages[$0]?.count ?? 0) }
            data.append(markdown(site.home.body, startLine: site.home.bodyStartLine).map { .html($0) } ?? .null)
            return keys.list(path: path, pages: Array(homeLatest) + homeRosters, entry: summarized, data: data)
        case .list(let index, let number):
            let list = lists[index]
            var intro = TemplateValue.null
            if number == 1, let markdown = list.introMarkdown, let html = self.markdown(markdown.body, startLine: markdown.line) {
                intro = .html(html)
            }
            let data: [TemplateValue] = [
                .int(pageCount(list)), .string(list.title), list.description.map { .string($0) } ?? .null,
                .list(list.children), .list(list.breadcrumbs), intro,
            ]
            return keys.list(path: path, pages: Array(slice(list, number: number)), entry: summarized, data: data)
        case .taxonomyIndex(let index):
            return keys.list(path: path, pages: [], entry: summarized, data: taxonomies[index].terms.map(Self.termShape))
        case .people:
            let named = site.pages.indices.filter { site.pages.kind(at: $0) == .roster || site.pages.kind(at: $0) == .profile }
            return keys.list(path: path, pages: named, entry: bare, data: [])
        case .alias(let page, _):
            return keys.list(path: path, pages: [page], entry: bare, data: [])
        case .notFound, .search:
            return keys.list(path: path, pages: [], entry: bare, data: [])
        }
    }

    /// Whether a job's output shows any of these pages: a list their entries
    /// (of a page's rendering, only its summary is in one), an alias redirect
    /// its page's title. After body edits, only such outputs are rendered again.
    func shows(anyOf pages: Set<Int>, _ job: Job, lists: [PagedList]) -> Bool {
        switch job {
        case .home:
            homeLatest.contains(where: pages.contains) || homeRosters.contains(where: pages.contains)
        case .list(let index, let number):
            slice(lists[index], number: number).contains(where: pages.contains)
        case .alias(let page, _):
            pages.contains(page)
        case .notFound, .people, .taxonomyIndex, .search:
            false
        }
    }

    /// What a taxonomy index shows of a term: its name, count and children.
    private static func termShape(_ term: Term) -> TemplateValue {
        .list([.string(term.name), .int(term.pages.count), .list(term.children.map(termShape))])
    }
}
