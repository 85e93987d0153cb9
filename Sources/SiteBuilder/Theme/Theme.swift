import Foundation
import Templates

/// The compiled templates and the asset files of a build: the site's own
/// templates/ over the built-in default theme, file by file.
struct Theme: Sendable {
    enum Asset: Sendable {
        case embedded(String)
        case file(URL)
    }

    var library: TemplateLibrary
    /// Output path under `assets/` → content, sorted by path.
    var assets: [(path: String, asset: Asset)]
}
