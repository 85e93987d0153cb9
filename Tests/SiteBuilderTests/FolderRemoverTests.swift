import Foundation
import Testing
@testable import SiteBuilder

/// The parallel remover that deletes a replaced site deletes everything
/// below the folder, and nothing a link inside it points to.
@Suite struct FolderRemoverTests {
    @Test func aTreeGoesWholeAndLinksAreNotFollowed() throws {
        let site = try TemporarySite([
            "keep/precious.txt": "不能删",
            "gone/index.html": "首页",
            "gone/news/xiamen/index.html": "厦门",
            "gone/news/xiamen/photo.jpg": "JPG",
            "gone/search/s/0.bin": "0",
            "gone/深/层/目/录/文件.html": "深",
        ])
        for number in 0..<300 { try site.write("gone/authors/作者\(number)/index.html", "\(number)") }
        let root = site.root.path
        // A link to a folder outside, and one to a file outside: removed as links.
        try FileManager.default.createSymbolicLink(atPath: root + "/gone/news/outside", withDestinationPath: root + "/keep")
        try FileManager.default.createSymbolicLink(atPath: root + "/gone/outside.txt", withDestinationPath: root + "/keep/precious.txt")
        try FileManager.default.createSymbolicLink(atPath: root + "/gone/top-link", withDestinationPath: root + "/keep")

        #expect(FolderRemover.remove(root + "/gone"))
        #expect(!site.exists("gone"))
        #expect(site.read("keep/precious.txt") == "不能删")
    }

    /// What an update in place leaves (a few folders) is removed on one thread.
    @Test func aSmallTreeGoesToo() throws {
        let site = try TemporarySite(["staging/news/a/index.html": "甲", "staging/tags/工会/page/2/index.html": "乙", "staging/feed.xml": "丙"])
        try FileManager.default.createDirectory(atPath: site.root.path + "/staging/empty/below", withIntermediateDirectories: true)
        #expect(FolderRemover.remove(site.root.path + "/staging"))
        #expect(!site.exists("staging"))
    }

    @Test func aMissingFolderIsAlreadyGoneAndAFileIsRemoved() throws {
        let site = try TemporarySite(["file.txt": "文件"])
        #expect(FolderRemover.remove(site.root.path + "/missing"))
        #expect(FolderRemover.remove(site.root.path + "/file.txt"))
        #expect(!site.exists("file.txt"))
    }

    @Test func aLinkGivenAsTheFolderIsRemovedNotItsTarget() throws {
        let site = try TemporarySite(["keep/precious.txt": "不能删"])
        try FileManager.default.createSymbolicLink(atPath: site.root.path + "/public", withDestinationPath: site.root.path + "/keep")
        #expect(FolderRemover.remove(site.root.path + "/public"))
        #expect(!FileManager.default.fileExists(atPath: site.root.path + "/public"))
        #expect(site.read("keep/precious.txt") == "不能删")
    }
}
