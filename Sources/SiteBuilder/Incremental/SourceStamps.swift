import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Every entry under content/ and templates/ with its stamp (mode, size,
/// modification and change times, inode; 0 for a folder), in the order of the walk that makes
/// `BuildState.fingerprint`. Kept after a build with the site snapshot it
/// goes with, so that the next build can tell which files changed without
/// reading any.
struct SourceStamps: Sendable {
    static let formatVersion = 5

    /// Each entry's stamp, in walk order.
    private(set) var stamps: [UInt64] = []
    /// For each entry that is a page file, the hash of its front matter as
    /// the site snapshot has it (`PageFingerprint.frontMatter`); 0 for the others.
    private(set) var frontMatters: [UInt64] = []
    /// The pages (by id) whose front matter differs from the snapshot's in
    /// what they show (`ShownFieldsEdit`) or where they stand among others
    /// (`RelationalEdit`): every build from the snapshot reads them again,
    /// whether or not they changed since.
    var overrides: [String] = []
    /// How the last build's site differed from the snapshot's in its
    /// relations, after date, weight or tag edits (`RelationalEdit`).
    var rearranged = Rearrangement()
    /// Each entry's folder (its index; -1 for `content` and `templates`
    /// themselves) and where its name ends in `names`. Not saved: only their
    /// hash is, and paths are made only for the entries that changed.
    private var parents: [Int32] = []
    private var nameEnds: [Int] = []
    private var names: [UInt8] = []
    /// The options and generator the build ran with (`BuildState`'s options and executable).
    var optionsKey: UInt64 = 0
    /// The site snapshot saved with these stamps (`stamp(ofFile:)`).
    var snapshotStamp: UInt64 = 0
    /// Of all names and folders in order: equal hashes mean no entry came or went.
    private var savedPathsHash: UInt64?
    /// Each entry's path as a hash, as saved (`pathHashes`).
    private var savedPathHashes: [UInt64]?

    init() {}

    /// Records an entry (a folder's stamp is 0); returns its index, the parent of what a folder holds.
    @discardableResult
    mutating func record(_ name: [UInt8], parent: Int32, stamp: UInt64) -> Int32 {
        stamps.append(stamp)
        parents.append(parent)
        names += name
        nameEnds.append(names.count)
        return Int32(stamps.count - 1)
    }

    /// Appends the entries of a folder walked on its own, whose top entries are in `parent`.
    mutating func append(_ other: SourceStamps, under parent: Int32) {
        let base = Int32(stamps.count)
        let nameBase = names.count
        stamps += other.stamps
        parents += other.parents.map { $0 < 0 ? parent : $0 + base }
        names += other.names
        nameEnds += other.nameEnds.map { $0 + nameBase }
    }

    /// The entry's path relative to the site folder.
    func path(at index: Int) -> String {
        var parts: [String] = []
        var current = index
        while current >= 0, current < stamps.count, parts.count < 64 {
            let start = current == 0 ? 0 : nameEnds[current - 1]
            parts.append(String(decoding: names[start..<nameEnds[current]], as: UTF8.self))
            current = Int(parents[current])
        }
        return parts.reversed().joined(separator: "/")
    }

    var pathsHash: UInt64 {
        if let savedPathsHash { return savedPathsHash }
        var hasher = StableHasher()
        hasher.add(bytes: names)
        for index in stamps.indices {
            hasher.add(number: UInt64(nameEnds[index]))
            hasher.add(number: UInt64(bitPattern: Int64(parents[index])) &+ (stamps[index] == 0 ? 1 << 63 : 0))
        }
        return hasher.value
    }

    /// Each entry's path as a hash, in walk order: what entries are matched
    /// by when some came or went (`changesAndAdditions`).
    var pathHashes: [UInt64] {
        if let savedPathHashes { return savedPathHashes }
        var hashes = [UInt64](repeating: 0, count: stamps.count)
        for index in stamps.indices {
            var hasher = StableHasher()
            let parent = Int(parents[index])
            hasher.add(number: parent >= 0 && parent < index ? hashes[parent] : 0)
            hasher.add(bytes: names[(index == 0 ? 0 : nameEnds[index - 1])..<nameEnds[index]])
            hashes[index] = hasher.value
        }
        return hashes
    }

    /// The entries changed or added since `earlier` (a saved set), matched by
    /// path, with their paths, whether they are files, and their front matter
    /// hashes in `earlier` (0 when added); nil when an entry went (or
    /// `earlier` was made with other options).
    func changesAndAdditions(since earlier: SourceStamps) -> [(path: String, isFile: Bool, frontMatter: UInt64, added: Bool)]? {
        guard earlier.optionsKey == optionsKey, let earlierHashes = earlier.savedPathHashes, earlierHashes.count == earlier.stamps.count,
              earlier.frontMatters.count == earlier.stamps.count
        else { return nil }
        let earlierByPath = Dictionary(earlierHashes.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        guard earlierByPath.count == earlierHashes.count else { return nil }
        var matched = 0
        var found: [(path: String, isFile: Bool, frontMatter: UInt64, added: Bool)] = []
        for (index, hash) in pathHashes.enumerated() {
            if let old = earlierByPath[hash] {
                matched += 1
                if stamps[index] != earlier.stamps[old] { found.append((path(at: index), stamps[index] != 0, earlier.frontMatters[old], false)) }
            } else {
                found.append((path(at: index), stamps[index] != 0, 0, true))
            }
        }
        return matched == earlier.stamps.count ? found : nil
    }

    /// The entries whose stamps differ from `earlier`'s (a saved set), with
    /// their paths and their front matter hashes in `earlier`; nil when an
    /// entry came or went (or `earlier` was made with other options).
    func changes(since earlier: SourceStamps) -> [(path: String, frontMatter: UInt64)]? {
        guard earlier.optionsKey == optionsKey, earlier.stamps.count == stamps.count, earlier.pathsHash == pathsHash,
              earlier.frontMatters.count == stamps.count
        else { return nil }
        return stamps.indices.filter { stamps[$0] != earlier.stamps[$0] }.map { (path(at: $0), earlier.frontMatters[$0]) }
    }

    /// Takes each page file's front matter hash from `fingerprints` (by page id).
    mutating func noteFrontMatters(_ fingerprints: [String: PageFingerprint]) {
        let suffix = Array(".md".utf8)
        frontMatters = stamps.indices.map { index in
            let start = index == 0 ? 0 : nameEnds[index - 1]
            guard stamps[index] != 0, nameEnds[index] - start > suffix.count, names[(nameEnds[index] - suffix.count)..<nameEnds[index]].elementsEqual(suffix)
            else { return 0 }
            let path = path(at: index)
            guard path.hasPrefix("content/") else { return 0 }
            return fingerprints[String(path.dropFirst("content/".count))]?.frontMatter ?? 0
        }
    }

    /// Takes the front matter hashes of `earlier`, whose entries are these.
    mutating func keepFrontMatters(of earlier: SourceStamps) {
        frontMatters = earlier.frontMatters
    }

    static func file(in folder: String) -> String { folder + "/source-stamps" }

    /// A file's inode, size and modification time; 0 when it is missing.
    static func stamp(ofFile path: String) -> UInt64 {
        var info = stat()
        guard stat(path, &info) == 0 else { return 0 }
        var hasher = StableHasher()
        for number in [UInt64(info.st_ino), UInt64(bitPattern: Int64(info.st_size)), UInt64(bitPattern: Int64(info.st_mtim.tv_sec)), UInt64(bitPattern: Int64(info.st_mtim.tv_nsec))] {
            hasher.add(number: number)
        }
        return hasher.value
    }

    func encoded() -> [UInt8] {
        var out = CacheWriter()
        out.int(Self.formatVersion)
        out.number(optionsKey)
        out.number(snapshotStamp)
        out.number(pathsHash)
        out.int(overrides.count)
        for id in overrides { out.string(id) }
        out.int(rearranged.pages.count)
        for index in rearranged.pages { out.int(index) }
        out.int(rearranged.lists.count)
        for list in rearranged.lists { out.string(list) }
        out.int(stamps.count)
        var bytes = out.bytes
        bytes.reserveCapacity(bytes.count + 16 * stamps.count)
        for stamp in stamps {
            withUnsafeBytes(of: stamp.littleEndian) { bytes += $0 }
        }
        for index in stamps.indices {
            let frontMatter = index < frontMatters.count ? frontMatters[index] : 0
            withUnsafeBytes(of: frontMatter.littleEndian) { bytes += $0 }
        }
        for hash in pathHashes {
            withUnsafeBytes(of: hash.littleEndian) { bytes += $0 }
        }
        return bytes
    }

    init?(decoding bytes: [UInt8]) {
        var reader = CacheReader(bytes)
        guard reader.int() == Self.formatVersion, let optionsKey = reader.number(), let snapshotStamp = reader.number(),
              let pathsHash = reader.number(), let overrideCount = reader.count()
        else { return nil }
        for _ in 0..<overrideCount {
            guard let id = reader.string() else { return nil }
            overrides.append(id)
        }
        guard let pageCount = reader.count() else { return nil }
        for _ in 0..<pageCount {
            guard let index = reader.int() else { return nil }
            rearranged.pages.append(index)
        }
        guard let listCount = reader.count() else { return nil }
        for _ in 0..<listCount {
            guard let list = reader.string() else { return nil }
            rearranged.lists.append(list)
        }
        guard let count = reader.int(), count >= 0, let raw = reader.rest(), raw.count == 24 * count else { return nil }
        self.optionsKey = optionsKey
        self.snapshotStamp = snapshotStamp
        savedPathsHash = pathsHash
        let numbers = raw.withUnsafeBytes { buffer in
            (0..<(3 * count)).map { UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self)) }
        }
        stamps = Array(numbers[..<count])
        frontMatters = Array(numbers[count..<(2 * count)])
        savedPathHashes = Array(numbers[(2 * count)...])
    }

    static func load(from folder: String) -> SourceStamps? {
        guard let bytes = CacheFile.read(file(in: folder)) else { return nil }
        return SourceStamps(decoding: bytes)
    }

    func save(in folder: String) {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        CacheFile.replace(Self.file(in: folder), with: encoded())
    }

    /// Removed before the output, the cache or the snapshot change: the stamps vouch for all three.
    static func remove(from folder: String) {
        unlink(file(in: folder))
    }
}
