import Foundation
import SearchIndex
#if canImport(Glibc)
import Glibc
#endif

/// What the last successful build knew about each page, kept in the
/// build's state folder (`.unionpress/` of the site) so that the next build
/// renders only what a change reaches (see `ChangePlan`). The pages' search
/// terms live in a file of their own beside it, read only for the pages that
/// changed (or all of them when the index must be written anew), so loading
/// the cache stays cheap.
struct BuildCache: Sendable {
    static let formatVersion = 5

    /// One published page, in the site's page order.
    struct Entry: Sendable {
        var id: String
        var fingerprint: PageFingerprint
        var summary: String
        var readingMinutes: Int
        var wordCount: Int
        var fragmentBytes: Int
        /// Where the page's search record is in the records file (-1: none).
        var recordOffset: Int
        var recordLength: Int
        /// Its document number in the search index (-1: no index).
        var searchNumber: Int
        /// The key its output was rendered with (`OutputKeys.page`).
        var pageKey: UInt64
        /// The body's link and image destinations, as written.
        var linkDestinations: [String]
        /// Its output file, relative to the output folder.
        var outputPath: String

        /// Whether the two are written as the same bytes: their text compared
        /// byte for byte (String's `==` compares canonical equivalence, which
        /// for Chinese text is many times slower).
        func encodesLike(_ other: Entry) -> Bool {
            fingerprint == other.fingerprint && readingMinutes == other.readingMinutes && wordCount == other.wordCount
                && fragmentBytes == other.fragmentBytes && recordOffset == other.recordOffset && recordLength == other.recordLength
                && searchNumber == other.searchNumber && pageKey == other.pageKey
                && Self.sameBytes(id, other.id) && Self.sameBytes(summary, other.summary) && Self.sameBytes(outputPath, other.outputPath)
                && linkDestinations.count == other.linkDestinations.count
                && zip(linkDestinations, other.linkDestinations).allSatisfy { Self.sameBytes($0, $1) }
        }

        private static func sameBytes(_ first: String, _ second: String) -> Bool {
            var first = first
            var second = second
            return first.withUTF8 { left in
                second.withUTF8 { right in
                    guard left.count == right.count else { return false }
                    guard let a = left.baseAddress, let b = right.baseAddress, a != b else { return true }
                    return memcmp(a, b, left.count) == 0
                }
            }
        }
    }

    /// The search index as written: what `SearchIndexPatch` needs.
    struct SearchState: Sendable {
        var shardCount: Int
        var sizing: Int
        /// Bytes of the shards and the manifest.
        var bytes: Int
    }

    /// Generator, options, templates, settings, sections and resources:
    /// when it differs, everything is rendered.
    var structure: UInt64
    /// The output folder this cache describes (`BuildState.stamp`).
    var outputStamp: UInt64
    var entries: [Entry]
    /// Each list output's key (`ListRenderer.key`), by output path.
    var listKeys: [String: UInt64]
    var search: SearchState?
    /// How many taxonomy pages the last build wrote, for the report of a
    /// build that finds nothing to do.
    var taxonomyPages: Int
    /// The entries as a cache file held them, with their bytes: an entry
    /// still the same is written back as those bytes (after one edit, that
    /// is all but one of them).
    var stored: StoredEntries?

    struct StoredEntries: Sendable {
        var entries: [Entry]
        var bytes: [UInt8]
        var ranges: [Range<Int>]
        /// The list keys in the order they were stored (`encodedBody`'s), and where they are in `bytes`.
        var listPaths: [String]
        var listKeyValues: [UInt64]
        var listKeysRange: Range<Int>
    }

    /// `folder`: the build's state folder (`Builder.stateFolder`).
    static func file(in folder: String) -> String { folder + "/build-cache" }
    static func recordsFile(in folder: String) -> String { folder + "/search-records" }
    /// A full build's records, put in place once its output is published.
    static func newRecordsFile(in folder: String) -> String { recordsFile(in: folder) + ".new" }

    static func adoptNewRecords(in folder: String) {
        rename(newRecordsFile(in: folder), recordsFile(in: folder))
    }

    func encoded() -> [UInt8] {
        encodedHeader() + encodedBody()
    }

