import ChineseText
import Diagnostics
import SiteModel

/// Turns parsed pages into a `Site`: leaves out drafts and future pages,
/// orders sections, files pages under taxonomies, links rosters and profiles,
/// and finds neighbours and related pages. Every step is linear or n log n.
struct SiteAssembler {
    let includeDrafts: Bool
    let includeFuture: Bool
    let now: Int

    /// Independent parts (the sections, the tags with related pages, the
    /// other taxonomies, rosters and profiles) are assembled side by side.
    func assemble(_ parsed: ParsedSite) async -> (Site, [Diagnostic]) {
        var unpublished: Set<String> = []
        var nextPublication = Int.max
        for page in parsed.pages where page.draft && !includeDrafts || page.date.epochSeconds > now && !includeFuture {
            unpublished.insert(page.id)
            if !page.draft || includeDrafts { nextPublication = min(nextPublication, page.date.epochSeconds) }
        }
        // Usually every page is published: then the parsed array is shared, not copied.
        let pages = unpublished.isEmpty ? parsed.pages : parsed.pages.filter { !unpublished.contains($0.id) }
        var indexByID: [String: Int] = [:]
        indexByID.reserveCapacity(pages.count)
        for (index, page) in pages.enumerated() { indexByID[page.id] = index }

        // Pages compared through a buffer pointer, which lends them instead of copying each one.
        let newestFirst = pages.withUnsafeBufferPointer { pages in
            Array(pages.indices).sorted { Self.newer(pages[$0], pages[$1]) }
        }

        async let tagsAndRelated = { () -> ([Term], [[Int]]) in
            let tags = Self.terms(root: "tags", pages: pages, order: newestFirst) { $0.tags }
            return (tags, Self.related(pages: pages, tags: tags, newestFirst: newestFirst))
        }()
        async let otherTerms = Self.otherTerms(pages: pages, order: newestFirst)
        async let people = Self.rostersAndProfiles(pages: pages)
        let structure = Self.structure(pages: pages, newestFirst: newestFirst, sections: parsed.sections)

        var resourceOutputs: [String: String] = [:]
        var bundleResources: [String: [String: String]] = [:]
        for resource in parsed.resources {
            if let owner = resource.ownerPage, let inner = resource.pathInBundle {
                guard let index = indexByID[owner] else { continue }
                let base = pages[index].url.segments.joined(separator: "/")
                resourceOutputs[resource.path] = base + "/" + inner
                bundleResources[owner, default: [:]][inner] = resource.path
            } else if resource.ownerPage == nil {
                resourceOutputs[resource.path] = resource.path
            }
        }
        let (tags, related) = await tagsAndRelated
        let terms = await otherTerms
        let (profileBySlug, rostersNaming, diagnostics) = await people

        let site = Site(
            config: parsed.config, home: parsed.home, sections: structure.sections, pages: PageList(pages), pageIndexByID: indexByID,
            unpublishedIDs: unpublished, nextPublication: nextPublication, sectionPages: structure.sectionPages,
            childSections: structure.childSections, topSections: structure.topSections,
            newestFirst: newestFirst, tags: tags, regions: terms.regions, honours: terms.honours, years: terms.years, authors: terms.authors,
            rostersNaming: rostersNaming, profileBySlug: profileBySlug, previous: structure.previous, next: structure.next,
            related: related, resourceOutputs: resourceOutputs, bundleResources: bundleResources
        )
        return (site, diagnostics)
    }

    /// The sections and their pages, and each page's neighbours.
    private struct Structure {
        var sections: [String: SectionInfo]
        var childSections: [String: [String]]
        var topSections: [String]
        var sectionPages: [String: [Int]]
        var previous: [Int?]
        var next: [Int?]
    }

