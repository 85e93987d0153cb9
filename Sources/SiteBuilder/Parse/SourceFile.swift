import Foundation

/// A file's bytes and its text (lossy-decoded, for diagnostics' source lines).
struct SourceFile: Sendable {
    var path: String
    var bytes: [UInt8]

    var text: String { String(decoding: bytes, as: UTF8.self) }

    static func read(_ url: URL, displayPath: String) throws -> SourceFile {
        let data = try Data(contentsOf: url)
        return SourceFile(path: displayPath, bytes: [UInt8](data))
    }
}
