import SiteModel

/// The pages of the last build's snapshot whose files have not changed
/// since (the source stamps say which did): reading and checking such a
/// file again would give the very page the snapshot holds, with the
/// hashes the cache holds. A build that must assemble the site again after
/// a front matter edit (a date, a tag) takes them from here and reads only
/// the changed files.
struct KnownPages: Sendable {
    private let pages: PageList
    private let indexByID: [String: Int]
    private let fingerprints: [String: PageFingerprint]
    /// Files changed since the snapshot, or differing from it: read again.
    private let changed: Set<String>

    init(pages: PageList, indexByID: [String: Int], fingerprints: [String: PageFingerprint], changed: Set<String>) {
        self.pages = pages
        self.indexByID = indexByID
        self.fingerprints = fingerprints
        self.changed = changed
    }

    /// The page and its hashes, or nil when the file must be read (it
    /// changed, it is not a published page of the snapshot, or its page
    /// cannot be decoded).
    func page(_ id: String) -> (page: Page, fingerprint: PageFingerprint)? {
        guard !changed.contains(id), let index = indexByID[id], let fingerprint = fingerprints[id],
              let page = pages.decodedPage(at: index), page.id == id
        else { return nil }
        return (page, fingerprint)
    }
}
