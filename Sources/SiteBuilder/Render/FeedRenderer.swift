import SiteModel

/// The Atom feed and the sitemap, written directly as XML (every value
/// escaped for XML, every link absolute).
struct FeedRenderer: Sendable {
    let site: Site
    let digests: [PageDigest]
    static let feedSize = 20

    private func absolute(_ path: URLPath) -> String {
        site.config.origin + site.config.basePath + path.encoded
    }

    func atom() -> String {
        let config = site.config
        let entries = site.newestFirst.prefix(Self.feedSize)
        // The feed's date is its newest entry's, never the build's: same input, same bytes.
        let updated = entries.map { (site.pages[$0].updated ?? site.pages[$0].date) }.max()?.rfc3339 ?? "1970-01-01T00:00:00Z"
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(XMLEscape.escape(config.language))">
        <title>\(XMLEscape.escape(config.title))</title>

        """
        if !config.description.isEmpty { xml += "<subtitle>\(XMLEscape.escape(config.description))</subtitle>\n" }
        xml += """
        <link rel="self" type="application/atom+xml" href="\(XMLEscape.escape(config.origin + config.basePath + "feed.xml"))"/>
        <link rel="alternate" type="text/html" href="\(XMLEscape.escape(config.origin + config.basePath))"/>
        <id>\(XMLEscape.escape(config.origin + config.basePath))</id>
        <updated>\(updated)</updated>

        """
        for index in entries {
            let page = site.pages[index]
            let url = XMLEscape.escape(absolute(page.url))
            xml += "<entry>\n<title>\(XMLEscape.escape(page.title))</title>\n"
            xml += "<link rel=\"alternate\" type=\"text/html\" href=\"\(url)\"/>\n<id>\(url)</id>\n"
            xml += "<published>\(page.date.rfc3339)</published>\n<updated>\((page.updated ?? page.date).rfc3339)</updated>\n"
            let authors = page.authors.isEmpty ? page.byline.map(BylineNames.names) ?? [] : page.authors
            for author in authors { xml += "<author><name>\(XMLEscape.escape(author))</name></author>\n" }
            if authors.isEmpty { xml += "<author><name>\(XMLEscape.escape(config.title))</name></author>\n" }
            for tag in page.tags { xml += "<category term=\"\(XMLEscape.escape(tag))\"/>\n" }
            let summary = index < digests.count ? digests[index].summary : ""
            if !summary.isEmpty { xml += "<summary>\(XMLEscape.escape(summary))</summary>\n" }
            xml += "</entry>\n"
        }
        xml += "</feed>\n"
        return xml
    }

    func sitemap() -> String {
        var urls: [(URLPath, PageDate?)] = []
        urls.append((.root, site.newestFirst.first.map { site.pages[$0].date }))
        for (index, page) in site.pages.enumerated() {
            urls.append((page.url, page.updated ?? site.pages[index].date))
        }
        for path in site.sections.keys.sorted() {
            guard let info = site.sections[path] else { continue }
            urls.append((info.url, site.sectionPages[path]?.first.map { site.pages[$0].date }))
        }
        for term in site.tags + site.regions + site.regions.flatMap(\.children) + site.honours + site.years + site.authors {
            urls.append((term.url, term.pages.first.map { site.pages[$0].date }))
        }
        urls.append((URLPath(["people"]), nil))
        urls.sort { $0.0 < $1.0 }
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for (url, date) in urls {
            xml += "<url><loc>\(XMLEscape.escape(absolute(url)))</loc>"
            if let date { xml += "<lastmod>\(date.machineReadable)</lastmod>" }
            xml += "</url>\n"
        }
        xml += "</urlset>\n"
        return xml
    }
}
