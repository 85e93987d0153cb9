import Diagnostics
import FrontMatter

/// Site settings from `content/_site.yml`.
public struct SiteConfig: Sendable, Hashable {
    public struct MenuItem: Sendable, Hashable {
        public var title: String
        public var url: String

        public init(title: String, url: String) {
            self.title = title
            self.url = url
        }
    }

    public var title: String = "UnionPress"
    public var description: String = ""
    /// Absolute base URL, always ending in `/`.
    public var baseURL: String = "https://example.org/" {
        didSet {
            basePath = Self.basePath(of: baseURL)
            origin = Self.origin(of: baseURL)
        }
    }

    /// The path part of the base URL (`/` or `/news/`), prefixed to every link
    /// so that a site works under a sub-path. Kept with `baseURL`: links ask for it all the time.
    public private(set) var basePath = "/"

    /// `https://news.example.org` (no trailing slash), for absolute links in feeds.
    public private(set) var origin = "https://example.org"
    public var language: String = "zh-CN"
    public var timezone: String = "Asia/Shanghai"
    public var utcOffsetSeconds: Int = 8 * 3600
    public var summaryLength: Int = 120
    public var pageSize: Int = 20
    public var menu: [MenuItem] = []
    /// Raw HTML in Markdown is dropped unless a site opts in (it lets any editor inject scripts).
    public var unsafeHTML: Bool = false

    public init() {}

    private static func basePath(of baseURL: String) -> String {
        guard let schemeEnd = baseURL.range(of: "://") else { return "/" }
        let afterHost = baseURL[schemeEnd.upperBound...]
        guard let slash = afterHost.firstIndex(of: "/") else { return "/" }
        let path = String(afterHost[slash...])
        return path.hasSuffix("/") ? path : path + "/"
    }

    private static func origin(of baseURL: String) -> String {
        guard let schemeEnd = baseURL.range(of: "://") else { return "" }
        let afterHost = baseURL[schemeEnd.upperBound...]
        let hostEnd = afterHost.firstIndex(of: "/") ?? afterHost.endIndex
        return String(baseURL[..<hostEnd])
    }

    /// Normalises a base URL given on the command line or in the file.
    public static func normalizedBaseURL(_ text: String) -> String {
        text.hasSuffix("/") ? text : text + "/"
    }

    /// Reads `_site.yml`; unknown keys are allowed (themes may use them).
    public static func read(_ root: YAMLNode, reader: inout FieldReader) -> SiteConfig {
        var config = SiteConfig()
        guard case .mapping(let mapping) = root.value else {
            if case .null = root.value { return config }
            reader.error("_site.yml must be a mapping of settings (name: value)", at: root)
            return config
        }
        if let title = reader.string("title", in: mapping) { config.title = title }
        if let description = reader.string("description", in: mapping) { config.description = description }
        if let node = mapping["base_url"], let url = reader.string(node, field: "base_url") {
            if url.hasPrefix("http://") || url.hasPrefix("https://") {
                config.baseURL = normalizedBaseURL(url)
            } else {
                reader.error("base_url must be an absolute URL starting with https:// or http://", at: node)
            }
        }
        if let language = reader.string("language", in: mapping) { config.language = language }
        if let node = mapping["timezone"], let zone = reader.string(node, field: "timezone") {
            if let offset = TimeZones.offsetSeconds(zone) {
                config.timezone = zone
                config.utcOffsetSeconds = offset
            } else {
                reader.error("unknown time zone \"\(zone)\": use a name like Asia/Shanghai or an offset like +08:00", at: node)
            }
        }
        if let node = mapping["summary_length"], let length = reader.int("summary_length", in: mapping) {
            if length > 0 { config.summaryLength = length } else { reader.error("summary_length must be at least 1", at: node) }
        }
        if let node = mapping["page_size"], let size = reader.int("page_size", in: mapping) {
            if size > 0 { config.pageSize = size } else { reader.error("page_size must be at least 1", at: node) }
        }
        if let unsafe = reader.bool("unsafe_html", in: mapping) { config.unsafeHTML = unsafe }
        if let menuNode = mapping["menu"] {
            if case .list(let items) = menuNode.value {
                for item in items {
                    guard let entry = reader.mapping(item, field: "menu") else { continue }
                    let title = reader.string("title", in: entry)
                    let url = reader.string("url", in: entry)
                    if title != nil, let url, !config.unsafeHTML, let scheme = URLPath.dangerousScheme(url), let node = entry["url"] {
                        reader.error("menu url \"\(url)\" is a \(scheme): address, which can run script; link to a page or an https:// address", at: node)
                    } else if let title, let url {
                        config.menu.append(MenuItem(title: title, url: url))
                    } else {
                        reader.error("a menu entry needs both title and url", at: item)
                    }
                }
            } else if case .null = menuNode.value {
            } else {
                reader.error("menu must be a list of {title: ..., url: ...}", at: menuNode)
            }
        }
        return config
    }
}
