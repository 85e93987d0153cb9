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
