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
        try? text.write(to: url, atomically: true, encoding: .utf8)
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
            if descriptor >= 0 { walk(descriptor, hasher: &hasher, depth: 0, prefix: folder + "/", stamps: &stamps) }
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
        if descriptor >= 0 { walk(descriptor, hasher: &hasher, depth: depth, prefix: "", stamps: &stamps) }
    }

    /// Hashes a folder's entries in byte order of their names: each name, its
    /// mode, size and modification time as raw numbers, and a folder's
    /// entries between an opening and a closing mark. Entries are looked up
    /// relative to the open folder (`fstatat`), not by whole path. Takes
    /// ownership of `descriptor`. With `stamps`, each entry is recorded
    /// there too, by its path (`prefix` and its name).
    private static func walk(_ descriptor: Int32, hasher: inout StableHasher, depth: Int, prefix: String, stamps: inout SourceStamps?) {
        guard depth < 32, let directory = fdopendir(descriptor) else {
            close(descriptor)
            return
        }
        defer { closedir(directory) }
        var names: [[UInt8]] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name != [0x2E] && name != [0x2E, 0x2E] { names.append(name) }
        }
        names.sort { $0.lexicographicallyPrecedes($1) }
        let folder = dirfd(directory)
        // The folders at the top (a site's sections) are walked in parallel,
        // each into a hash of its own that the walk below then takes in order.
        let subtrees = depth == 0 ? subtreeHashes(names, in: folder, prefix: prefix, recording: stamps != nil) : []
        for (position, name) in names.enumerated() {
            var info = stat()
            let found = name.withUnsafeBufferPointer { bytes in
                withNulTerminated(bytes) { fstatat(folder, $0, &info, AT_SYMLINK_NOFOLLOW) == 0 }
            }
            guard found else { continue }
            hasher.add(bytes: name)
            // The entry's own stamp: a folder's time changes with its entries, which are recorded themselves.
            var entry = StableHasher()
            let isFolder = info.st_mode & S_IFMT == S_IFDIR
            for number in [UInt64(info.st_mode), UInt64(bitPattern: Int64(info.st_size)), UInt64(bitPattern: Int64(info.st_mtim.tv_sec)), UInt64(bitPattern: Int64(info.st_mtim.tv_nsec))] {
                hasher.add(number: number)
                if !isFolder { entry.add(number: number) }
            }
            if !isFolder {
                // The inode and its change time too, which no tool sets back: a
                // file copied over another with the same size and time still counts as changed.
                for number in [UInt64(info.st_ino), UInt64(bitPattern: Int64(info.st_ctim.tv_sec)), UInt64(bitPattern: Int64(info.st_ctim.tv_nsec))] {
                    entry.add(number: number)
                }
            }
            let path = stamps == nil ? "" : prefix + String(decoding: name, as: UTF8.self)
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                stamps?.record(path + "/", stamp: 0)
                hasher.add(number: 0x7B)
                if position < subtrees.count {
                    if let subtree = subtrees[position] {
                        hasher.add(number: subtree.hash)
                        stamps?.append(subtree.stamps)
                    }
                } else {
                    let child = openFolder(name, in: folder)
                    if child >= 0 { walk(child, hasher: &hasher, depth: depth + 1, prefix: path + "/", stamps: &stamps) }
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
                    for number in [UInt64(bitPattern: Int64(target.st_size)), UInt64(bitPattern: Int64(target.st_mtim.tv_sec)), UInt64(bitPattern: Int64(target.st_mtim.tv_nsec))] {
                        hasher.add(number: number)
                        entry.add(number: number)
                    }
                }
                var destination = [UInt8](repeating: 0, count: 4096)
                let length = name.withUnsafeBufferPointer { bytes in
                    withNulTerminated(bytes) { path in
                        destination.withUnsafeMutableBytes { readlinkat(folder, path, $0.baseAddress!.assumingMemoryBound(to: CChar.self), $0.count) }
                    }
                }
                hasher.add(bytes: destination.prefix(max(0, length)))
                entry.add(bytes: destination.prefix(max(0, length)))
                stamps?.record(path, stamp: entry.value)
            default:
                stamps?.record(path, stamp: entry.value)
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
    private static func subtreeHashes(_ names: [[UInt8]], in folder: Int32, prefix: String, recording: Bool) -> [(hash: UInt64, stamps: SourceStamps)?] {
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
            walk(child, hasher: &hasher, depth: 1, prefix: prefix + String(decoding: names[position], as: UTF8.self) + "/", stamps: &stamps)
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
