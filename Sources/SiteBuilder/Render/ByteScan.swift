import Foundation

/// Finding ASCII marks in UTF-8 bytes, for the renderer's passes over HTML.
enum ByteScan {
    static let imageTag: [UInt8] = Array("<img ".utf8)
    static let imageSource: [UInt8] = Array("<img src=\"".utf8)
    static let quote: [UInt8] = [UInt8(ascii: "\"")]
    static let tagClose: [UInt8] = Array(" />".utf8)

    /// The offset of the first occurrence of `needle` at or after `start`.
    static func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= bytes.count else { return nil }
        let last = bytes.count - needle.count
        var index = start
        while index <= last {
            if bytes[index] == first {
                var matched = 1
                while matched < needle.count && bytes[index + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return index }
            }
            index += 1
        }
        return nil
    }

    /// Whether the bytes `offset..<offset+length` (ASCII) are whole
    /// characters: the bytes either side are ASCII too, so no combining mark,
    /// joiner or prepended sign makes them part of a larger character.
    static func standsAlone(_ offset: Int, _ length: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let end = offset + length
        return (offset == 0 || bytes[offset - 1] < 0x80) && (end == bytes.count || bytes[end] < 0x80)
    }

    /// The text with `&amp;` turned back into `&`. Text that is not all
    /// ASCII is left to Foundation, whose matching of `&amp;` then decides.
    static func unescapingAmpersands(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            return String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "&amp;", with: "&")
        }
        let entity = Array("&amp;".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "&"), bytes.endIndex - index >= entity.count,
               bytes[index..<(index + entity.count)].elementsEqual(entity) {
                out.append(UInt8(ascii: "&"))
                index += entity.count
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
