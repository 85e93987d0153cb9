#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The output folder of the previous build, seen from the next one. A file
/// the build would write with exactly the bytes the previous build left at
/// the same path is hard-linked from there instead: it keeps its inode and
/// modification time, so rsync, CDNs and `If-Modified-Since` see it as
/// unchanged. The folder swap keeps the link; deleting the old tree then only
/// drops the old name.
struct PreviousOutput: Sendable {
    let root: URL
    /// `root`'s path with a trailing slash, made once rather than per file.
    private let rootPrefix: String

    init(root: URL) {
        self.root = root
        self.rootPrefix = root.path + "/"
    }

    private static let chunkSize = 64 * 1024

    /// The previous file at `relativePath` when it holds exactly `bytes`;
    /// nil when there is none or it differs.
    func unchangedFile(_ relativePath: String, holding bytes: UnsafeRawBufferPointer) -> String? {
        let old = rootPrefix + relativePath
        guard Self.regularFileSize(old) == bytes.count else { return nil }
        guard let matches = Self.withOpenFile(old, { Self.contents(of: $0, equal: bytes) }), matches else { return nil }
        return old
    }

    /// The previous file at `relativePath` when it has the same bytes as
    /// `source` (a resource about to be copied).
    func unchangedFile(_ relativePath: String, sameAs source: URL) -> String? {
        let old = rootPrefix + relativePath
        guard let size = Self.regularFileSize(old), size == Self.regularFileSize(source.path) else { return nil }
        let matches = Self.withOpenFile(old) { oldFile in
            Self.withOpenFile(source.path) { sourceFile in Self.contents(of: oldFile, equalContentsOf: sourceFile) } ?? false
        }
        return matches == true ? old : nil
    }

    /// The size of a regular file; nil for anything else (a symbolic link in
    /// the old output is never followed).
    private static func regularFileSize(_ path: String) -> Int? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    private static func withOpenFile<T>(_ path: String, _ body: (Int32) -> T) -> T? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        return body(descriptor)
    }

    /// Reads up to `buffer.count` bytes, retrying short reads; fewer only at
    /// the end of the file, -1 on an error.
    private static func fill(_ buffer: UnsafeMutableRawBufferPointer, from descriptor: Int32) -> Int {
        var filled = 0
        while filled < buffer.count {
            let count = read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            if count < 0 {
                if errno == EINTR { continue }
                return -1
            }
            if count == 0 { break }
            filled += count
        }
        return filled
    }

    private static func contents(of descriptor: Int32, equal bytes: UnsafeRawBufferPointer) -> Bool {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var offset = 0
        while true {
            let count = fill(buffer, from: descriptor)
            if count < 0 || offset + count > bytes.count { return false }
            if count == 0 { return offset == bytes.count }
            if memcmp(buffer.baseAddress!, bytes.baseAddress! + offset, count) != 0 { return false }
            offset += count
        }
    }

    private static func contents(of first: Int32, equalContentsOf second: Int32) -> Bool {
        let buffers = UnsafeMutableRawBufferPointer.allocate(byteCount: 2 * chunkSize, alignment: 16)
        defer { buffers.deallocate() }
        let a = UnsafeMutableRawBufferPointer(rebasing: buffers[0..<chunkSize])
        let b = UnsafeMutableRawBufferPointer(rebasing: buffers[chunkSize...])
        while true {
            let countA = fill(a, from: first)
            let countB = fill(b, from: second)
            if countA < 0 || countA != countB { return false }
            if countA == 0 { return true }
            if memcmp(a.baseAddress!, b.baseAddress!, countA) != 0 { return false }
        }
    }
}
