import Diagnostics
import Foundation
import Templates

/// Reads a templates folder into `TemplateSource`s: `templates/partials/nav.html`
/// becomes the template `partials/nav`. Skips hidden entries, names starting
/// with `_`, and the `assets/` folder (static files, copied as they are).
/// Files that are not valid UTF-8 become diagnostics, so one run reports them all.
public struct TemplateDirectoryLoader: Sendable {
    /// What a load found: the sources, and the files it could not use.
    public struct Result: Sendable {
        public var sources: [TemplateSource]
        public var diagnostics: [Diagnostic]
    }

    public static let defaultExtensions: Set<String> = ["html", "htm", "mustache", "xml", "txt", "json"]

    public var extensions: Set<String>
    public var skippedDirectories: Set<String>

    public init(extensions: Set<String> = Self.defaultExtensions, skippedDirectories: Set<String> = ["assets"]) {
        self.extensions = extensions
        self.skippedDirectories = skippedDirectories
    }

    /// Loads every template under `directory`; `displayPath` is how messages
    /// name the folder (e.g. `templates`). Throws only when the folder
    /// cannot be listed. Sources are sorted by name.
    public func load(from directory: URL, displayPath: String) throws -> Result {
        var sources: [TemplateSource] = []
        var diagnostics: [Diagnostic] = []
        var visited: Set<String> = []
        for relativePath in try templateFiles(in: directory, relativeTo: "", visited: &visited) {
            let displayFile = displayPath.isEmpty ? relativePath : "\(displayPath)/\(relativePath)"
            let url = directory.appendingPathComponent(relativePath)
            let bytes: [UInt8]
            do {
                bytes = Array(try Data(contentsOf: url))
            } catch {
                diagnostics.append(.error("cannot read template: \(error.localizedDescription)", at: SourceLocation(file: displayFile, line: 1, column: 1)))
                continue
            }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                let offset = Self.firstInvalidUTF8Offset(in: bytes)
                let position = SourceText.position(ofByte: offset, in: bytes)
                diagnostics.append(.error(
                    "template is not valid UTF-8",
                    at: SourceLocation(file: displayFile, line: position.line, column: position.column)
                ))
                continue
            }
            let name = (relativePath as NSString).deletingPathExtension
            sources.append(TemplateSource(name: name, path: displayFile, text: text))
        }
        return Result(sources: sources.sorted { $0.name < $1.name }, diagnostics: diagnostics)
    }

    /// `visited` holds the real paths of folders already read, so that a
    /// symbolic link back to a parent folder is not followed forever.
    private func templateFiles(in directory: URL, relativeTo prefix: String, visited: inout Set<String>) throws -> [String] {
        guard visited.insert(directory.resolvingSymlinksInPath().standardizedFileURL.path).inserted else { return [] }
        let entries = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        var files: [String] = []
        for entry in entries where !entry.hasPrefix(".") && !entry.hasPrefix("_") {
            let url = directory.appendingPathComponent(entry)
            let relative = prefix.isEmpty ? entry : "\(prefix)/\(entry)"
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                if prefix.isEmpty && skippedDirectories.contains(entry) { continue }
                files.append(contentsOf: try templateFiles(in: url, relativeTo: relative, visited: &visited))
            } else if extensions.contains((entry as NSString).pathExtension.lowercased()) {
                files.append(relative)
            }
        }
        return files
    }

    /// The offset of the first byte that does not start or continue a valid UTF-8 sequence.
    public static func firstInvalidUTF8Offset(in bytes: [UInt8]) -> Int {
        var offset = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var consumed = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                consumed += UTF8.width(scalar)
                offset = consumed
            case .emptyInput:
                return offset
            case .error:
                return offset
            }
        }
    }
}
