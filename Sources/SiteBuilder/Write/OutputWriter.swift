import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Writes the site's files under one folder (the staging folder of a build).
/// Paths are relative and made only of checked URL segments, so nothing is
/// written outside it. A writer without a root writes nothing (`check`).
///
/// Files are written with open/write/close: no temporary copy, no fsync (the
/// staging swap is what makes a build atomic), and parent folders are made
/// before the first file in them is opened (the writer remembers the folders
/// it made or wrote into), so most files cost three system calls and no
/// open fails for a missing folder. Files are opened and folders made
/// relative to a descriptor of the root, so the kernel does not walk the
/// root's own path again for each of them.
/// With the previous build's output, a file whose bytes did not change is
/// hard-linked from there rather than written, keeping its modification time.
struct OutputWriter: Sendable {
    let root: URL?
    let previous: PreviousOutput?
    /// `root`'s path with a trailing slash, made once: building it per file
    /// from the URL cost more than writing small files.
    private let rootPrefix: String?
    /// For an update in place (`Publisher.commitChanges`): a file whose
    /// bytes the previous output already has is not written at all, so the
    /// root ends up holding only what changed.
    var writesOnlyChanges = false
    /// Folders known to exist and the root's descriptor, shared by the copies of this writer.
    private let folders: WriterFolders

    init(root: URL?, previous: URL? = nil, writesOnlyChanges: Bool = false) {
        self.root = root
        // No previous output (a first build, or a new folder): nothing to compare, and no
        // failing lookup per file written.
        self.previous = previous.flatMap { Self.isFolder($0.path) ? PreviousOutput(root: $0) : nil }
        self.rootPrefix = root.map { $0.path + "/" }
        self.folders = WriterFolders(root: root?.path)
        self.writesOnlyChanges = writesOnlyChanges
    }

    static let discarding = OutputWriter(root: nil)

    private static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    func write(_ relativePath: String, _ text: String) throws {
        var text = text
        try text.withUTF8 { buffer in
            try write(relativePath, buffer: UnsafeRawBufferPointer(buffer))
        }
    }

    func write(_ relativePath: String, bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { buffer in
            try write(relativePath, buffer: buffer)
        }
    }

    /// Copies a file's contents. A symbolic link is resolved first: copied
    /// as a link, it would point from public/ to wherever it pointed.
    func copy(from source: URL, to relativePath: String) throws {
        guard let path = try destination(relativePath) else { return }
        if let old = previous?.unchangedFile(relativePath, sameAs: source), try (writesOnlyChanges || link(old, to: path, relativePath: relativePath)) { return }
        if let bytes = try? FileBytes.read(source.path) {
            try bytes.withUnsafeBytes { buffer in
                try write(relativePath, buffer: buffer, reusing: false)
            }
            return
        }
        // Read again through Foundation for the error it reports.
        let data = try Data(contentsOf: source)
        try data.withUnsafeBytes { buffer in
            try write(relativePath, buffer: buffer, reusing: false)
        }
    }

    private func write(_ relativePath: String, buffer: UnsafeRawBufferPointer, reusing: Bool = true) throws {
        guard let path = try destination(relativePath) else { return }
        if reusing, let old = previous?.unchangedFile(relativePath, holding: buffer), try (writesOnlyChanges || link(old, to: path, relativePath: relativePath)) { return }
        try prepareFolder(of: relativePath, at: path)
        let flags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC
        let root = folders.rootDescriptor
        var descriptor = root >= 0 ? openat(root, relativePath, flags, 0o644) : open(path, flags, 0o644)
        // A folder removed since it was noted: make it again.
        if descriptor < 0 && errno == ENOENT {
            try makeParents(of: path)
            descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard descriptor >= 0 else { throw OutputWriteError(path: relativePath, code: errno) }
        defer { close(descriptor) }
        guard let base = buffer.baseAddress else { return }
        var offset = 0
        while offset < buffer.count {
            let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw OutputWriteError(path: relativePath, code: errno)
            }
            offset += written
        }
    }

