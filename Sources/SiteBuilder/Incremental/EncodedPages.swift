import SiteModel

/// The pages of a site snapshot as they are stored: their ids and kinds
/// decoded up front (finding a page by id, checking the snapshot against the
/// cache and finding the rosters need no page), each page decoded when a
/// `PageList` is first asked for it.
struct EncodedPages: Sendable {
    let ids: [String]
    let kinds: [PageKind]
    /// Positioned where the pages start; each page is read from a copy.
    private let reader: CacheReader
    /// Each page's bytes, as positions of `reader`.
    private let spans: [Range<Int>]

    /// `spans` must lie in what `reader` has left, in order.
    /// `kinds` as many as `ids`.
    init(ids: [String], kinds: [PageKind], reader: CacheReader, spans: [Range<Int>]) {
        self.ids = ids
        self.kinds = kinds
        self.reader = reader
        self.spans = spans
    }

    /// Page `index`; nil when its bytes are damaged or hold another page.
    func decode(_ index: Int) -> Page? {
        guard index < spans.count, index < ids.count, index < kinds.count else { return nil }
        var page = reader
        let span = spans[index]
        guard page.skip(span.lowerBound - page.position), let read = try? page.readPage(),
              page.position == span.upperBound, read.id == ids[index], read.kind == kinds[index]
        else { return nil }
        return read
    }

    /// What stands in for a page that cannot be decoded: a build that met
    /// one reads everything instead (`PageList.isDamaged`).
    static func standIn(id: String, kind: PageKind) -> Page {
        Page(
            id: id, sectionPath: "", slug: "", url: URLPath([]), kind: kind, isBundle: false, title: "",
            date: PageDate(year: 1970, month: 1, day: 1, utcOffsetSeconds: 0, hasTime: false), bodyStartLine: 1
        )
    }
}
