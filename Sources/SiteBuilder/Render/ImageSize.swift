import Foundation

/// Reads an image's pixel size from its first bytes (PNG, JPEG, GIF, WebP),
/// so pages can give `<img>` a width and height and the layout does not jump
/// while images load. Unknown formats give `nil`.
struct ImageSize: Sendable, Hashable {
    var width: Int
    var height: Int

    static func read(_ url: URL) -> ImageSize? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: 64 * 1024) else { return nil }
        return parse([UInt8](data))
    }

    static func parse(_ bytes: [UInt8]) -> ImageSize? {
        func be16(_ at: Int) -> Int { Int(bytes[at]) << 8 | Int(bytes[at + 1]) }
        func be32(_ at: Int) -> Int { be16(at) << 16 | be16(at + 2) }
        func le16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func le24(_ at: Int) -> Int { le16(at) | Int(bytes[at + 2]) << 16 }
        if bytes.count >= 24, bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
            return valid(be32(16), be32(20))
        }
        if bytes.count >= 10, bytes.starts(with: Array("GIF".utf8)) {
            return valid(le16(6), le16(8))
        }
        if bytes.count >= 30, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) {
            switch String(decoding: bytes[12..<16], as: UTF8.self) {
            case "VP8 ": return valid(le16(26) & 0x3FFF, le16(28) & 0x3FFF)
            case "VP8L":
                let bits = Int(bytes[21]) | Int(bytes[22]) << 8 | Int(bytes[23]) << 16 | Int(bytes[24]) << 24
                return valid((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
            case "VP8X": return valid(le24(24) + 1, le24(27) + 1)
            default: return nil
            }
        }
        if bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 {
            // Walk the JPEG segments to the first start-of-frame marker.
            var offset = 2
            while offset + 9 < bytes.count {
                guard bytes[offset] == 0xFF else { return nil }
                let marker = bytes[offset + 1]
                if marker == 0xFF { offset += 1; continue }
                let length = be16(offset + 2)
                let isStartOfFrame = (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
                if isStartOfFrame {
                    return valid(be16(offset + 7), be16(offset + 5))
                }
                guard length >= 2 else { return nil }
                offset += 2 + length
            }
        }
        return nil
    }

    private static func valid(_ width: Int, _ height: Int) -> ImageSize? {
        width > 0 && height > 0 && width < 100_000 && height < 100_000 ? ImageSize(width: width, height: height) : nil
    }
}