    /// What precedes the entries: the format, keys, stamp and search state.
    private func encodedHeader() -> [UInt8] {
        var out = CacheWriter()
        out.int(Self.formatVersion)
        out.number(structure)
        out.number(outputStamp)
        out.int(taxonomyPages)
        out.int(search == nil ? 0 : 1)
        if let search {
            out.int(search.shardCount)
            out.int(search.sizing)
            out.int(search.bytes)
        }
        return out.bytes
    }

    /// The entries and the list keys, which follow the header: they do not
    /// depend on the output's stamp, so they can be encoded while the output
    /// is published.
    func encodedBody() -> [UInt8] {
        var out = CacheWriter()
        out.reserve(stored?.bytes.count ?? 0)
        out.int(entries.count)
        let storedEntries = stored?.entries ?? []
        let storedBytes = stored?.bytes ?? []
        let storedRanges = stored?.ranges ?? []
        // Runs of entries as they were go out in one copy each.
        var run: Range<Int>?
        for index in entries.indices {
            if index < storedEntries.count, storedEntries[index].encodesLike(entries[index]) {
                let range = storedRanges[index]
                if let current = run, current.upperBound == range.lowerBound {
                    run = current.lowerBound..<range.upperBound
                } else {
                    if let current = run { out.raw(storedBytes[current]) }
                    run = range
                }
                continue
            }
            if let current = run { out.raw(storedBytes[current]) }
            run = nil
            let entry = entries[index]
            out.string(entry.id)
            out.number(entry.fingerprint.content)
            out.number(entry.fingerprint.frontMatter)
            out.string(entry.summary)
            out.int(entry.readingMinutes)
            out.int(entry.wordCount)
            out.int(entry.fragmentBytes)
            out.int(entry.recordOffset)
            out.int(entry.recordLength)
            out.int(entry.searchNumber)
            out.number(entry.pageKey)
            out.int(entry.linkDestinations.count)
            for destination in entry.linkDestinations { out.string(destination) }
            out.string(entry.outputPath)
        }
        if let current = run { out.raw(storedBytes[current]) }
        // In the order of the paths' stable hashes (then the paths): the same
        // cache gives the same bytes, and sorting numbers takes a fraction of
        // the time sorting 10,000 Chinese paths as Strings takes.
        if let stored, stored.listPaths.count == listKeys.count {
            // The same paths as read are in that order already; with the same keys too, they are the same bytes.
            var keys: [UInt64] = []
            keys.reserveCapacity(listKeys.count)
            for path in stored.listPaths {
                guard let key = listKeys[path] else { break }
                keys.append(key)
            }
            if keys == stored.listKeyValues {
                out.raw(stored.bytes[stored.listKeysRange])
                return out.bytes
            }
            if keys.count == listKeys.count {
                out.int(listKeys.count)
                for (path, key) in zip(stored.listPaths, keys) {
                    out.string(path)
                    out.number(key)
                }
                return out.bytes
            }
        }
        out.int(listKeys.count)
        let ordered = listKeys.map { path, key in
            var hasher = StableHasher()
            hasher.add(path)
            return (order: hasher.value, path: path, key: key)
        }.sorted { $0.order != $1.order ? $0.order < $1.order : $0.path < $1.path }
        for list in ordered {
            out.string(list.path)
            out.number(list.key)
        }
        return out.bytes
    }

    init(structure: UInt64, outputStamp: UInt64, entries: [Entry], listKeys: [String: UInt64], search: SearchState?, taxonomyPages: Int) {
        self.structure = structure
        self.outputStamp = outputStamp
        self.entries = entries
        self.listKeys = listKeys
        self.search = search
        self.taxonomyPages = taxonomyPages
    }

