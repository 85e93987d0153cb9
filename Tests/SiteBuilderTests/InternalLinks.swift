import Foundation
import Testing
@testable import SiteBuilder

/// Checks that every `href` and `src` inside a built site that points into
/// the site names a file in the output (`/a/b/` means `/a/b/index.html`).
enum InternalLinks {
    static func assertAllResolve(in output: URL, basePath: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var broken: [String] = []
        var checked = 0
        for file in ThemeLoader.files(under: output) where file.hasSuffix(".html") {
            let html = String(decoding: FileManager.default.contents(atPath: output.appendingPathComponent(file).path) ?? Data(), as: UTF8.self)
            for link in links(in: html) {
                guard link.hasPrefix(basePath) else {
                    if link.hasPrefix("/") { broken.append("\(file): \(link) is outside the base path") }
                    continue
                }
                var path = String(link.dropFirst(basePath.count))
                if let mark = path.firstIndex(where: { $0 == "#" || $0 == "?" }) { path = String(path[..<mark]) }
                path = path.removingPercentEncoding ?? path
                if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
                checked += 1
                if !FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path) {
                    broken.append("\(file): \(link)")
                }
            }
        }
        #expect(checked > 0, sourceLocation: sourceLocation)
        #expect(broken.isEmpty, "broken links: \(broken.prefix(10))", sourceLocation: sourceLocation)
    }

    /// Values of href="..." and src="..." attributes (the theme always quotes them).
    static func links(in html: String) -> [String] {
        var result: [String] = []
        for attribute in ["href=\"", "src=\""] {
            var rest = html[...]
            while let start = rest.range(of: attribute) {
                rest = rest[start.upperBound...]
                guard let end = rest.firstIndex(of: "\"") else { break }
                let value = String(rest[..<end]).replacingOccurrences(of: "&amp;", with: "&")
                if !value.hasPrefix("http"), !value.hasPrefix("#"), !value.hasPrefix("mailto:") { result.append(value) }
                rest = rest[end...]
            }
        }
        return result
    }
}
