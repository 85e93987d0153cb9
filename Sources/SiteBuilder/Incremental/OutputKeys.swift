import SiteModel
import Templates

/// What each output is made from, as one hash: when an output's key is the
/// one the last build recorded, and the site's structure (generator,
/// options, templates, settings, resources) is the same, the output's bytes
/// are the same, so it is not rendered again. This is the build's
/// dependency graph, read off the assembled site: a page depends on its own
/// file, on the front matter of the pages it shows (previous, next,
/// related, the rosters naming it, the profiles its roster links) and on
/// where its body's links lead; a list on the front matter and summaries of
/// the pages it lists and on its own data.
struct OutputKeys: Sendable {
    let site: Site
    let fingerprints: [String: PageFingerprint]
    let links: LinkResolver
    /// Each page's id and front matter as one hash, by page, made once when
    /// every output's key is wanted: a page is shown by up to a dozen
    /// others and listed on several lists. Empty when few keys are wanted
    /// (then each is made on demand).
    private let frontMatterKeys: [UInt64]

    init(site: Site, fingerprints: [String: PageFingerprint], links: LinkResolver, everyPage: Bool) {
        self.site = site
        self.fingerprints = fingerprints
        self.links = links
        frontMatterKeys = everyPage ? site.pages.indices.map { Self.frontMatterKey(id: site.pages.id(at: $0), fingerprints: fingerprints) } : []
    }

    private static func frontMatterKey(id: String, fingerprints: [String: PageFingerprint]) -> UInt64 {
        var hash = ContentHash()
        hash.add(id)
        hash.add(Int(bitPattern: UInt(fingerprints[id]?.frontMatter ?? 0)))
        return hash.value
    }

    /// A page's id and front matter, as the outputs showing it depend on them.
    func frontMatterKey(_ index: Int) -> UInt64 {
        index < frontMatterKeys.count ? frontMatterKeys[index] : Self.frontMatterKey(id: site.pages.id(at: index), fingerprints: fingerprints)
    }

    /// What a list shows of a page: its front matter, and its summary
    /// (nil for outputs that show no summary).
    func listEntry(_ index: Int, summary: String?) -> UInt64 {
        var hash = ContentHash()
        hash.add(Int(bitPattern: UInt(frontMatterKey(index))))
        hash.add(summary ?? "")
        return hash.value
    }

    /// The pages whose front matter a page's output shows.
    func shownPages(_ index: Int) -> [Int] {
        var shown: [Int] = []
        if let previous = site.previous[index] { shown.append(previous) }
        if let next = site.next[index] { shown.append(next) }
        shown += site.related[index]
        shown += site.rostersNaming[index] ?? []
        for group in site.pages[index].roster?.groups ?? [] {
            for member in group.members {
                if let slug = member.profile, let profile = site.profileBySlug[slug] { shown.append(profile) }
            }
        }
        return shown
    }

    func page(_ index: Int, destinations: [String]) -> UInt64 {
        var hash = ContentHash()
        let id = site.pages.id(at: index)
        hash.add(id)
        hash.add(Int(bitPattern: UInt(fingerprints[id]?.content ?? 0)))
        let shown = shownPages(index)
        hash.add(shown.count)
        for other in shown { hash.add(Int(bitPattern: UInt(frontMatterKey(other)))) }
        hash.add(destinations.count)
        for destination in destinations {
            hash.add(destination)
            switch links.resolve(destination, from: site.pages[index]) {
            case .unchanged: hash.add(0)
            case .url(let url): hash.add(url)
            case .missing(let reason): hash.add("missing " + reason)
            }
        }
        return hash.value
    }

    /// A list output's key: the job, its data, and the pages it lists with
    /// their summaries. `pages` are the listed pages, `entry` what the
    /// output shows of each (`listEntry`); `data` anything else the job
    /// shows that is not fixed by the site's structure.
    func list(path: String, pages: [Int], entry: (Int) -> UInt64, data: [TemplateValue]) -> UInt64 {
        var hash = ContentHash()
        hash.add(path)
        hash.add(pages.count)
        for index in pages { hash.add(Int(bitPattern: UInt(entry(index)))) }
        for value in data { Self.add(value, to: &hash) }
        return hash.value
    }

    /// A template value, object keys in order, so equal values hash equally.
    static func add(_ value: TemplateValue, to hash: inout ContentHash) {
        switch value {
        case .null: hash.add(0)
        case .bool(let flag): hash.add(flag ? 2 : 1)
        case .int(let number):
            hash.add(3)
            hash.add(number)
        case .double(let number):
            hash.add(4)
            hash.add(Int(bitPattern: UInt(number.bitPattern)))
        case .string(let text):
            hash.add(5)
            hash.add(text)
        case .html(let text):
            hash.add(6)
            hash.add(text)
        case .list(let items):
            hash.add(7)
            hash.add(items.count)
            for item in items { add(item, to: &hash) }
        case .object(let fields):
            hash.add(8)
            hash.add(fields.count)
            for key in fields.keys.sorted() {
                hash.add(key)
                if let field = fields[key] { add(field, to: &hash) }
            }
        }
    }
}
