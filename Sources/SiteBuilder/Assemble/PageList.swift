import SiteModel

/// The site's published pages, in id order. An assembled site holds them in
/// an array; a site read from its snapshot holds them encoded and decodes a
/// page when it is first asked for (`EncodedPages`), so a build after a body
/// edit decodes the few pages it renders and shows, not all of them.
struct PageList: RandomAccessCollection, Sendable, Equatable {
    private let array: [Page]
    private let encoded: EncodedPages?

    init(_ pages: [Page]) {
        array = pages
        encoded = nil
    }

    init(encoded: EncodedPages) {
        array = []
        self.encoded = encoded
    }

    var startIndex: Int { 0 }
    var endIndex: Int { encoded?.count ?? array.count }

    subscript(position: Int) -> Page {
        // Borrowed, not copied: `site.pages[index].title` retains one field, not every field of the page.
        _read {
            if let encoded {
                yield encoded.page(position)
            } else {
                yield array[position]
            }
        }
    }

    /// Whether the pages are decoded as they are asked for.
    var isEncoded: Bool { encoded != nil }

    /// The page's id, without decoding the rest of it.
    func id(at index: Int) -> String {
        if let encoded { return encoded.ids[index] }
        return array[index].id
    }

    /// Decodes every page not decoded yet, on all cores: before a step that reads them all.
    func decodeAll() {
        encoded?.decodeAll()
    }

    /// A page could not be decoded and an empty page stood in for it:
    /// nothing rendered from this list may be published.
    var isDamaged: Bool {
        encoded?.isDamaged ?? false
    }

    static func == (left: PageList, right: PageList) -> Bool {
        left.decodeAll()
        right.decodeAll()
        return left.count == right.count && left.elementsEqual(right)
    }
}
