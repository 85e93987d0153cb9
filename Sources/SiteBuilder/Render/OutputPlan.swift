import Diagnostics
import SiteModel

/// Every file a build will write and what asked for it, so that two sources
/// claiming one file are an error naming both instead of a silent overwrite.
/// A file where another output needs a folder (`news/a` beside
/// `news/a/index.html`) is the same kind of clash.
struct OutputPlan {
    private var owners: [String: String] = [:]
    /// Folders the claimed files need, with the first owner needing each.
    private var folders: [String: String] = [:]
    private(set) var diagnostics: [Diagnostic] = []

    /// Claims an output path for a source described as `owner`; a location
    /// makes the error point at the line that caused the clash.
    mutating func claim(_ path: String, owner: String, at location: SourceLocation? = nil) {
        if let existing = owners[path] {
            clash(owner, "would write public/\(path), which \(existing) writes too", at: location)
            return
        }
        if let existing = folders[path] {
            clash(owner, "would write the file public/\(path), where \(existing) needs a folder", at: location)
            return
        }
        // The folders the file needs, outermost first. `folders` always holds
        // a folder's parents with it, and no folder there, nor any of its
        // parents, can be a claimed file (that claim would have clashed): so
        // only the folders below the deepest one already known need checking.
        var chain: [String] = []
        var folder = ""
        for segment in path.split(separator: "/").dropLast() {
            folder = folder.isEmpty ? String(segment) : folder + "/" + segment
            chain.append(folder)
        }
        var firstNew = chain.count
        while firstNew > 0, folders[chain[firstNew - 1]] == nil { firstNew -= 1 }
        for folder in chain[firstNew...] {
            if let existing = owners[folder] {
                clash(owner, "needs the folder public/\(folder), which \(existing) writes as a file", at: location)
                return
            }
        }
        owners[path] = owner
        for folder in chain[firstNew...] { folders[folder] = owner }
    }

    private mutating func clash(_ owner: String, _ what: String, at location: SourceLocation?) {
        diagnostics.append(.error("\(owner) \(what); change a slug, alias or file name", at: location))
    }

    /// Claims a list's first page and its `page/N/` pages.
    mutating func claimList(_ url: URLPath, items: Int, pageSize: Int, owner: String) {
        claim(url.outputFile, owner: owner)
        let pages = max(1, (items + pageSize - 1) / pageSize)
        for number in stride(from: 2, through: pages, by: 1) {
            claim(url.appending(["page", String(number)]).outputFile, owner: owner)
        }
    }

    static func plan(_ site: Site, pageSize: Int, assets: [String]) -> [Diagnostic] {
        var plan = OutputPlan()
        for page in site.pages {
            plan.claim(page.url.outputFile, owner: "content/\(page.id)", at: SourceLocation(file: "content/\(page.id)", line: 1, column: 1))
        }
        for path in site.sections.keys.sorted() {
            let section = site.sections[path]
            let owner = section?.sourceFile ?? "the section folder content/\(path)/"
            plan.claimList(section?.url ?? URLPath([]), items: site.sectionPages[path]?.count ?? 0, pageSize: pageSize, owner: owner)
        }
        for name in ["tags", "regions", "honours", "archive", "authors", "people"] {
            plan.claim("\(name)/index.html", owner: "the \(name) index")
        }
        for path in ["index.html", "404.html", "feed.xml", "sitemap.xml", "search/index.html", "search/index.json"] {
            plan.claim(path, owner: "the generated \(path)")
        }
        // Term pages are claimed before aliases and files, so that a clash is
        // reported at the alias's line or the file's name.
        let taxonomies: [(noun: String, terms: [Term])] = [
            ("tag", site.tags), ("region", site.regions + site.regions.flatMap(\.children)), ("honour", site.honours),
            ("year", site.years), ("author", site.authors),
        ]
        for (noun, terms) in taxonomies {
            for term in terms {
                let source = term.pages.first.map { " of content/\(site.pages[$0].id)" } ?? ""
                plan.claimList(term.url, items: term.pages.count, pageSize: pageSize, owner: "the page of the \(noun) “\(term.name)”\(source)")
            }
        }
        for page in site.pages {
            for alias in page.aliases {
                plan.claim(alias.path.outputFile, owner: "the alias \(alias.path) of content/\(page.id)", at: alias.location)
            }
        }
        for (source, output) in site.resourceOutputs.sorted(by: { $0.key < $1.key }) {
            plan.claim(output, owner: "content/\(source)", at: SourceLocation(file: "content/\(source)", line: 1, column: 1))
        }
        for asset in assets {
            plan.claim("assets/\(asset)", owner: "templates/assets/\(asset)")
        }
        return plan.diagnostics
    }
}
