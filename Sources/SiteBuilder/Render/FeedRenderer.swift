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
        for term in terms {
            urls.append((term.url, term.pages.first.map { site.pages[$0].date }))
        }
        urls.append((URLPath(["people"]), nil))
        urls.sort { $0.0 < $1.0 }
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for (url, date) in urls {
            xml += line(location: XMLEscape.escape(absolute(url)), date: date)
            xml += "\n"
        }
        xml += "</urlset>\n"
        return xml
    }

    /// Every term and city, each with a line in the sitemap.
    private var terms: [Term] {
        site.tags + site.regions + site.regions.flatMap(\.children) + site.honours + site.years + site.authors
    }

    private func line(location: String, date: PageDate?) -> String {
        "<url><loc>\(location)</loc>" + (date.map { "<lastmod>\($0.machineReadable)</lastmod>" } ?? "") + "</url>"
    }

    /// The sitemap `sitemap()` makes, from the last build's: only the lines
    /// that can have changed are made again (the home page's, the `pages`
    /// given, and the lists given by name, `URLPath.listName`: a list's date is
    /// its newest page's), so no other page is read. Of those, an address the
    /// last sitemap lacks (a new page, a new tag) is put in its sorted place.
    /// Nil when an address went, or came without being given.
    /// Read as bytes: ten thousand lines are looked at, few are made.
    func sitemap(updating previous: [UInt8], pages: [Int], lists: Set<String>) -> [UInt8]? {
        var updates: [(URLPath, PageDate?)] = [(.root, site.newestFirst.first.map { site.pages[$0].date })]
        for index in pages {
            updates.append((site.pages[index].url, site.pages[index].updated ?? site.pages[index].date))
        }
        for path in site.sections.keys.sorted() where lists.contains(path) {
            guard let info = site.sections[path] else { continue }
            updates.append((info.url, site.sectionPages[path]?.first.map { site.pages[$0].date }))
        }
        for term in terms where lists.contains(term.url.listName) {
            updates.append((term.url, term.pages.first.map { site.pages[$0].date }))
        }
        var newLines: [ArraySlice<UInt8>: (url: URLPath, line: [UInt8])] = [:]
        for (url, date) in updates {
            let location = XMLEscape.escape(absolute(url))
            newLines[ArraySlice(location.utf8)] = (url, Array(line(location: location, date: date).utf8))
        }
        let start = Array("<url><loc>".utf8)
        let end = Array("</loc>".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(previous.count + 256)
        // Where each address line starts in `out`, and its address in `previous`.
        var addressLines: [(start: Int, location: Range<Int>)] = []
        var afterLastAddress = 0
        var matched: Set<ArraySlice<UInt8>> = []
        var lineStart = 0
        while lineStart < previous.count {
            let lineEnd = previous[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? previous.count
            let line = previous[lineStart..<lineEnd]
            if line.starts(with: start) {
                let locationStart = lineStart + start.count
                var locationEnd = locationStart
                while locationEnd + end.count <= lineEnd, !previous[locationEnd..<(locationEnd + end.count)].elementsEqual(end) { locationEnd += 1 }
                guard locationEnd + end.count <= lineEnd else { return nil }
                addressLines.append((out.count, locationStart..<locationEnd))
                let location = previous[locationStart..<locationEnd]
                if let new = newLines[location] {
                    out += new.line
                    matched.insert(location)
                } else {
                    out += line
                }
            } else {
                out += line
            }
            if lineEnd < previous.count { out.append(UInt8(ascii: "\n")) }
            if line.starts(with: start) { afterLastAddress = out.count }
            lineStart = lineEnd + 1
        }
        let added = newLines.filter { !matched.contains($0.key) }.values.sorted { $0.url < $1.url }
        guard addressLines.count + added.count == 2 + site.pages.count + site.sections.count + terms.count else { return nil }
        guard !added.isEmpty else { return out }
        // Each new line goes before the first address after it (found by halving, reading only those addresses).
        let prefix = Array(XMLEscape.escape(absolute(.root)).utf8)
        var insertions: [(at: Int, line: [UInt8])] = []
        for new in added {
            var (low, high) = (0, addressLines.count)
            while low < high {
                let middle = (low + high) / 2
                guard let url = Self.path(of: previous[addressLines[middle].location], prefix: prefix) else { return nil }
                if new.url < url { high = middle } else { low = middle + 1 }
            }
            insertions.append((low < addressLines.count ? addressLines[low].start : afterLastAddress, new.line))
        }
        var result: [UInt8] = []
        result.reserveCapacity(out.count + insertions.reduce(0) { $0 + $1.line.count + 1 })
        var copied = 0
        for insertion in insertions {
            result += out[copied..<insertion.at]
            result += insertion.line
            result.append(UInt8(ascii: "\n"))
            copied = insertion.at
        }
        result += out[copied...]
        return result
    }

    /// The path of a sitemap address: after the site's own address, percent-encoded segments each ending in `/`.
    private static func path(of location: ArraySlice<UInt8>, prefix: [UInt8]) -> URLPath? {
        guard location.starts(with: prefix) else { return nil }
        let encoded = String(decoding: location.dropFirst(prefix.count), as: UTF8.self)
        return URLPath(encoded.split(separator: "/").map { LinkResolver.percentDecode(String($0)) })
    }
}
