import Diagnostics
import Markdown
import SiteModel

/// Resolves what a page's Markdown and front matter point to: other pages'
/// `.md` files become their URLs, relative images their copied file's URL.
/// A target that does not exist is an error at the link's position.
struct LinkResolver: Sendable {
    let site: Site

    enum Resolution: Equatable {
        /// Leave the destination as written (external, anchor, mail).
        case unchanged
        case url(String)
        case missing(String)
    }

    /// Site path prefix (`/` or `/news/`) plus a percent-encoded relative path.
    func href(_ path: URLPath) -> String {
        site.config.basePath + path.encoded
    }

    func href(outputFile relative: String) -> String {
        site.config.basePath + relative.split(separator: "/").map { URLPath.percentEncode(String($0)) }.joined(separator: "/")
    }

    func resolve(_ destination: String, from page: Page) -> Resolution {
        resolve(destination, fromDirectory: page.sourceDirectory, pageID: page.id)
    }

    func resolve(_ destination: String, fromDirectory directory: String, pageID: String?) -> Resolution {
        if destination.isEmpty || destination.hasPrefix("#") || destination.hasPrefix("//") || Self.hasScheme(destination) {
            return .unchanged
        }
        var path = destination
        var suffix = ""
        if let mark = path.firstIndex(where: { $0 == "#" || $0 == "?" }) {
            suffix = String(path[mark...])
            path = String(path[..<mark])
        }
        path = Self.percentDecode(path)
        if path.hasPrefix("/") {
            // A site path: keep it, under the base path.
            return .url(site.config.basePath + String(path.dropFirst()) + suffix)
        }
        guard let target = Self.normalize(directory.isEmpty ? path : directory + "/" + path) else {
            return .missing("\(destination) leads outside content/")
        }
        if target.hasSuffix(".md") {
            if let index = site.pageIndexByID[target] {
                return .url(href(site.pages[index].url) + suffix)
            }
            if target == "_index.md" { return .url(site.config.basePath + suffix) }
            if target.hasSuffix("/_index.md") {
                let section = String(target.dropLast("/_index.md".count))
                if site.sections[section] != nil { return .url(href(URLPath(section.split(separator: "/").map(String.init))) + suffix) }
            }
            if site.unpublishedIDs.contains(target) {
                return .missing("\(destination) is a draft or dated in the future, so it is not published")
            }
            return .missing("\(destination): there is no page content/\(target)")
        }
        if let output = site.resourceOutputs[target] {
            return .url(href(outputFile: output) + suffix)
        }
        if target.hasSuffix("/") || target.isEmpty {
            return .unchanged
        }
        return .missing("\(destination): there is no file content/\(target)")
    }

    /// The content-relative path of a file a page points to, when it is one
    /// of the site's files (for reading an image's size).
    func resourcePath(_ destination: String, from page: Page) -> String? {
        if destination.hasPrefix("/") || Self.hasScheme(destination) { return nil }
        let path = Self.percentDecode(String(destination.prefix { $0 != "#" && $0 != "?" }))
        let directory = page.sourceDirectory
        guard let target = Self.normalize(directory.isEmpty ? path : directory + "/" + path) else { return nil }
        return site.resourceOutputs[target] == nil ? nil : target
    }

    /// A cover, portrait or photo path. These come from front matter, not
    /// Markdown, so cmark's safe mode never sees them: the same rule is
    /// applied here, and a `javascript:` (or similar) address is an error
    /// unless the site allows raw HTML.
    func resolveResource(_ path: String, from page: Page) -> Resolution {
        if !site.config.unsafeHTML, let scheme = URLPath.dangerousScheme(path) {
            return .missing("\(path) is a \(scheme): address, which can run script; give an image file or an https:// address")
        }
        return resolve(path, from: page)
    }

    private static func hasScheme(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let scheme = text[..<colon]
        return !scheme.isEmpty && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
    }

    /// Resolves `.` and `..`; `nil` when the path climbs above content/.
    static func normalize(_ path: String) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if parts.isEmpty { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    static func percentDecode(_ text: String) -> String {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
               let high = hexValue(utf8[utf8.startIndex]), let low = hexValue(utf8[utf8.startIndex + 1]) {
                bytes.append(high << 4 | low)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
