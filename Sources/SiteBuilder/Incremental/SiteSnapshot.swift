import Foundation
import SiteModel

/// The assembled site as the last build left it, kept in the state folder
/// (`.unionpress/site-snapshot`) so that `unionpress build` after editing
/// page bodies need not read and assemble every page again: with the
/// source stamps it finds the pages that changed, reads only those, and
/// when their front matter is as before (or differs only in what a page
/// shows of itself, `ShownFieldsEdit`), renders from this snapshot. Its
/// pages are decoded only when asked for (`EncodedPages`).
struct SiteSnapshot: Sendable {
    static let formatVersion = 4

    var site: Site
    /// Each section's default page kind (what a page read again needs).
    var sectionKinds: [String: PageKind]
    /// The `SiteStructure` key the site was assembled under.
    var structure: UInt64

    static func file(in folder: String) -> String { folder + "/site-snapshot" }

    func encoded() -> [UInt8] {
        var out = CacheWriter(interning: true)
        out.int(Self.formatVersion)
        out.number(structure)
        out.array(sectionKinds.keys.sorted()) { out, path in
            out.string(path)
            out.shared(sectionKinds[path]?.rawValue ?? PageKind.article.rawValue)
        }
        out.config(site.config)
        out.section(site.home)
        out.array(site.sections.keys.sorted()) { out, path in
            out.string(path)
            if let section = site.sections[path] { out.section(section) }
        }
        // The ids, the pages back to back, then each page's length: a page
        // is read only when asked for (`EncodedPages`).
        out.int(site.pages.count)
        out.strings(site.pages.indices.map(site.pages.id(at:)))
        out.array(Array(site.pages.indices)) { $0.shared(site.pages.kind(at: $1).rawValue) }
        var lengths: [Int] = []
        lengths.reserveCapacity(site.pages.count)
        out.measured { out in
            for page in site.pages {
                let start = out.bytes.count
                out.page(page)
                lengths.append(out.bytes.count - start)
            }
        }
        out.ints(lengths)
        out.strings(site.unpublishedIDs.sorted())
        out.int(site.nextPublication)
        out.array(site.sectionPages.keys.sorted()) { out, path in
            out.string(path)
            out.ints(site.sectionPages[path] ?? [])
        }
        out.array(site.childSections.keys.sorted()) { out, path in
            out.string(path)
            out.strings(site.childSections[path] ?? [])
        }
        out.strings(site.topSections)
        out.ints(site.newestFirst)
        for terms in [site.tags, site.regions, site.honours, site.years, site.authors] {
            out.array(terms) { $0.term($1) }
        }
        out.array(site.rostersNaming.keys.sorted()) { out, profile in
            out.int(profile)
            out.ints(site.rostersNaming[profile] ?? [])
        }
        out.array(site.profileBySlug.keys.sorted()) { out, slug in
            out.string(slug)
            out.int(site.profileBySlug[slug] ?? 0)
        }
        // A missing neighbour is 0, page n is n + 1.
        out.ints(site.previous.map { ($0 ?? -1) + 1 })
        out.ints(site.next.map { ($0 ?? -1) + 1 })
        out.array(site.related) { $0.ints($1) }
        out.array(site.resourceOutputs.keys.sorted()) { out, source in
            out.string(source)
            out.string(site.resourceOutputs[source] ?? "")
        }
        out.array(site.bundleResources.keys.sorted()) { out, owner in
            out.string(owner)
            let resources = site.bundleResources[owner] ?? [:]
            out.array(resources.keys.sorted()) { out, inside in
                out.string(inside)
                out.string(resources[inside] ?? "")
            }
        }
        let payload = out.interned()
        var checksum = ContentHash.of(payload[...]).littleEndian
        return withUnsafeBytes(of: &checksum) { Array($0) } + payload
    }

    /// The checksum in front of the bytes is theirs: a snapshot damaged on
    /// disk is refused whole, not found out a page at a time.
    private static func checksumHolds(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 8 else { return false }
        let stored = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        return ContentHash.of(bytes[8...]) == stored
    }

    init(site: Site, sectionKinds: [String: PageKind], structure: UInt64) {
        self.site = site
        self.sectionKinds = sectionKinds
        self.structure = structure
    }

