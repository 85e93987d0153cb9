/// A site-relative URL path made of name segments (`["tags", "新就业形态"]`),
/// which is both a folder under public/ and a link. Segments are checked by
/// `isSafeSegment` before one is made, so none can escape the output folder.
public struct URLPath: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var segments: [String]

    public init(_ segments: [String]) {
        self.segments = segments
    }

    public static let root = URLPath([])

    public func appending(_ segment: String) -> URLPath {
        URLPath(segments + [segment])
    }

    public func appending(_ more: [String]) -> URLPath {
        URLPath(segments + more)
    }

    /// The file that serves this URL, relative to the output folder: `tags/新就业形态/index.html`.
    public var outputFile: String {
        segments.isEmpty ? "index.html" : segments.joined(separator: "/") + "/index.html"
    }

    /// The percent-encoded path below the site root, ending in `/`: `tags/%E6%96%B0.../`.
    public var encoded: String {
        guard !segments.isEmpty else { return "" }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(segments.reduce(0) { $0 + 3 * $1.utf8.count + 1 })
        for segment in segments {
            Self.percentEncode(segment, into: &bytes)
            bytes.append(UInt8(ascii: "/"))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public var description: String { "/" + segments.joined(separator: "/") + (segments.isEmpty ? "" : "/") }

    public static func < (lhs: URLPath, rhs: URLPath) -> Bool {
        lhs.segments.lexicographicallyPrecedes(rhs.segments)
    }

    /// True when a segment can be a folder name: not empty, not `.` or `..`,
    /// no `/`, `\`, NUL or other control characters, and not too long for a file system.
    public static func isSafeSegment(_ segment: String) -> Bool {
        if segment.isEmpty || segment == "." || segment == ".." || segment.utf8.count > 200 { return false }
        for scalar in segment.unicodeScalars {
            if scalar == "/" || scalar == "\\" || scalar.value < 0x20 || scalar.value == 0x7F { return false }
        }
        return true
    }

    /// Percent-encodes everything but RFC 3986 unreserved ASCII.
    public static func percentEncode(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count * 3)
        percentEncode(text, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether a byte is RFC 3986 unreserved: `A–Z a–z 0–9 - . _ ~`.
    private static let unreserved: [Bool] = (0..<256).map { value in
        switch UInt8(value) {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static func percentEncode(_ text: String, into bytes: inout [UInt8]) {
        let hex: StaticString = "0123456789ABCDEF"
        var text = text
        text.withUTF8 { input in
            unreserved.withUnsafeBufferPointer { unreserved in
                hex.withUTF8Buffer { hex in
                    for byte in input {
                        if unreserved[Int(byte)] {
                            bytes.append(byte)
                        } else {
                            bytes.append(UInt8(ascii: "%"))
                            bytes.append(hex[Int(byte >> 4)])
                            bytes.append(hex[Int(byte & 0xF)])
                        }
                    }
                }
            }
        }
    }

    /// The scheme of an address a browser may run or that reads local files
    /// (`javascript`, `vbscript`, `file`, and `data` other than the image
    /// types cmark's safe mode also lets through), lowercased; nil for any
    /// other address. For addresses that do not pass through cmark's safe mode.
    public static func dangerousScheme(_ text: String) -> String? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let scheme = text[..<colon]
        guard !scheme.isEmpty, scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }) else {
            return nil
        }
        switch scheme.lowercased() {
        case "javascript", "vbscript", "file":
            return scheme.lowercased()
        case "data":
            let rest = text[text.index(after: colon)...].lowercased()
            return ["image/png", "image/gif", "image/jpeg", "image/webp"].contains(where: { rest.hasPrefix($0) }) ? nil : "data"
        default:
            return nil
        }
    }

    /// Reads a path written by an editor (`/2025/06/old-url/`, `initiatives/`)
    /// into segments; `nil` when a segment is unsafe.
    public static func parse(_ text: String) -> URLPath? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard parts.allSatisfy(isSafeSegment) else { return nil }
        return URLPath(parts)
    }
}
