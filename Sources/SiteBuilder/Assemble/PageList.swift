import Foundation
import SiteModel
import Synchronization

/// The site's published pages, in id order. An assembled site has every
/// page in place; a site read from its snapshot decodes a page when it is
/// first asked for (`EncodedPages`), so a build after a body edit decodes the
/// few pages it renders and shows, not all of them.
///
/// A page is read where it lies, as an array's element is:
/// `site.pages[index].title` retains the title, not every field of the page.
struct PageList: RandomAccessCollection, Sendable, Equatable {
    private let storage: PageStorage

    init(_ pages: [Page]) {
        storage = PageStorage(pages)
    }

    init(encoded: EncodedPages) {
        storage = PageStorage(encoded, placing: [:], sources: nil)
    }

    /// The same pages with some replaced (by index); those of a snapshot not asked for stay encoded.
    func replacing(_ replacements: [Int: Page]) -> PageList {
        guard !replacements.isEmpty else { return self }
        if let encoded = storage.encoded {
            var placing = replacements
            // Pages inserted into a snapshot's (`inserting`) have no bytes to be decoded from: they go along.
            for position in indices where storage.source(of: position) < 0 && placing[position] == nil { placing[position] = self[position] }
            return PageList(storage: PageStorage(encoded, placing: placing, sources: storage.sources))
        }
        return PageList(storage: PageStorage(copying: storage, replacing: replacements))
    }

    /// The same pages with `added` (none of whose ids is here) in their
    /// places by id, and the position each of `added` took; those of a
    /// snapshot not asked for stay encoded.
    func inserting(_ added: [Page]) -> (pages: PageList, positions: [Int]) {
        let sorted = added.sorted { $0.id < $1.id }
        // For each new position, the old one (-1 for an added page).
        var origins: [Int] = []
        origins.reserveCapacity(count + added.count)
        var placed: [Int: Page] = [:]
        var positionByID: [String: Int] = [:]
        var old = 0
        for page in sorted {
            while old < count, id(at: old) < page.id {
                origins.append(old)
                old += 1
            }
            placed[origins.count] = page
            positionByID[page.id] = origins.count
            origins.append(-1)
        }
        origins += old..<count
        let positions = added.map { positionByID[$0.id] ?? -1 }
        guard let encoded = storage.encoded else {
            let pages = origins.indices.map { position in origins[position] >= 0 ? self[origins[position]] : placed[position] }
            return (PageList(pages.compactMap { $0 }), positions)
        }
        // Pages with no bytes in the snapshot (added before) are carried over in place.
        var sources = [Int](repeating: -1, count: origins.count)
        for (position, origin) in origins.enumerated() where origin >= 0 {
            let source = storage.source(of: origin)
            if source >= 0 { sources[position] = source } else { placed[position] = self[origin] }
        }
        return (PageList(storage: PageStorage(encoded, placing: placed, sources: sources)), positions)
    }

    private init(storage: PageStorage) {
        self.storage = storage
    }

    var startIndex: Int { 0 }
    var endIndex: Int { storage.count }

    subscript(position: Int) -> Page {
        unsafeAddress { storage.address(of: position) }
    }

    /// Whether the pages are decoded as they are asked for.
    var isEncoded: Bool { storage.encoded != nil }

    /// The page's id, without decoding the rest of it.
    func id(at index: Int) -> String {
        if let encoded = storage.encoded, case let source = storage.source(of: index), source >= 0 { return encoded.ids[source] }
        return self[index].id
    }

    /// The page's kind, without decoding the rest of it.
    func kind(at index: Int) -> PageKind {
        if let encoded = storage.encoded, case let source = storage.source(of: index), source >= 0 { return encoded.kinds[source] }
        return self[index].kind
    }

    /// A copy of the page, decoded if it is not in place, without putting
    /// it in place; nil when it cannot be decoded (no page stands in for it).
    func decodedPage(at index: Int) -> Page? {
        guard index >= 0, index < count else { return nil }
        return storage.decodedPage(at: index)
    }

    /// Decodes every page not decoded yet, on all cores: before a step that reads them all.
    func decodeAll() {
        storage.decodeAll()
    }

    /// How many pages are decoded: all of an assembled site's.
    var decodedCount: Int { storage.decodedCount }

    /// A page could not be decoded and an empty page stood in for it:
    /// nothing rendered from this list may be published.
    var isDamaged: Bool { storage.isDamaged }

