import Foundation
import Templates

/// The compiled templates and the asset files of a build: the site's own
/// templates/ over the built-in default theme, file by file.
struct Theme: Sendable {
    var library: TemplateLibrary
    /// Sorted by path.
    var assets: [ThemeAsset]

    /// Template-friendly names (`site_css`) to each asset's site-relative output path.
    var assetPaths: [String: String] {
        Dictionary(uniqueKeysWithValues: assets.map { (ThemeAsset.templateName($0.path), "assets/" + $0.outputPath) })
    }
}

/// A file of templates/assets/. Stylesheets and scripts get a content hash in
/// their name (`site.3f2a9c1b70.css`), so servers can let browsers cache them
/// for ever; a changed file gets a new name.
struct ThemeAsset: Sendable {
    var path: String
    var outputPath: String
    var bytes: [UInt8]

    init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        outputPath = Self.fingerprinted(path, bytes: bytes)
    }

    static func fingerprinted(_ path: String, bytes: [UInt8]) -> String {
        guard path.hasSuffix(".css") || path.hasSuffix(".js"), let dot = path.lastIndex(of: ".") else { return path }
        // FNV-1a, 64 bits: stable across runs and machines, enough to tell versions apart.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        let padded = String(repeating: "0", count: 16 - hex.count) + hex
        return String(path[..<dot]) + "." + padded.prefix(10) + String(path[dot...])
    }

    /// `site.css` → `site_css`, `js/search.js` → `js_search_js`: usable as a Mustache name.
    static func templateName(_ path: String) -> String {
        String(path.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }
}
