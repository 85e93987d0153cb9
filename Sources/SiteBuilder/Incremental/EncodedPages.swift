import Foundation
import SiteModel
import Synchronization

/// The pages of a site snapshot, kept encoded and decoded one by one when
/// first asked for (`PageList`). Their ids are decoded up front: finding a
/// page by id and checking the snapshot against the cache need no page.
final class EncodedPages: Sendable {
    let ids: [String]
    /// Positioned where the pages start; each page is read from a copy.
    private let reader: CacheReader
    /// Each page's bytes, as positions of `reader`.
    private let spans: [Range<Int>]
    private let state: Mutex<State>

    private struct State {
        var pages: [Page?]
        var damaged = false
    }

    /// `spans` must lie in what `reader` has left, in order.
    init(ids: [String], reader: CacheReader, spans: [Range<Int>]) {
        self.ids = ids
        self.reader = reader
        self.spans = spans
        state = Mutex(State(pages: Array(repeating: nil, count: ids.count)))
    }

    var count: Int { ids.count }

    var isDamaged: Bool { state.withLock { $0.damaged } }

    func page(_ index: Int) -> Page {
        if let page = state.withLock({ $0.pages[index] }) { return page }
        let decoded = decode(index)
        return state.withLock { state in
            if let page = state.pages[index] { return page }
            state.pages[index] = decoded ?? Self.standIn(id: ids[index])
            if decoded == nil { state.damaged = true }
            return state.pages[index] ?? Self.standIn(id: ids[index])
        }
    }

    func decodeAll() {
        let missing = state.withLock { state in state.pages.indices.filter { state.pages[$0] == nil } }
        guard !missing.isEmpty else { return }
        let results = UnsafeMutableBufferPointer<Page?>.allocate(capacity: missing.count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        // Each task writes only its own elements.
        nonisolated(unsafe) let output = results
        let chunk = 256
        DispatchQueue.concurrentPerform(iterations: (missing.count + chunk - 1) / chunk) { part in
            for position in (part * chunk)..<min(missing.count, (part + 1) * chunk) {
                output[position] = decode(missing[position])
            }
        }
        state.withLock { state in
            for (position, index) in missing.enumerated() where state.pages[index] == nil {
                state.pages[index] = results[position] ?? Self.standIn(id: ids[index])
                if results[position] == nil { state.damaged = true }
            }
        }
    }

    /// Nil when the page's bytes are damaged or hold another page.
    private func decode(_ index: Int) -> Page? {
        var page = reader
        let span = spans[index]
        guard page.skip(span.lowerBound - page.position), let read = try? page.readPage(),
              page.position == span.upperBound, read.id == ids[index]
        else { return nil }
        return read
    }

    /// What stands in for a page that cannot be decoded: a build that met
    /// one reads everything instead (`PageList.isDamaged`).
    private static func standIn(id: String) -> Page {
        Page(
            id: id, sectionPath: "", slug: "", url: URLPath([]), kind: .article, isBundle: false, title: "",
            date: PageDate(year: 1970, month: 1, day: 1, utcOffsetSeconds: 0, hasTime: false), bodyStartLine: 1
        )
    }
}