    static func == (left: PageList, right: PageList) -> Bool {
        left.decodeAll()
        right.decodeAll()
        return left.count == right.count && left.elementsEqual(right)
    }
}

/// The memory `PageList` reads its pages from. A page, once in place, stays
/// there unchanged until the storage goes, so a reader may hold its address
/// for the length of an access.
///
/// Unchecked `Sendable`: each page is put in place once, under the lock,
/// and only read after that.
private final class PageStorage: @unchecked Sendable {
    let count: Int
    let encoded: EncodedPages?
    /// Each position's page in `encoded`, -1 for a page placed at the start
    /// (inserted, `PageList.inserting`); nil when positions are `encoded`'s.
    let sources: [Int]?
    private let pages: UnsafeMutablePointer<Page>
    private let state: Mutex<State>

    private struct State {
        /// Which pages are in place (all of them without `encoded`).
        var inPlace: [Bool]
        var decoded: Int
        var damaged = false
    }

    init(_ array: [Page]) {
        count = array.count
        encoded = nil
        sources = nil
        pages = .allocate(capacity: max(1, array.count))
        _ = UnsafeMutableBufferPointer(start: pages, count: array.count).initialize(from: array)
        state = Mutex(State(inPlace: [], decoded: array.count))
    }

    /// The pages of an assembled site's storage, some replaced (by index).
    init(copying other: PageStorage, replacing replacements: [Int: Page]) {
        count = other.count
        encoded = nil
        sources = nil
        pages = .allocate(capacity: max(1, count))
        pages.initialize(from: other.pages, count: count)
        for (index, page) in replacements where index >= 0 && index < count { pages[index] = page }
        state = Mutex(State(inPlace: [], decoded: count))
    }

    /// `placing`: pages put in place at once, by index, instead of decoded
    /// (every position whose source is -1 must have one).
    init(_ encoded: EncodedPages, placing: [Int: Page], sources: [Int]?) {
        count = sources?.count ?? min(encoded.ids.count, encoded.kinds.count)
        self.encoded = encoded
        self.sources = sources
        pages = .allocate(capacity: max(1, count))
        var inPlace = Array(repeating: false, count: count)
        for (index, page) in placing where index >= 0 && index < count {
            (pages + index).initialize(to: page)
            inPlace[index] = true
        }
        state = Mutex(State(inPlace: inPlace, decoded: inPlace.count { $0 }))
    }

    deinit {
        state.withLock { state in
            if encoded == nil {
                pages.deinitialize(count: count)
            } else {
                for index in state.inPlace.indices where state.inPlace[index] { (pages + index).deinitialize(count: 1) }
            }
        }
        pages.deallocate()
    }

    /// Where page `index` is in `encoded`; -1 when it is not there.
    func source(of index: Int) -> Int {
        sources?[index] ?? index
    }

    var decodedCount: Int { state.withLock { $0.decoded } }
    var isDamaged: Bool { state.withLock { $0.damaged } }

    func address(of index: Int) -> UnsafePointer<Page> {
        precondition(index >= 0 && index < count, "page index out of range")
        guard let encoded else { return UnsafePointer(pages + index) }
        if state.withLock({ $0.inPlace[index] }) { return UnsafePointer(pages + index) }
        let decoded = encoded.decode(source(of: index))
        state.withLock { state in place(decoded, at: index, in: &state) }
        return UnsafePointer(pages + index)
    }

    func decodedPage(at index: Int) -> Page? {
        guard let encoded, !state.withLock({ $0.inPlace[index] }) else { return pages[index] }
        return encoded.decode(source(of: index))
    }

    func decodeAll() {
        guard let encoded else { return }
        let missing = state.withLock { state in state.inPlace.indices.filter { !state.inPlace[$0] } }
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
                output[position] = encoded.decode(self.source(of: missing[position]))
            }
        }
        state.withLock { state in
            for (position, index) in missing.enumerated() { place(results[position], at: index, in: &state) }
        }
    }

    /// Puts a decoded page in place, unless another thread did first; a page
    /// that could not be decoded is stood in for.
    private func place(_ decoded: Page?, at index: Int, in state: inout State) {
        guard !state.inPlace[index], let encoded else { return }
        let source = source(of: index)
        (pages + index).initialize(to: decoded ?? EncodedPages.standIn(id: source >= 0 ? encoded.ids[source] : "", kind: source >= 0 ? encoded.kinds[source] : .article))
        state.inPlace[index] = true
        state.decoded += 1
        if decoded == nil { state.damaged = true }
    }
}