    private static func structure(pages: [Page], newestFirst: [Int], sections parsedSections: [String: SectionInfo]) -> Structure {
        // Sections: every folder with pages, plus its ancestors.
        var sections = parsedSections
        for page in pages {
            forEachSection(containing: page.sectionPath) { path in
                if sections[path] == nil {
                    sections[path] = SectionInfo(path: path, title: String(path.split(separator: "/").last ?? ""))
                }
            }
        }
        var childSections: [String: [String]] = [:]
        var topSections: [String] = []
        for path in sections.keys {
            if let slash = path.lastIndex(of: "/") {
                childSections[String(path[..<slash]), default: []].append(path)
            } else {
                topSections.append(path)
            }
        }
        let sectionOrder: (String, String) -> Bool = { lhs, rhs in
            let left = sections[lhs]?.weight ?? Int.max
            let right = sections[rhs]?.weight ?? Int.max
            return left != right ? left < right : lhs < rhs
        }
        topSections.sort(by: sectionOrder)
        for key in childSections.keys { childSections[key]?.sort(by: sectionOrder) }

        // A section lists its own pages and its subsections' pages.
        var sectionPages: [String: [Int]] = [:]
        for index in newestFirst {
            forEachSection(containing: pages[index].sectionPath) { sectionPages[$0, default: []].append(index) }
        }
        for (path, list) in sectionPages where sections[path]?.sort == .weight {
            sectionPages[path] = list.sorted { lhs, rhs in
                let left = pages[lhs].weight ?? Int.max
                let right = pages[rhs].weight ?? Int.max
                return left != right ? left < right : Self.newer(pages[lhs], pages[rhs])
            }
        }

        // Previous and next among the pages of the page's own section folder.
        var previous = [Int?](repeating: nil, count: pages.count)
        var next = [Int?](repeating: nil, count: pages.count)
        for (path, list) in sectionPages {
            let own = list.filter { pages[$0].sectionPath == path }
            for (position, index) in own.enumerated() {
                previous[index] = position + 1 < own.count ? own[position + 1] : nil
                next[index] = position > 0 ? own[position - 1] : nil
            }
        }

        return Structure(
            sections: sections, childSections: childSections, topSections: topSections, sectionPages: sectionPages, previous: previous, next: next
        )
    }

    /// A page's section folder and every folder above it, innermost first
    /// (`news/local`, then `news`); none for a page at the top.
    static func forEachSection(containing sectionPath: String, _ body: (String) -> Void) {
        var path = sectionPath
        while !path.isEmpty {
            body(path)
            guard let slash = path.lastIndex(of: "/") else { break }
            path = String(path[..<slash])
        }
    }

    private struct OtherTerms {
        var years: [Term]
        var authors: [Term]
        var honours: [Term]
        var regions: [Term]
    }

    private static func otherTerms(pages: [Page], order newestFirst: [Int]) -> OtherTerms {
        let years = Self.terms(root: "archive", pages: pages, order: newestFirst) { [String($0.date.year)] }
            .sorted { $0.name > $1.name }
        let authors = Self.terms(root: "authors", pages: pages, order: newestFirst) { page in
            page.authors.isEmpty ? page.byline.map(BylineNames.names) ?? [] : page.authors
        }
        let honours = Self.terms(root: "honours", pages: pages, order: newestFirst) { page in
            var names: [String] = []
            var seen: Set<String> = []
            for title in [page.roster?.honour].compactMap({ $0 }) + (page.profile?.honours.map(\.title) ?? []) where seen.insert(title).inserted {
                names.append(title)
            }
            return names.filter(URLPath.isSafeSegment)
        }
        let regions = Self.regionTerms(pages: pages, order: newestFirst)
        return OtherTerms(years: years, authors: authors, honours: honours, regions: regions)
    }

    /// Profiles by slug, the rosters naming each profile, and the problems
    /// found on the way (unknown profiles, names without stroke data).
    private static func rostersAndProfiles(pages: [Page]) -> (profileBySlug: [String: Int], rostersNaming: [Int: [Int]], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        // Profiles by slug; roster members link to them, and they back to the rosters.
        var profileBySlug: [String: Int] = [:]
        for (index, page) in pages.enumerated() where page.kind == .profile {
            profileBySlug[page.slug] = index
        }
        var rostersNaming: [Int: [Int]] = [:]
        for (index, page) in pages.enumerated() {
            guard let roster = page.roster else { continue }
            for member in roster.groups.flatMap(\.members) {
                guard let slug = member.profile else { continue }
                if let profile = profileBySlug[slug] {
                    if rostersNaming[profile]?.contains(index) != true { rostersNaming[profile, default: []].append(index) }
                } else {
                    diagnostics.append(.error(
                        "unknown profile \"\(slug)\": no published profile page has this slug (profiles: \(profileBySlug.keys.sorted().prefix(5).joined(separator: ", "))\(profileBySlug.count > 5 ? ", …" : ""))",
                        at: member.location
                    ))
                }
            }
        }
        for key in rostersNaming.keys { rostersNaming[key]?.sort { Self.newer(pages[$0], pages[$1]) } }
        diagnostics += Self.strokeTableGaps(pages)
        return (profileBySlug, rostersNaming, diagnostics)
    }

