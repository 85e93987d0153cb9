import Diagnostics
import SiteModel

/// Every file a build will write and what asked for it, so that two sources
/// claiming one file are an error naming both instead of a silent overwrite.
/// A file where another output needs a folder (`news/a` beside
/// `news/a/index.html`) is the same kind of clash.
struct OutputPlan {
    /// What asks for a file, described only when two claims clash: a full
    /// build claims about 36,000 files and describes none of them.
    enum Owner {
        /// A file under `content/` (a page or a copied file), at its first line.
        case content(String)
        /// Described as is, with no location.
        case described(String)
        case term(noun: String, name: String, firstPage: String?)
        case alias(URLPath, page: String, location: SourceLocation)

        var description: String {
            switch self {
            case .content(let path): "content/\(path)"
            case .described(let text): text
            case .term(let noun, let name, let firstPage): "the page of the \(noun) “\(name)”" + (firstPage.map { " of content/\($0)" } ?? "")
            case .alias(let path, let page, _): "the alias \(path) of content/\(page)"
            }
        }

        var location: SourceLocation? {
            switch self {
            case .content(let path): SourceLocation(file: "content/\(path)", line: 1, column: 1)
            case .described, .term: nil
            case .alias(_, _, let location): location
            }
        }
    }

    /// A path or a folder's part of one, compared byte for byte as the file
    /// system does: no string is made for a folder, and no Unicode
    /// normalization is done for Chinese paths.
    private struct PathKey: Hashable {
        let path: Substring

        func hash(into hasher: inout Hasher) {
            let hashed: Void? = path.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
            if hashed == nil {
                for byte in path.utf8 { hasher.combine(byte) }
            }
        }

        static func == (left: PathKey, right: PathKey) -> Bool {
            left.path.utf8.elementsEqual(right.path.utf8)
        }
    }

    /// Claimed files.
    private var owners: [PathKey: Owner] = [:]
    /// Folders the claimed files need, with the first owner needing each.
    private var folders: [PathKey: Owner] = [:]
    private(set) var diagnostics: [Diagnostic] = []

    init(expectedFiles: Int = 0) {
        owners.reserveCapacity(expectedFiles)
        folders.reserveCapacity(expectedFiles)
    }

    /// Claims an output path; the owner's location, if any, is where an
    /// error about a clash points.
    mutating func claim(_ path: String, owner: Owner) {
        let file = Substring(path)
        if let existing = owners[PathKey(path: file)] {
            clash(owner, "would write public/\(path), which \(existing.description) writes too")
            return
        }
        if let existing = folders[PathKey(path: file)] {
            clash(owner, "would write the file public/\(path), where \(existing.description) needs a folder")
            return
        }
        // The folders the file needs that are not known yet, innermost
        // first. `folders` always holds a folder's parents with it, and no
        // folder there, nor any of its parents, can be a claimed file (that
        // claim would have clashed): so the walk up stops at the first known one.
        var newFolders: [Substring] = []
        var end = file.utf8.lastIndex(of: UInt8(ascii: "/"))
        while let slash = end {
            let folder = file[..<slash]
            if folders[PathKey(path: folder)] != nil { break }
            newFolders.append(folder)
            end = folder.utf8.lastIndex(of: UInt8(ascii: "/"))
        }
        for folder in newFolders.reversed() {
            if let existing = owners[PathKey(path: folder)] {
                clash(owner, "needs the folder public/\(folder), which \(existing.description) writes as a file")
                return
            }
        }
        owners[PathKey(path: file)] = owner
        for folder in newFolders { folders[PathKey(path: folder)] = owner }
    }

    private mutating func clash(_ owner: Owner, _ what: String) {
        diagnostics.append(.error("\(owner.description) \(what); change a slug, alias or file name", at: owner.location))
    }

    /// Claims a list's first page and its `page/N/` pages.
    mutating func claimList(_ url: URLPath, items: Int, pageSize: Int, owner: Owner) {
        claim(url.outputFile, owner: owner)
        let pages = max(1, (items + pageSize - 1) / pageSize)
        for number in stride(from: 2, through: pages, by: 1) {
            claim(url.appending(["page", String(number)]).outputFile, owner: owner)
        }
    }

    static func plan(_ site: Site, pageSize: Int, assets: [String]) -> [Diagnostic] {
        let terms = site.tags.count + site.regions.count + site.honours.count + site.years.count + site.authors.count
        var plan = OutputPlan(expectedFiles: site.pages.count + terms + site.resourceOutputs.count)
        for page in site.pages {
            plan.claim(page.url.outputFile, owner: .content(page.id))
        }
        for path in site.sections.keys.sorted() {
            let section = site.sections[path]
            let owner = section?.sourceFile ?? "the section folder content/\(path)/"
            plan.claimList(section?.url ?? URLPath([]), items: site.sectionPages[path]?.count ?? 0, pageSize: pageSize, owner: .described(owner))
        }
        for name in ["tags", "regions", "honours", "archive", "authors", "people"] {
            plan.claim("\(name)/index.html", owner: .described("the \(name) index"))
        }
        for path in ["index.html", "404.html", "feed.xml", "sitemap.xml", "search/index.html", "search/index.json"] {
            plan.claim(path, owner: .described("the generated \(path)"))
        }
        // Term pages are claimed before aliases and files, so that a clash is
        // reported at the alias's line or the file's name.
        let taxonomies: [(noun: String, terms: [Term])] = [
            ("tag", site.tags), ("region", site.regions + site.regions.flatMap(\.children)), ("honour", site.honours),
            ("year", site.years), ("author", site.authors),
        ]
        for (noun, terms) in taxonomies {
            for term in terms {
                let owner = OutputPlan.Owner.term(noun: noun, name: term.name, firstPage: term.pages.first.map { site.pages.id(at: $0) })
                plan.claimList(term.url, items: term.pages.count, pageSize: pageSize, owner: owner)
            }
        }
        for page in site.pages {
            for alias in page.aliases {
                plan.claim(alias.path.outputFile, owner: .alias(alias.path, page: page.id, location: alias.location))
            }
        }
        for (source, output) in site.resourceOutputs.sorted(by: { $0.key < $1.key }) {
            plan.claim(output, owner: .content(source))
        }
        for asset in assets {
            plan.claim("assets/\(asset)", owner: .described("templates/assets/\(asset)"))
        }
        return plan.diagnostics
    }
}
