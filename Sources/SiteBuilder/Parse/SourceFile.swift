import Foundation

/// A file's bytes and its text (lossy-decoded, for diagnostics' source lines).
struct SourceFile: Sendable {
    var path: String
    var bytes: [UInt8]

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Pages, `_index.md` and `_site.yml` larger than this are refused
    /// before they are read: rendering takes about 25 times a page's size in
    /// memory, and a file this large is a mistake (a video saved as .md).
    static let maxBytes = 32 * 1024 * 1024

    struct TooLarge: LocalizedError {
        var bytes: Int
        var errorDescription: String? {
            let megabytes = String(format: "%.1f", Double(bytes) / 1_048_576)
            return "it is \(megabytes) MB, and a page can be at most \(SourceFile.maxBytes / 1_048_576) MB; split it, or put large files beside it (they are copied, not read)"
        }
    }

    static func read(_ url: URL, displayPath: String) throws -> SourceFile {
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
        if let size, size > maxBytes { throw TooLarge(bytes: size) }
        let data = try Data(contentsOf: url)
        if data.count > maxBytes { throw TooLarge(bytes: data.count) }
        return SourceFile(path: displayPath, bytes: [UInt8](data))
    }
}
