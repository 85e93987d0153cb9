import CUnionPressSystem
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the last successful build was made from, kept in `.unionpress/` of
/// the site so that a build of unchanged input can stop at once. The
/// fingerprint covers every file under content/ and templates/ (path, size,
/// modification time), the options that change output, and the generator's
/// own executable; the output folder must still be the one that build made.
struct BuildState: Sendable, Equatable {
    var fingerprint: UInt64
    /// The output folder's inode and modification time: a folder replaced,
    /// removed or with entries changed at its top since means a rebuild.
    var outputStamp: UInt64
    /// Until when the output stays right (the next future page's date).
    var validUntil: Int
    var pages: Int
    var sections: Int
    var taxonomyPages: Int

    /// `folder`: the build's state folder (`Builder.stateFolder`).
    static func file(in folder: String) -> URL {
        URL(fileURLWithPath: folder).appendingPathComponent("build-state")
    }

    static func load(from folder: String) -> BuildState? {
        guard let text = try? String(contentsOf: file(in: folder), encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ").compactMap { UInt64($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard fields.count == 6 else { return nil }
        return BuildState(
            fingerprint: fields[0], outputStamp: fields[1], validUntil: Int(truncatingIfNeeded: fields[2]),
            pages: Int(fields[3]), sections: Int(fields[4]), taxonomyPages: Int(fields[5])
        )
    }

    func save(in folder: String) {
        let url = Self.file(in: folder)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let text = [fingerprint, outputStamp, UInt64(truncatingIfNeeded: validUntil), UInt64(pages), UInt64(sections), UInt64(taxonomyPages)]
            .map(String.init).joined(separator: " ") + "\n"
        // Written to a temporary name and renamed, as the cache files are.
        CacheFile.replace(url.path, with: Array(text.utf8))
    }

    static func stamp(of path: String) -> UInt64? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return nil }
        var hasher = StableHasher()
        hasher.add("\(info.st_ino) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)")
        return hasher.value
    }

    /// FNV-1a over the inputs' names, sizes and times and the given options.
    static func fingerprint(root: URL, options: [String]) -> UInt64 {
        var stamps: SourceStamps?
        return fingerprint(root: root, options: options, stamps: &stamps)
    }

    /// `fingerprint`, also recording each file's stamp in `stamps` when it is not nil.
    static func fingerprint(root: URL, options: [String], stamps: inout SourceStamps?) -> UInt64 {
        var hasher = StableHasher()
        for option in options { hasher.add(option) }
        hasher.add(executableStamp())
        for folder in ["content", "templates"] {
            hasher.add(folder)
            let descriptor = open(root.path + "/" + folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            let top = stamps?.record(Array(folder.utf8), parent: -1, stamp: 0) ?? -1
            if descriptor >= 0 {
                withFolderBuffer { buffer in walk(descriptor, hasher: &hasher, depth: 0, parent: top, stamps: &stamps, buffer: buffer) }
            }
        }
        return hasher.value
    }

    static func executableStamp() -> String {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return "unknown executable" }
        return "\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }

    /// Hashes the folder at `path` as `fingerprint` does (the relative
    /// path is hashed once, as the folder's name).
    static func walk(_ path: String, relative: String, hasher: inout StableHasher, depth: Int) {
        hasher.add(relative)
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        var stamps: SourceStamps?
        if descriptor >= 0 {
            withFolderBuffer { buffer in walk(descriptor, hasher: &hasher, depth: depth, parent: -1, stamps: &stamps, buffer: buffer) }
        }
    }

    /// One buffer for reading the entries of every folder a walk opens:
    /// readdir would allocate one per folder, and glibc's per-thread heaps
    /// then grow and shrink with a system call each time.
    private static func withFolderBuffer<T>(_ body: (UnsafeMutableRawBufferPointer) -> T) -> T {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 32 * 1024, alignment: 8)
        defer { buffer.deallocate() }
        return body(buffer)
    }

    /// An entry of a folder as the kernel lists it.
    private struct FolderEntry {
        var name: [UInt8]
        /// The listing says it is a folder (file systems that do not say are asked with `fstatat`).
        var isFolder: Bool
    }

    /// The entries of an open folder, `.` and `..` left out; nil when it cannot be read.
    private static func entries(in descriptor: Int32, buffer: UnsafeMutableRawBufferPointer) -> [FolderEntry]? {
        var names: [FolderEntry] = []
        // A linux_dirent64 record: inode (8 bytes), offset (8), record length (2), type (1), then the name and a NUL.
        let nameOffset = 19
        while true {
            let count = unionpress_read_folder(descriptor, buffer.baseAddress, UInt(buffer.count))
            if count < 0 && errno == EINTR { continue }
            if count < 0 { return nil }
            if count == 0 { return names }
            var offset = 0
            while offset + nameOffset <= count {
                let length = Int(buffer.loadUnaligned(fromByteOffset: offset + 16, as: UInt16.self))
                guard length > nameOffset, offset + length <= count else { return nil }
                let field = UnsafeRawBufferPointer(rebasing: buffer[(offset + nameOffset)..<(offset + length)])
                let name = Array(field.prefix { $0 != 0 })
                let type = buffer[offset + 18]
                if name != [0x2E] && name != [0x2E, 0x2E] { names.append(FolderEntry(name: name, isFolder: type == UInt8(DT_DIR))) }
                offset += length
            }
        }
    }

    /// Hashes a folder's entries in byte order of their names: each name, its
    /// mode, size and modification time as raw numbers, and a folder's
    /// entries between an opening and a closing mark (a folder's own time
    /// says nothing its entries do not, so a folder the listing names as one
    /// is not looked up). Entries are looked up relative to the open folder
    /// (`fstatat`), not by whole path. Takes
    /// ownership of `descriptor`. With `stamps`, each entry is recorded
    /// there too, in the folder entry `parent`.
    private static func walk(
        _ descriptor: Int32, hasher: inout StableHasher, depth: Int, parent: Int32, stamps: inout SourceStamps?, buffer: UnsafeMutableRawBufferPointer
    ) {
        defer { close(descriptor) }
        guard depth < 32, var entries = entries(in: descriptor, buffer: buffer) else { return }
        entries.sort { $0.name.lexicographicallyPrecedes($1.name) }
        let folder = descriptor
        // The folders at the top (a site's sections) are walked in parallel,
        // each into a hash of its own that the walk below then takes in order.
        let subtrees = depth == 0 ? subtreeHashes(entries, in: folder, recording: stamps != nil) : []
        for (position, listed) in entries.enumerated() {
            let name = listed.name
            var info = stat()
            if listed.isFolder {
                info.st_mode = S_IFDIR
            } else {
                let found = name.withUnsafeBufferPointer { bytes in
                    withNulTerminated(bytes) { fstatat(folder, $0, &info, AT_SYMLINK_NOFOLLOW) == 0 }
                }
                guard found else { continue }
            }
            let isFolder = info.st_mode & S_IFMT == S_IFDIR
            if isFolder {
                // The same whether the listing or fstatat said so.
                info = stat()
                info.st_mode = S_IFDIR
            }
            hasher.add(bytes: name)
            // The entry's own stamp: a folder's time changes with its entries, which are recorded themselves.
            var entry = StableHasher()
            hasher.add(number: UInt64(info.st_mode))
            hasher.add(number: UInt64(bitPattern: Int64(info.st_size)))
            hasher.add(number: UInt64(bitPattern: Int64(info.st_mtim.tv_sec)))
            hasher.add(number: UInt64(bitPattern: Int64(info.st_mtim.tv_nsec)))
            if stamps != nil, !isFolder {
                // Its inode and change time too, which no tool sets back: a file
                // copied over another with the same size and time still counts as changed.
                entry.add(number: UInt64(bitPattern: Int64(info.st_size)))
                entry.add(number: UInt64(bitPattern: Int64(info.st_mtim.tv_sec)))
                entry.add(number: UInt64(bitPattern: Int64(info.st_mtim.tv_nsec)))
                entry.add(number: UInt64(info.st_mode))
                entry.add(number: UInt64(info.st_ino))
                entry.add(number: UInt64(bitPattern: Int64(info.st_ctim.tv_sec)))
                entry.add(number: UInt64(bitPattern: Int64(info.st_ctim.tv_nsec)))
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                let index = stamps?.record(name, parent: parent, stamp: 0) ?? -1
                hasher.add(number: 0x7B)
                if position < subtrees.count {
                    if let subtree = subtrees[position] {
                        hasher.add(number: subtree.hash)
                        stamps?.append(subtree.stamps, under: index)
                    }
                } else {
                    let child = openFolder(name, in: folder)
                    if child >= 0 { walk(child, hasher: &hasher, depth: depth + 1, parent: index, stamps: &stamps, buffer: buffer) }
                }
                hasher.add(number: 0x7D)
            case S_IFLNK:
                // A link is not followed (it may loop); its target file's stamp
                // stands for it, and a linked folder inside content/ is walked as itself.
                var target = stat()
                let targetFound = name.withUnsafeBufferPointer { bytes in
                    withNulTerminated(bytes) { fstatat(folder, $0, &target, 0) == 0 }
                }
                if targetFound, target.st_mode & S_IFMT != S_IFDIR {
                    hasher.add(number: UInt64(bitPattern: Int64(target.st_size)))
                    hasher.add(number: UInt64(bitPattern: Int64(target.st_mtim.tv_sec)))
                    hasher.add(number: UInt64(bitPattern: Int64(target.st_mtim.tv_nsec)))
                    entry.add(number: UInt64(target.st_ino))
                    entry.add(number: UInt64(bitPattern: Int64(target.st_ctim.tv_sec)))
                    entry.add(number: UInt64(bitPattern: Int64(target.st_ctim.tv_nsec)))
                }
                var destination = [UInt8](repeating: 0, count: 4096)
                let length = name.withUnsafeBufferPointer { bytes in
                    withNulTerminated(bytes) { path in
                        destination.withUnsafeMutableBytes { readlinkat(folder, path, $0.baseAddress!.assumingMemoryBound(to: CChar.self), $0.count) }
                    }
                }
                hasher.add(bytes: destination.prefix(max(0, length)))
                entry.add(bytes: destination.prefix(max(0, length)))
                stamps?.record(name, parent: parent, stamp: entry.value)
            default:
                stamps?.record(name, parent: parent, stamp: entry.value)
            }
        }
    }

    private static func openFolder(_ name: [UInt8], in folder: Int32) -> Int32 {
        name.withUnsafeBufferPointer { bytes in
            withNulTerminated(bytes) { openat(folder, $0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
        }
    }

    /// For each name in `folder`, the hash of its walk when it is a folder
    /// (and its entries' stamps, when `recording`).
    private static func subtreeHashes(_ entries: [FolderEntry], in folder: Int32, recording: Bool) -> [(hash: UInt64, stamps: SourceStamps)?] {
        let names = entries.map(\.name)
        let results = UnsafeMutableBufferPointer<(hash: UInt64, stamps: SourceStamps)?>.allocate(capacity: names.count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        // Each task writes only its own element.
        nonisolated(unsafe) let output = results
        DispatchQueue.concurrentPerform(iterations: names.count) { position in
            var info = stat()
            let found = names[position].withUnsafeBufferPointer { bytes in
                withNulTerminated(bytes) { fstatat(folder, $0, &info, AT_SYMLINK_NOFOLLOW) == 0 }
            }
            guard found, info.st_mode & S_IFMT == S_IFDIR else { return }
            let child = openFolder(names[position], in: folder)
            guard child >= 0 else { return }
            var hasher = StableHasher()
            var stamps: SourceStamps? = recording ? SourceStamps() : nil
            withFolderBuffer { buffer in walk(child, hasher: &hasher, depth: 1, parent: -1, stamps: &stamps, buffer: buffer) }
            output[position] = (hasher.value, stamps ?? SourceStamps())
        }
        return Array(results)
    }

    /// Calls `body` with the name as a NUL-terminated C string.
    private static func withNulTerminated<T>(_ name: UnsafeBufferPointer<UInt8>, _ body: (UnsafePointer<CChar>) -> T) -> T {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: name.count + 1) { buffer in
            for (index, byte) in name.enumerated() { buffer[index] = CChar(bitPattern: byte) }
            buffer[name.count] = 0
            return body(buffer.baseAddress!)
        }
    }
}

/// A 64-bit FNV-1a hash: the same value in every process, unlike `Hasher`.
struct StableHasher {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String) {
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01b3
        }
        value ^= 0xFF
        value &*= 0x0000_0100_0000_01b3
    }

    /// Raw bytes, then an end mark (a name's end must not run into what follows).
    mutating func add<Bytes: Sequence<UInt8>>(bytes: Bytes) {
        for byte in bytes {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01b3
        }
        value ^= 0xFF
        value &*= 0x0000_0100_0000_01b3
    }

    /// A number's eight bytes.
    mutating func add(number: UInt64) {
        var rest = number
        for _ in 0..<8 {
            value ^= rest & 0xFF
            value &*= 0x0000_0100_0000_01b3
            rest >>= 8
        }
    }
}
