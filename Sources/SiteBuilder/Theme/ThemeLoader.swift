import Diagnostics
import Foundation
import Templates

/// Reads templates/ (names are paths without the extension: `page`,
/// `partials/nav`) and templates/assets/, falling back to the default theme
/// for every template and asset the site does not provide.
struct ThemeLoader {
    let siteRoot: URL

    func load() -> Result<Theme, BuildFailure> {
        var sources: [String: TemplateSource] = [:]
        for file in DefaultTheme.templates {
            sources[file.name] = TemplateSource(name: file.name, path: "(default theme) templates/\(file.path)", text: file.text)
        }
        var assets: [String: [UInt8]] = [:]
        for file in DefaultTheme.assets { assets[file.path] = Array(file.text.utf8) }

        let folder = siteRoot.appendingPathComponent("templates")
        var diagnostics: [Diagnostic] = []
        if FileManager.default.fileExists(atPath: folder.path) {
            do {
                let loaded = try TemplateDirectoryLoader().load(from: folder, displayPath: "templates")
                for source in loaded.sources { sources[source.name] = source }
                diagnostics = loaded.diagnostics
            } catch {
                diagnostics.append(.error("cannot read templates/: \(error.localizedDescription)"))
            }
            let assetFolder = folder.appendingPathComponent("assets")
            for relative in Self.files(under: assetFolder) {
                guard let data = FileManager.default.contents(atPath: assetFolder.appendingPathComponent(relative).path) else {
                    diagnostics.append(.error("cannot read this asset", at: SourceLocation(file: "templates/assets/\(relative)", line: 1, column: 1)))
                    continue
                }
                assets[relative] = [UInt8](data)
            }
        }
        if !diagnostics.isEmpty { return .failure(BuildFailure(diagnostics)) }
        let ordered = sources.keys.sorted().compactMap { sources[$0] }
        do {
            let library = try TemplateLibrary(ordered)
            return .success(Theme(library: library, assets: assets.keys.sorted().compactMap { key in assets[key].map { ThemeAsset(path: key, bytes: $0) } }))
        } catch {
            let texts = Dictionary(uniqueKeysWithValues: ordered.map { ($0.path, $0.text) })
            return .failure(BuildFailure(error.errors.map { $0.diagnostic(source: texts[$0.path] ?? "") }))
        }
    }

    /// Every regular file below a folder, relative to it, sorted; hidden files skipped.
    static func files(under folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else { return [] }
        let base = folder.standardizedFileURL.path
        var result: [String] = []
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(base + "/") else { continue }
            result.append(String(path.dropFirst(base.count + 1)))
        }
        return result.sorted()
    }
}