    /// Hard-links an unchanged file of the previous output; false when the
    /// link cannot be made (the caller then writes the file).
    private func link(_ old: String, to path: String, relativePath: String) throws -> Bool {
        try prepareFolder(of: relativePath, at: path)
        if Glibc.link(old, path) == 0 { return true }
        guard errno == ENOENT else { return false }
        try makeParents(of: path)
        return Glibc.link(old, path) == 0
    }

    /// Makes the file's folder unless this writer already made it or wrote
    /// into it: a full build writes into an empty staging folder, where
    /// opening first would fail once for every new folder.
    /// A file in the root itself needs none (when the root is missing, the
    /// open fails and makes it).
    private func prepareFolder(of relativePath: String, at path: String) throws {
        guard let slash = relativePath.utf8.lastIndex(of: UInt8(ascii: "/")) else { return }
        let folder = String(relativePath[..<slash])
        if folders.contains(folder) { return }
        // Usually only the last folder is new: one mkdir relative to the root.
        let root = folders.rootDescriptor
        if root < 0 || (mkdirat(root, folder, 0o755) != 0 && errno != EEXIST) {
            try makeParents(of: path)
        }
        folders.insert(folder)
    }

    /// `mkdir -p` for a file's folder, from the deepest missing one up.
    private func makeParents(of path: String) throws {
        guard let slash = path.lastIndex(of: "/") else { return }
        let folder = String(path[..<slash])
        if mkdir(folder, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT else { throw OutputWriteError(path: folder, code: errno) }
        try makeParents(of: folder)
        if mkdir(folder, 0o755) != 0 && errno != EEXIST { throw OutputWriteError(path: folder, code: errno) }
    }

    /// The absolute path for a relative output path; `nil` when discarding.
    private func destination(_ relativePath: String) throws -> String? {
        guard Self.isSafe(relativePath) else { throw OutputPathError(path: relativePath) }
        guard let rootPrefix else { return nil }
        return rootPrefix + relativePath
    }

    /// Segments separated by `/`, none empty, `.`, `..` or holding a NUL
    /// byte; checked on the UTF-8 bytes (every byte tested is ASCII, so a
    /// segment of `.` here is a segment of `.` as characters too).
    private static func isSafe(_ relativePath: String) -> Bool {
        var path = relativePath
        return path.withUTF8 { bytes in
            var segmentStart = 0
            var index = 0
            while index <= bytes.count {
                if index == bytes.count || bytes[index] == UInt8(ascii: "/") {
                    let length = index - segmentStart
                    if length == 0 { return false }
                    if length <= 2, bytes[segmentStart] == UInt8(ascii: "."), length == 1 || bytes[segmentStart + 1] == UInt8(ascii: ".") {
                        return false
                    }
                    segmentStart = index + 1
                } else if bytes[index] == 0 {
                    return false
                }
                index += 1
            }
            return true
        }
    }
}

/// What an `OutputWriter` and its copies (one per render worker) share:
/// the folders known to exist (relative to the root), and a descriptor of
/// the root, opened once a folder in it has been made or found.
private final class WriterFolders: Sendable {
    private struct State {
        var known: Set<String> = []
        var root: Int32 = -1
    }

    private let rootPath: String?
    private let state = Mutex(State())

    init(root: String?) {
        self.rootPath = root
    }

    deinit {
        state.withLock { state in
            if state.root >= 0 { close(state.root) }
        }
    }

    /// -1 until the root is known to exist.
    var rootDescriptor: Int32 {
        state.withLock { $0.root }
    }

    func contains(_ folder: String) -> Bool {
        state.withLock { $0.known.contains(folder) }
    }

    /// Notes a folder that exists, which means the root does too.
    func insert(_ folder: String) {
        state.withLock { state in
            state.known.insert(folder)
            if state.root < 0, let rootPath {
                state.root = open(rootPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            }
        }
    }
}

struct OutputPathError: Error, CustomStringConvertible {
    var path: String
    var description: String { "refusing to write outside the output folder: \(path)" }
}

struct OutputWriteError: Error, CustomStringConvertible {
    var path: String
    var code: Int32
    var description: String { "cannot write \(path): \(String(cString: strerror(code)))" }
}
