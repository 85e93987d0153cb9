import Foundation

/// Writes the site's files under one folder (the staging folder of a build).
/// Paths are relative and made only of checked URL segments, so nothing is
/// written outside it. A writer without a root writes nothing (`check`).
/// With the previous build's output, a file whose bytes did not change is
/// hard-linked from there rather than written, keeping its modification time.
struct OutputWriter: Sendable {
    let root: URL?
    let previous: PreviousOutput?

    init(root: URL?, previous: URL? = nil) {
        self.root = root
        self.previous = previous.map(PreviousOutput.init(root:))
    }

    static let discarding = OutputWriter(root: nil)

    func write(_ relativePath: String, _ text: String) throws {
        var text = text
        try text.withUTF8 { try write(relativePath, bytes: UnsafeRawBufferPointer($0)) }
    }

    func write(_ relativePath: String, bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write(relativePath, bytes: $0) }
    }

    private func write(_ relativePath: String, bytes: UnsafeRawBufferPointer) throws {
        guard let url = try destination(relativePath) else { return }
        if let previous, previous.reuse(relativePath, holding: bytes, at: url) { return }
        try Data(bytes).write(to: url)
    }

    func copy(from source: URL, to relativePath: String) throws {
        guard let url = try destination(relativePath) else { return }
        if let previous, previous.reuse(relativePath, sameAs: source, at: url) { return }
        try FileManager.default.copyItem(at: source, to: url)
    }

    private func destination(_ relativePath: String) throws -> URL? {
        let parts = relativePath.split(separator: "/")
        guard !parts.isEmpty, parts.allSatisfy({ $0 != ".." && $0 != "." && !$0.contains("\0") }) else {
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