    /// Names on stroke-ordered rosters with characters the stroke table does
    /// not know: they are still sorted (by a fallback rule), but maybe not as printed.
    static func strokeTableGaps(_ pages: [Page]) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        for page in pages {
            guard let roster = page.roster, roster.order == .stroke || roster.order == .strokeFullName else { continue }
            for member in roster.groups.flatMap(\.members) {
                let unknown = NameSorter.charactersWithoutStrokeData(in: member.name)
                guard !unknown.isEmpty else { continue }
                warnings.append(.warning(
                    "no stroke data for \(unknown.map { "“\($0)”" }.joined(separator: "、")) in \(member.name): this name is placed by code point, check the order by hand",
                    at: member.location
                ))
            }
        }
        return warnings
    }

    /// Newest first; same instant: lower weight first, then by id for a stable order.
    static func newer(_ lhs: Page, _ rhs: Page) -> Bool {
        let left = lhs.date.epochSeconds
        let right = rhs.date.epochSeconds
        if left != right { return left > right }
        let leftWeight = lhs.weight ?? Int.max
        let rightWeight = rhs.weight ?? Int.max
        if leftWeight != rightWeight { return leftWeight < rightWeight }
        return lhs.id < rhs.id
    }

    /// Groups pages by the names a function gives; terms sorted by name
    /// (Unicode order, stable across runs), pages newest first.
    static func terms(root: String, pages: [Page], order: [Int], names: (Page) -> [String]) -> [Term] {
        var byName: [String: [Int]] = [:]
        pages.withUnsafeBufferPointer { pages in
            for index in order {
                for name in names(pages[index]) { byName[name, default: []].append(index) }
            }
        }
        return byName.keys.sorted().map { name in
            Term(name: name, url: URLPath([root, name]), pages: byName[name] ?? [])
        }
    }

    static func regionTerms(pages: [Page], order: [Int]) -> [Term] {
        var provinces: [String: [Int]] = [:]
        var cities: [String: [String: [Int]]] = [:]
        for index in order {
            let region = pages[index].region
            guard let province = region.first else { continue }
            provinces[province, default: []].append(index)
            if region.count > 1 { cities[province, default: [:]][region[1], default: []].append(index) }
        }
        return provinces.keys.sorted().map { province in
            let url = URLPath(["regions", province])
            let children = (cities[province] ?? [:]).keys.sorted().map { city in
                Term(name: city, url: url.appending(city), pages: cities[province]?[city] ?? [])
            }
            return Term(name: province, url: url, pages: provinces[province] ?? [], children: children)
        }
    }

    /// Everyone on a roster or with a profile, once each, in pinyin order.
    static func people<Pages: RandomAccessCollection<Page>>(pages: Pages, profileBySlug: [String: Int]) -> [Person] where Pages.Index == Int {
        var byKey: [String: Person] = [:]
        for (index, page) in pages.enumerated() {
            // People are changed in place in the dictionary: a copy taken out
            // and put back would copy the honours list on every append.
            if let profile = page.profile {
                let key = "profile:" + page.slug
                Self.update(&byKey[key, default: Person(key: key, name: profile.name, profile: index, unit: profile.unit, honours: [], pinyinInitial: nil)]) { person in
                    person.profile = index
                    person.unit = person.unit ?? profile.unit
                    for honour in profile.honours {
                        person.honours.append(.init(title: honour.title, year: honour.year, page: index))
                    }
                }
            }
            if let roster = page.roster {
                let title = roster.honour ?? page.title
                for group in roster.groups {
                    for member in group.members {
                        let linked = member.profile.flatMap { profileBySlug[$0] } != nil
                        let key = linked ? "profile:" + (member.profile ?? "") : "name:" + member.name
                        let honourTitle = group.title.map { $0 == title || $0.isEmpty ? title : "\(title)（\($0)）" } ?? title
                        Self.update(&byKey[key, default: Person(
                            key: key, name: member.name, profile: member.profile.flatMap { profileBySlug[$0] },
                            unit: member.unit, honours: [], pinyinInitial: nil
                        )]) { person in
                            person.unit = person.unit ?? member.unit
                            person.honours.append(.init(title: honourTitle, year: roster.year, page: index))
                        }
                    }
                }
            }
        }
        // Keys first, so that people with the same name keep one order in every run.
        var people = byKey.keys.sorted().compactMap { byKey[$0] }
        for index in people.indices {
            people[index].pinyinInitial = Pinyin.initial(of: people[index].name)
            // A profile and a roster often record the same honour: list it once, with the roster's link.
            let fromRosters = Set(people[index].honours.filter { pages[$0.page].kind == .roster }.map { "\($0.title) \($0.year ?? 0)" })
            people[index].honours.removeAll { pages[$0.page].kind == .profile && fromRosters.contains("\($0.title) \($0.year ?? 0)") }
            people[index].honours.sort { ($0.year ?? 0, $0.title, $0.page) > ($1.year ?? 0, $1.title, $1.page) }
        }
        return NameSorter.sorted(people, by: .pinyin) { $0.name }
    }

    private static func update(_ person: inout Person, _ change: (inout Person) -> Void) {
        change(&person)
    }

    /// Every page's related pages (`RelatedPages`).
    static func related(pages: [Page], tags: [Term], newestFirst: [Int]) -> [[Int]] {
        var related = RelatedPages(tags: tags, newestFirst: newestFirst, pageCount: pages.count)
        return pages.indices.map { related.of($0, tags: pages[$0].tags) }
    }
}