    init?(decoding bytes: [UInt8]) {
        var reader = CacheReader(bytes)
        guard reader.int() == Self.formatVersion, let structure = reader.number(), let outputStamp = reader.number() else { return nil }
        guard let taxonomyPages = reader.int() else { return nil }
        var search: SearchState?
        switch reader.int() {
        case 0: search = nil
        case 1:
            guard let shardCount = reader.int(), let sizing = reader.int(), let bytes = reader.int() else { return nil }
            search = SearchState(shardCount: shardCount, sizing: sizing, bytes: bytes)
        default: return nil
        }
        guard let count = reader.count() else { return nil }
        var entries: [Entry] = []
        entries.reserveCapacity(count)
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(count)
        for _ in 0..<count {
            let start = reader.position
            guard let id = reader.string(), let content = reader.number(), let frontMatter = reader.number(),
                  let summary = reader.string(), let readingMinutes = reader.int(), let wordCount = reader.int(),
                  let fragmentBytes = reader.int(), let recordOffset = reader.int(), let recordLength = reader.int(),
                  let searchNumber = reader.int(), let pageKey = reader.number(), let destinationCount = reader.count()
            else { return nil }
            var destinations: [String] = []
            for _ in 0..<destinationCount {
                guard let destination = reader.string() else { return nil }
                destinations.append(destination)
            }
            guard let outputPath = reader.string() else { return nil }
            entries.append(Entry(
                id: id, fingerprint: PageFingerprint(content: content, frontMatter: frontMatter), summary: summary,
                readingMinutes: readingMinutes, wordCount: wordCount, fragmentBytes: fragmentBytes,
                recordOffset: recordOffset, recordLength: recordLength, searchNumber: searchNumber, pageKey: pageKey,
                linkDestinations: destinations, outputPath: outputPath
            ))
            ranges.append(start..<reader.position)
        }
        let listKeysStart = reader.position
        guard let listCount = reader.count() else { return nil }
        var listKeys: [String: UInt64] = [:]
        listKeys.reserveCapacity(listCount)
        var listPaths: [String] = []
        listPaths.reserveCapacity(listCount)
        var listKeyValues: [UInt64] = []
        listKeyValues.reserveCapacity(listCount)
        for _ in 0..<listCount {
            guard let path = reader.string(), let key = reader.number(), listKeys[path] == nil else { return nil }
            listKeys[path] = key
            listPaths.append(path)
            listKeyValues.append(key)
        }
        guard reader.isAtEnd else { return nil }
        self.init(
            structure: structure, outputStamp: outputStamp, entries: entries, listKeys: listKeys, search: search, taxonomyPages: taxonomyPages
        )
        stored = StoredEntries(
            entries: entries, bytes: bytes, ranges: ranges, listPaths: listPaths, listKeyValues: listKeyValues, listKeysRange: listKeysStart..<bytes.count
        )
    }

    static func load(from folder: String) -> BuildCache? {
        guard let bytes = CacheFile.read(file(in: folder)) else { return nil }
        return BuildCache(decoding: bytes)
    }

    /// Written to a temporary name and renamed, so a killed build leaves the
    /// old cache or the new one. Failing to save only costs the next build time.
    /// `body`: what `encodedBody()` returned for this cache, when made ahead.
    func save(in folder: String, body: [UInt8]? = nil) {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // Header and body written one after the other, not joined first: the body is megabytes.
        CacheFile.replace(Self.file(in: folder), with: [encodedHeader(), body ?? encodedBody()])
    }

    /// Removes the cache, before output that it no longer describes is published.
    static func remove(from folder: String) {
        unlink(file(in: folder))
    }
}

/// Whole-file reads and atomic replacement for the cache files.
enum CacheFile {
    static func read(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_size >= 0 else { return nil }
        return read(descriptor, offset: 0, length: Int(info.st_size))
    }

    /// `length` bytes at `offset`; nil when the file is shorter.
    static func read(_ descriptor: Int32, offset: Int, length: Int) -> [UInt8]? {
        guard length >= 0, offset >= 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: length)
        let complete = bytes.withUnsafeMutableBytes { buffer -> Bool in
            var done = 0
            while done < length {
                let count = pread(descriptor, buffer.baseAddress! + done, length - done, off_t(offset + done))
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { return false }
                done += count
            }
            return true
        }
        return complete ? bytes : nil
    }

    static func replace(_ path: String, with bytes: [UInt8]) {
        replace(path, with: [bytes])
    }

    /// The file becomes `parts`, one after the other.
    static func replace(_ path: String, with parts: [[UInt8]]) {
        let temporary = path + ".new"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        let complete = parts.allSatisfy { write(descriptor, $0) }
        close(descriptor)
        if complete { rename(temporary, path) } else { unlink(temporary) }
    }

    static func write(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let count = Glibc.write(descriptor, buffer.baseAddress! + done, buffer.count - done)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { return false }
                done += count
            }
            return true
        }
    }
}
