import Diagnostics

/// One page read from content/: its front matter, checked and typed. The
/// body is not kept: the builder reads it again when it renders the page, so
/// a site's memory does not grow with its text.
public struct Page: Sendable, Hashable {
    /// The source path relative to content/ (`initiatives/xiamen.md`,
    /// `events/2025/wuwei/index.md`): the page's identity everywhere.
    public var id: String
    /// The section folder relative to content/ (`events/2025`), `""` at the top.
    public var sectionPath: String
    public var slug: String
    public var url: URLPath
    public var kind: PageKind
    public var isBundle: Bool

    public var title: String
    public var kicker: String?
    public var subtitle: String?
    public var column: String?
    public var date: PageDate
    public var updated: PageDate?
    public var byline: String?
    public var authors: [String]
    public var summary: String?
    public var tags: [String]
    /// Province first: `["福建省", "厦门市"]`.
    public var region: [String]
    public var image: ResourceReference?
    public var imageCaption: String?
    public var imageCredit: String?
    public var aliases: [Alias]
    public var draft: Bool
    public var weight: Int?

    public var profile: ProfileInfo?
    public var roster: RosterInfo?
    public var event: EventInfo?

    /// The line the Markdown body starts on in the file.
    public var bodyStartLine: Int

    public init(id: String, sectionPath: String, slug: String, url: URLPath, kind: PageKind, isBundle: Bool, title: String, date: PageDate, bodyStartLine: Int) {
        self.id = id
        self.sectionPath = sectionPath
        self.slug = slug
        self.url = url
        self.kind = kind
        self.isBundle = isBundle
        self.title = title
        self.date = date
        self.authors = []
        self.tags = []
        self.region = []
        self.aliases = []
        self.draft = false
        self.bodyStartLine = bodyStartLine
    }

    /// The folder of the page's source relative to content/, against which
    /// relative links and images are resolved.
    public var sourceDirectory: String {
        guard let slash = id.lastIndex(of: "/") else { return "" }
        return String(id[..<slash])
    }
}

/// An old URL that redirects to a page.
public struct Alias: Sendable, Hashable {
    public var path: URLPath
    public var location: SourceLocation

    public init(path: URLPath, location: SourceLocation) {
        self.path = path
        self.location = location
    }
}

/// A file a page points to (cover, portrait, photo), as written and where.
public struct ResourceReference: Sendable, Hashable {
    public var path: String
    public var location: SourceLocation

    public init(path: String, location: SourceLocation) {
        self.path = path
        self.location = location
    }
}
