import Foundation

/// Writes the site's files under one folder (the staging folder of a build).
/// Paths are relative and made only of checked URL segments, so nothing is
/// written outside it. A writer without a root writes nothing (`check`).
struct OutputWriter: Sendable {
    let root: URL?

    static let discarding = OutputWriter(root: nil)

    func write(_ relativePath: String, _ text: String) throws {
        guard let url = try destination(relativePath) else { return }
        try Data(text.utf8).write(to: url)
    }

    func write(_ relativePath: String, bytes: [UInt8]) throws {
        guard let url = try destination(relativePath) else { return }
        try Data(bytes).write(to: url)
    }

    /// Copies a file's contents. A symbolic link is resolved first: copied
    /// as a link, it would point from public/ to wherever it pointed.
    func copy(from source: URL, to relativePath: String) throws {
        guard let url = try destination(relativePath) else { return }
        try FileManager.default.copyItem(at: source.resolvingSymlinksInPath(), to: url)
    }

    private func destination(_ relativePath: String) throws -> URL? {
        // Empty parts too: a leading `/` (an absolute path) or `a//b`.
        let parts = relativePath.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0 != ".." && $0 != "." && !$0.contains("\0") }) else {
            throw OutputPathError(path: relativePath)
        }
        guard let root else { return nil }
        let url = root.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        return url
    }
}

struct OutputPathError: Error, CustomStringConvertible {
    var path: String
    var description: String { "refusing to write outside the output folder: \(path)" }
}