    /// Nil when the bytes are damaged or of another format.
    init?(decoding bytes: [UInt8]) {
        guard Self.checksumHolds(bytes), var reader = CacheReader(interned: bytes, from: 8) else { return nil }
        do throws(CacheReader.Damaged) {
            guard try reader.readInt() == Self.formatVersion else { return nil }
            structure = try reader.readNumber()
            sectionKinds = try Self.readDictionary(&reader) { reader throws(CacheReader.Damaged) in try reader.readRaw(PageKind.self) }
            let config = try reader.readConfig()
            let home = try reader.readSection()
            let sections = try Self.readDictionary(&reader) { reader throws(CacheReader.Damaged) in try reader.readSection() }
            let count = try reader.required(reader.count())
            let ids = try reader.readStrings()
            let kinds = try reader.readArray { reader throws(CacheReader.Damaged) in try reader.readRaw(PageKind.self) }
            guard ids.count == count, kinds.count == count else { return nil }
            let (pagesStart, pagesEnd) = try reader.required(reader.measured())
            let lengths = try reader.readInts()
            guard lengths.count == count else { return nil }
            var spans: [Range<Int>] = []
            spans.reserveCapacity(count)
            var position = pagesStart.position
            for length in lengths {
                guard length >= 0, length <= pagesEnd - position else { return nil }
                spans.append(position..<(position + length))
                position += length
            }
            guard position == pagesEnd else { return nil }
            let rest = try Self.readRelations(&reader, config: config, home: home, sections: sections)
            // Every page index must point into the pages: a damaged snapshot must not trap later.
            func valid(_ index: Int) -> Bool { index >= 0 && index < count }
            func termsValid(_ terms: [Term]) -> Bool { terms.allSatisfy { $0.pages.allSatisfy(valid) && termsValid($0.children) } }
            guard rest.sectionPages.values.allSatisfy({ $0.allSatisfy(valid) }), rest.newestFirst.allSatisfy(valid),
                  rest.rostersNaming.allSatisfy({ valid($0.key) && $0.value.allSatisfy(valid) }),
                  rest.profileBySlug.values.allSatisfy(valid), rest.related.allSatisfy({ $0.allSatisfy(valid) }),
                  rest.previous.allSatisfy({ $0.map(valid) ?? true }), rest.next.allSatisfy({ $0.map(valid) ?? true }),
                  [rest.tags, rest.regions, rest.honours, rest.years, rest.authors].allSatisfy(termsValid),
                  rest.previous.count == count, rest.next.count == count, rest.related.count == count
            else { return nil }
            site = rest
            site.pages = PageList(encoded: EncodedPages(ids: ids, kinds: kinds, reader: pagesStart, spans: spans))
            site.pageIndexByID = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        } catch {
            return nil
        }
    }

    /// The site without its pages: its settings and what relates the pages.
    private static func readRelations(
        _ reader: inout CacheReader, config: SiteConfig, home: SectionInfo, sections: [String: SectionInfo]
    ) throws(CacheReader.Damaged) -> Site {
        let unpublished = Set(try reader.readStrings())
        let nextPublication = try reader.readInt()
        let sectionPages = try readDictionary(&reader) { reader throws(CacheReader.Damaged) in try reader.readInts() }
        let childSections = try readDictionary(&reader) { reader throws(CacheReader.Damaged) in try reader.readStrings() }
        let topSections = try reader.readStrings()
        let newestFirst = try reader.readInts()
        var taxonomies: [[Term]] = []
        for _ in 0..<5 { taxonomies.append(try reader.readArray { reader throws(CacheReader.Damaged) in try reader.readTerm() }) }
        let rosterPairs = try reader.readArray { reader throws(CacheReader.Damaged) in (try reader.readInt(), try reader.readInts()) }
        let profilePairs = try reader.readArray { reader throws(CacheReader.Damaged) in (try reader.readString(), try reader.readInt()) }
        let previous = try reader.readInts().map { $0 == 0 ? nil : $0 - 1 }
        let next = try reader.readInts().map { $0 == 0 ? nil : $0 - 1 }
        let related = try reader.readArray { reader throws(CacheReader.Damaged) in try reader.readInts() }
        let resourceOutputs = try readDictionary(&reader) { reader throws(CacheReader.Damaged) in try reader.readString() }
        let bundleResources = try readDictionary(&reader) { reader throws(CacheReader.Damaged) in
            try readDictionary(&reader) { reader throws(CacheReader.Damaged) in try reader.readString() }
        }
        guard reader.isAtEnd else { throw CacheReader.Damaged() }
        return Site(
            config: config, home: home, sections: sections, pages: PageList([]), pageIndexByID: [:],
            unpublishedIDs: unpublished, nextPublication: nextPublication, sectionPages: sectionPages, childSections: childSections,
            topSections: topSections, newestFirst: newestFirst,
            tags: taxonomies[0], regions: taxonomies[1], honours: taxonomies[2], years: taxonomies[3], authors: taxonomies[4],
            rostersNaming: Dictionary(rosterPairs, uniquingKeysWith: { first, _ in first }),
            profileBySlug: Dictionary(profilePairs, uniquingKeysWith: { first, _ in first }),
            previous: previous, next: next, related: related, resourceOutputs: resourceOutputs, bundleResources: bundleResources
        )
    }

    private static func readDictionary<Value>(
        _ reader: inout CacheReader, _ readValue: (inout CacheReader) throws(CacheReader.Damaged) -> Value
    ) throws(CacheReader.Damaged) -> [String: Value] {
        let pairs = try reader.readArray { reader throws(CacheReader.Damaged) in (try reader.readString(), try readValue(&reader)) }
        return Dictionary(pairs, uniquingKeysWith: { first, _ in first })
    }

    static func load(from folder: String) -> SiteSnapshot? {
        guard let bytes = CacheFile.read(file(in: folder)) else { return nil }
        return SiteSnapshot(decoding: bytes)
    }

}
