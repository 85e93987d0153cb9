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

    /// The key of a job's output (see `OutputKeys`). An introduction written
    /// in Markdown may link anywhere in the site, so its HTML is part of the
    /// key (a few sections have one; rendering it costs microseconds).
    func key(_ job: Job, lists: [PagedList], keys: OutputKeys) -> UInt64 {
        let path = outputPath(job, lists: lists)
        switch job {
        case .home:
            var data = site.topSections.map { TemplateValue.int(site.sectionPages[$0]?.count ?? 0) }
            data.append(markdown(site.home.body, startLine: site.home.bodyStartLine).map { .html($0) } ?? .null)
            return keys.list(path: path, pages: Array(homeLatest) + homeRosters, digests: digests, data: data)
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
            return keys.list(path: path, pages: Array(slice(list, number: number)), digests: digests, data: data)
        case .taxonomyIndex(let index):
            return keys.list(path: path, pages: [], digests: digests, data: taxonomies[index].terms.map(Self.termShape))
        case .people:
            let named = site.pages.indices.filter { site.pages.kind(at: $0) == .roster || site.pages.kind(at: $0) == .profile }
            return keys.list(path: path, pages: named, digests: [], data: [])
        case .alias(let page, _):
            return keys.list(path: path, pages: [page], digests: [], data: [])
        case .notFound, .search:
            return keys.list(path: path, pages: [], digests: [], data: [])
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
