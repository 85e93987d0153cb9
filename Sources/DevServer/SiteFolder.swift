import Foundation

/// Maps request paths to files of a built site, the way a static host
/// does: `/x/` is `/x/index.html`, `/x` redirects to `/x/` when x is a
/// folder, and nothing outside the folder is ever reached.
public struct SiteFolder: Sendable {
    /// The folder being served, with symbolic links resolved.
    public let root: String

    public init(root: URL) {
        self.root = root.resolvingSymlinksInPath().standardizedFileURL.path
    }

    public enum Lookup: Sendable, Equatable {
        case file(path: String, contentType: String)
        /// A folder asked for without its trailing slash.
        case redirect(location: String)
        case notFound
        /// The path is not valid percent-encoded UTF-8.
        case badRequest
    }

    /// Finds the file for a request path as it arrived (percent-encoded,
    /// without the query).
    public func lookup(_ requestPath: String) -> Lookup {
        guard let decoded = requestPath.removingPercentEncoding, !decoded.contains("\0") else { return .badRequest }
        var components: [Substring] = []
        for component in decoded.split(separator: "/") where component != "." {
            // Refused rather than resolved: no request needs to climb.
            if component == ".." { return .notFound }
            components.append(component)
        }
        let relative = components.joined(separator: "/")
        let path = relative.isEmpty ? root : root + "/" + relative
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .notFound }
        var file = path
        if isDirectory.boolValue {
            guard decoded.hasSuffix("/") else {
                let encoded = components.map { $0.addingPercentEncoding(withAllowedCharacters: Self.pathCharacters) ?? String($0) }
                return .redirect(location: "/" + encoded.joined(separator: "/") + "/")
            }
            file = path + "/index.html"
            guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), !isDirectory.boolValue else { return .notFound }
        }
        // A symbolic link inside the folder must not lead out of it.
        let resolved = URL(fileURLWithPath: file).resolvingSymlinksInPath().path
        guard resolved.hasPrefix(root + "/") else { return .notFound }
        return .file(path: resolved, contentType: Self.contentType(forFile: resolved))
    }

    /// The site's own 404 page, when it has one.
    public var notFoundPage: String? {
        let path = root + "/404.html"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    private static let pathCharacters = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))

    /// The Content-Type for a file, by name: text types say UTF-8, which is
    /// what the builder writes; the Atom feed gets its own type.
    public static func contentType(forFile path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if name == "feed.xml" { return "application/atom+xml" }
        guard let dot = name.lastIndex(of: ".") else { return "application/octet-stream" }
        let suffix = name[name.index(after: dot)...].lowercased()
        return types[suffix] ?? "application/octet-stream"
    }

    private static let types: [String: String] = [
        "html": "text/html; charset=utf-8",
        "htm": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8",
        "mjs": "text/javascript; charset=utf-8",
        "json": "application/json",
        "xml": "application/xml",
        "atom": "application/atom+xml",
        "txt": "text/plain; charset=utf-8",
        "md": "text/plain; charset=utf-8",
        "svg": "image/svg+xml",
        "png": "image/png",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "gif": "image/gif",
        "webp": "image/webp",
        "avif": "image/avif",
        "ico": "image/x-icon",
        "pdf": "application/pdf",
        "woff": "font/woff",
        "woff2": "font/woff2",
        "ttf": "font/ttf",
        "otf": "font/otf",
        "mp3": "audio/mpeg",
        "m4a": "audio/mp4",
        "mp4": "video/mp4",
        "webm": "video/webm",
        "zip": "application/zip",
        "doc": "application/msword",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls": "application/vnd.ms-excel",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ]
}
