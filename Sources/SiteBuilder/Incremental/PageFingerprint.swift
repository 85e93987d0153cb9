import Foundation

/// What an incremental build compares to tell how a page file changed: its
/// whole bytes, and its front matter alone. The page's place in the site
/// (its title, date, tags, links from other pages) comes from the front
/// matter only, so a change to the body alone leaves every other page as it was.
struct PageFingerprint: Sendable, Equatable {
    var content: UInt64
    var frontMatter: UInt64

    init(content: UInt64, frontMatter: UInt64) {
        self.content = content
        self.frontMatter = frontMatter
    }

    /// `body` is the text after the front matter as the parser returned it;
    /// when it is not exactly the file's last bytes (invalid UTF-8 was
    /// repaired), the whole file stands for the front matter, so any change
    /// counts as a change to it.
    init(bytes: [UInt8], body: String) {
        content = ContentHash.of(bytes[...])
        var body = body
        let bodyIsSuffix = body.withUTF8 { text in
            text.count <= bytes.count && bytes.withUnsafeBufferPointer { file in
                text.isEmpty || memcmp(file.baseAddress! + (file.count - text.count), text.baseAddress!, text.count) == 0
            }
        }
        let bodyLength = body.utf8.count
        frontMatter = bodyIsSuffix ? ContentHash.of(bytes[..<(bytes.count - bodyLength)]) : content
    }
}
