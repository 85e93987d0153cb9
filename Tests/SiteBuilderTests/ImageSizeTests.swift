import Testing
@testable import SiteBuilder

@Suite struct ImageSizeTests {
    @Test func readsPNGHeaders() {
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]
        png += [0, 0, 0x01, 0x40, 0, 0, 0, 0xC8]
        #expect(ImageSize.parse(png) == ImageSize(width: 320, height: 200))
    }

    @Test func walksJPEGSegmentsToTheFrame() {
        var jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x4A, 0x46]
        jpeg += [0xFF, 0xC0, 0x00, 0x11, 0x08, 0x02, 0x58, 0x03, 0x20, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        #expect(ImageSize.parse(jpeg) == ImageSize(width: 800, height: 600))
    }

    @Test func readsGIFAndRejectsGarbage() {
        #expect(ImageSize.parse(Array("GIF89a".utf8) + [0x40, 0x01, 0xC8, 0x00]) == ImageSize(width: 320, height: 200))
        #expect(ImageSize.parse(Array("PNG".utf8)) == nil)
        #expect(ImageSize.parse([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x00, 0, 0, 0, 0, 0, 0]) == nil)
        #expect(ImageSize.parse([]) == nil)
    }
}

@Suite struct BodyImageTests {
    @Test func bodyImagesGetTheirSizeAndLazyLoading() async throws {
        var files = SmallSite.files
        files["content/events/wuwei/index.md"] = files["content/events/wuwei/index.md"]?
            .replacingOccurrences(of: "![现场](photo.png)", with: "![现场](photo.png \"赛场\")\n\n![图](图片.png)")
        let site = try TemporarySite(files)
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]
        png += [0, 0, 0x02, 0x80, 0, 0, 0x01, 0xE0]
        try site.write("content/events/wuwei/photo.png", bytes: png)
        try site.write("content/events/wuwei/图片.png", bytes: png)
        try await site.build()
        let html = try #require(site.read("public/events/wuwei/index.html"))
        #expect(html.contains("<img src=\"/events/wuwei/photo.png\" alt=\"现场\" title=\"赛场\" width=\"640\" height=\"480\" loading=\"lazy\" />"))
        #expect(html.contains("<img src=\"/events/wuwei/%E5%9B%BE%E7%89%87.png\" alt=\"图\" width=\"640\" height=\"480\" loading=\"lazy\" />"))
    }
}
