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

    static func file(root: URL) -> URL {
        root.appendingPathComponent(".unionpress/build-state")
    }

    static func load(root: URL) -> BuildState? {
        guard let text = try? String(contentsOf: file(root: root), encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ").compactMap { UInt64($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard fields.count == 6 else { return nil }
        return BuildState(
            fingerprint: fields[0], outputStamp: fields[1], validUntil: Int(truncatingIfNeeded: fields[2]),
            pages: Int(fields[3]), sections: Int(fields[4]), taxonomyPages: Int(fields[5])
        )
    }

    func save(root: URL) {
        let url = Self.file(root: root)
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
        var hasher = StableHasher()
        for option in options { hasher.add(option) }
        hasher.add(executableStamp())
        for folder in ["content", "templates"] {
            walk(root.path + "/" + folder, relative: folder, hasher: &hasher, depth: 0)
        }
        return hasher.value
    }

    static func executableStamp() -> String {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return "unknown executable" }
        return "\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }

    static func walk(_ path: String, relative: String, hasher: inout StableHasher, depth: Int) {
        guard depth < 32, let directory = opendir(path) else { return }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        for name in names.sorted() {
            let child = path + "/" + name
            var info = stat()
            guard lstat(child, &info) == 0 else { continue }
            hasher.add("\(relative)/\(name) \(info.st_mode) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)")
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                walk(child, relative: relative + "/" + name, hasher: &hasher, depth: depth + 1)
            case S_IFLNK:
                // A link is not followed (it may loop); its target file's stamp
                // stands for it, and a linked folder inside content/ is walked as itself.
                var target = stat()
                if stat(child, &target) == 0, target.st_mode & S_IFMT != S_IFDIR {
                    hasher.add("-> \(target.st_size) \(target.st_mtim.tv_sec).\(target.st_mtim.tv_nsec)")
                }
                let destination = (try? FileManager.default.destinationOfSymbolicLink(atPath: child)) ?? ""
                hasher.add("-> \(destination)")
            default:
                break
            }
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
}
