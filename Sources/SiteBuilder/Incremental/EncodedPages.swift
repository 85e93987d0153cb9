import SiteModel

/// The pages of a site snapshot as they are stored: their ids decoded up
/// front (finding a page by id and checking the snapshot against the cache
/// need no page), each page decoded when a `PageList` is first asked for it.
struct EncodedPages: Sendable {
    let ids: [String]
    /// Positioned where the pages start; each page is read from a copy.
    private let reader: CacheReader
    /// Each page's bytes, as positions of `reader`.
    private let spans: [Range<Int>]

    /// `spans` must lie in what `reader` has left, in order.
    init(ids: [String], reader: CacheReader, spans: [Range<Int>]) {
        self.ids = ids
        self.reader = reader
        self.spans = spans
    }

    /// Page `index`; nil when its bytes are damaged or hold another page.
    func decode(_ index: Int) -> Page? {
        guard index < spans.count, index < ids.count else { return nil }
        var page = reader
        let span = spans[index]
        guard page.skip(span.lowerBound - page.position), let read = try? page.readPage(),
              page.position == span.upperBound, read.id == ids[index]
        else { return nil }
        return read
    }

    /// What stands in for a page that cannot be decoded: a build that met
    /// one reads everything instead (`PageList.isDamaged`).
    static func standIn(id: String) -> Page {
        Page(
            id: id, sectionPath: "", slug: "", url: URLPath([]), kind: .article, isBundle: false, title: "",
            date: PageDate(year: 1970, month: 1, day: 1, utcOffsetSeconds: 0, hasTime: false), bodyStartLine: 1
        )
    }
}
