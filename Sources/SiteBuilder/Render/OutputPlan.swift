import Diagnostics
import SiteModel

/// Every file a build will write and what asked for it, so that two sources
/// claiming one file are an error naming both instead of a silent overwrite.
struct OutputPlan {
    private var owners: [String: String] = [:]
    private(set) var diagnostics: [Diagnostic] = []

    /// Claims an output path for a source described as `owner`; a location
    /// makes the error point at the line that caused the clash.
    mutating func claim(_ path: String, owner: String, at location: SourceLocation? = nil) {
        if let existing = owners[path] {
            diagnostics.append(.error("\(owner) would write public/\(path), which \(existing) writes too; change a slug, alias or file name", at: location))
        } else {
            owners[path] = owner
        }
    }

    static func plan(_ site: Site, pageSize: Int, assets: [String]) -> [Diagnostic] {
        var plan = OutputPlan()
        for page in site.pages {
            plan.claim(page.url.outputFile, owner: "content/\(page.id)", at: SourceLocation(file: "content/\(page.id)", line: 1, column: 1))
        }
        for path in site.sections.keys.sorted() {
            let section = site.sections[path]
            let url = section?.url ?? URLPath([])
            let owner = section?.sourceFile ?? "the section folder content/\(path)/"
            plan.claim(url.outputFile, owner: owner)
            let count = site.sectionPages[path]?.count ?? 0
            for number in stride(from: 2, through: max(1, (count + pageSize - 1) / pageSize), by: 1) {
                plan.claim(url.appending(["page", String(number)]).outputFile, owner: owner)
            }
        }
        for page in site.pages {
            for alias in page.aliases {
                plan.claim(alias.path.outputFile, owner: "the alias \(alias.path) of content/\(page.id)", at: alias.location)
            }
        }
        for (source, output) in site.resourceOutputs.sorted(by: { $0.key < $1.key }) {
            plan.claim(output, owner: "content/\(source)")
        }
        for name in ["tags", "regions", "honours", "archive", "authors", "people"] {
            plan.claim("\(name)/index.html", owner: "the \(name) index")
        }
        for path in ["index.html", "404.html", "feed.xml", "sitemap.xml", "search/index.html", "search/index.json"] {
            plan.claim(path, owner: "the generated \(path)")
        }
        for asset in assets {
            plan.claim("assets/\(asset)", owner: "templates/assets/\(asset)")
        }
        return plan.diagnostics
    }
}
