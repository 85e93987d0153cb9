#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Adds `id` attributes to the heading tags of cmark's HTML while copying it
/// into a String, in one pass.
///
/// cmark writes every heading as exactly `<hN>` (no source positions are
/// requested), and all text, code, URLs and titles are escaped, so the only
/// other `<hN>` in the output can come from raw HTML, which the walker counts
/// when raw HTML is allowed. `tags` lists, in output order, one entry per
/// `<hN>`: the anchor to insert, or nil for a tag that belongs to raw HTML.
enum HeadingIDInserter {
    static func html(from rendered: UnsafeBufferPointer<UInt8>, tags: [String?]) -> String {
        guard !tags.isEmpty else { return String(decoding: rendered, as: UTF8.self) }
        var extra = 0
        for case let anchor? in tags { extra += anchor.utf8.count + 6 }  // ` id=""`
        let idOpening: StaticString = " id=\""
        let quote: StaticString = "\""
        return String(unsafeUninitializedCapacity: rendered.count + extra) { output in
            var written = 0
            func copy(_ bytes: UnsafeBufferPointer<UInt8>) {
                guard let base = bytes.baseAddress, !bytes.isEmpty,
                      let target = output.baseAddress else { return }
                (target + written).update(from: base, count: bytes.count)
                written += bytes.count
            }
            var copied = 0
            var tagIndex = 0
            var index = 0
            while index < rendered.count, tagIndex < tags.count {
                guard let base = rendered.baseAddress,
                      let found = memchr(base + index, Int32(UInt8(ascii: "<")), rendered.count - index) else { break }
                index = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                guard isHeadingTag(rendered, at: index) else {
                    index += 1
                    continue
                }
                if let anchor = tags[tagIndex] {
                    copy(UnsafeBufferPointer(rebasing: rendered[copied..<(index + 3)]))
                    copy(UnsafeBufferPointer(start: idOpening.utf8Start, count: idOpening.utf8CodeUnitCount))
                    var anchor = anchor
                    anchor.withUTF8 { copy($0) }
                    copy(UnsafeBufferPointer(start: quote.utf8Start, count: quote.utf8CodeUnitCount))
                    copied = index + 3
                }
                tagIndex += 1
                index += 4
            }
            copy(UnsafeBufferPointer(rebasing: rendered[copied...]))
            return written
        }
    }

    /// The number of `<h1>`…`<h6>` in a raw HTML literal.
    static func countHeadingTags(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var index = 0
        while index < bytes.count {
            if isHeadingTag(bytes, at: index) {
                count += 1
                index += 4
            } else {
                index += 1
            }
        }
        return count
    }

    private static func isHeadingTag(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        bytes[index] == UInt8(ascii: "<") && index + 3 < bytes.count
            && bytes[index + 1] == UInt8(ascii: "h")
            && (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[index + 2])
            && bytes[index + 3] == UInt8(ascii: ">")
    }
}
