import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes the site's files under one folder (the staging folder of a build).
/// Paths are relative and made only of checked URL segments, so nothing is
/// written outside it. A writer without a root writes nothing (`check`).
///
/// Files are written with open/write/close: no temporary copy, no fsync (the
/// staging swap is what makes a build atomic), and parent folders are made
/// only when open says they are missing, so most files cost three system calls.
struct OutputWriter: Sendable {
    let root: URL?

    static let discarding = OutputWriter(root: nil)

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

    func copy(from source: URL, to relativePath: String) throws {
        guard root != nil else { return }
        let data = try Data(contentsOf: source)
        try data.withUnsafeBytes { buffer in
            try write(relativePath, buffer: buffer)
        }
    }

    private func write(_ relativePath: String, buffer: UnsafeRawBufferPointer) throws {
        guard let path = try destination(relativePath) else { return }
        var descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor < 0 && errno == ENOENT {
            try makeParents(of: path)
            descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard descriptor >= 0 else { throw OutputWriteError(path: relativePath, code: errno) }
        defer { close(descriptor) }
        var offset = 0
        while offset < buffer.count {
            let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw OutputWriteError(path: relativePath, code: errno)
            }
            offset += written
        }
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
        let parts = relativePath.split(separator: "/", omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0 != ".." && $0 != "." && !$0.contains("\0") }) else {
            throw OutputPathError(path: relativePath)
        }
        guard let root else { return nil }
        return root.path + "/" + relativePath
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
