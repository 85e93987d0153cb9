import Foundation
@testable import SiteBuilder

/// A site folder under the system's temporary directory, written from a
/// dictionary of relative paths and removed when the test ends.
final class TemporarySite {
    let root: URL

    init(_ files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("unionpress-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (path, text) in files {
            try write(path, text)
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    func write(_ path: String, _ text: String) throws {
        try write(path, bytes: Array(text.utf8))
    }

    func write(_ path: String, bytes: [UInt8]) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    /// 2025-07-01T00:00:00+08:00: pages dated after it count as future.
    static let now = 1_751_299_200

    func options(output: String = "public", workers: Int = 2) -> BuildOptions {
        var options = BuildOptions(root: root.path, now: Self.now)
        options.output = output
        options.workers = workers
        return options
    }

    @discardableResult
    func build(_ configure: (inout BuildOptions) -> Void = { _ in }) async throws(BuildFailure) -> BuildReport {
        var options = options()
        configure(&options)
        return try await Builder(options: options).build()
    }

    func read(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
    }

    /// Every file below a folder of the site, relative to it, with its bytes.
    func snapshot(_ folder: String) -> [String: Data] {
        let base = root.appendingPathComponent(folder)
        var result: [String: Data] = [:]
        for path in ThemeLoader.files(under: base) {
            result[path] = FileManager.default.contents(atPath: base.appendingPathComponent(path).path)
        }
        return result
    }
}
