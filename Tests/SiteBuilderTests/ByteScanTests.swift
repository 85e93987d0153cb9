import Testing
@testable import SiteBuilder

/// The byte scans that replaced character-wise string searches give what
/// the character-wise versions gave.
@Suite struct ByteScanTests {
    let sizes = [
        "/a.png": ImageSize(width: 640, height: 480),
        "/b?x=1&y=2": ImageSize(width: 10, height: 20),
        "/图.png": ImageSize(width: 3, height: 4),
    ]

    @Test func imagesGetSizesAndLazyLoading() {
        let html = "<p>前<img src=\"/a.png\" alt=\"图一\" /> 中 <img src=\"/b?x=1&amp;y=2\" alt=\"\" /><img src=\"/%E5%9B%BE.png\" alt=\"图\" /><img src=\"/none.png\" alt=\"x\" /></p>"
        let expected = "<p>前<img src=\"/a.png\" alt=\"图一\" width=\"640\" height=\"480\" loading=\"lazy\" /> 中 "
            + "<img src=\"/b?x=1&amp;y=2\" alt=\"\" width=\"10\" height=\"20\" loading=\"lazy\" />"
            + "<img src=\"/%E5%9B%BE.png\" alt=\"图\" width=\"3\" height=\"4\" loading=\"lazy\" />"
            + "<img src=\"/none.png\" alt=\"x\" loading=\"lazy\" /></p>"
        #expect(PageRenderer.sizingImages(html, sizes) == expected)
        #expect(PageRenderer.sizingImagesByCharacters(html, sizes) == expected)
    }

    @Test func agreesWithTheCharacterScanOnAwkwardInput() {
        let inputs = [
            "",
            "no images",
            "<img alt=\"x\" />",
            "<img src=\"/a.png\" alt=\"no end\"",
            "<img src=\"/a.png alt=x />",
            "<img src=\"/a.png\"\u{301} alt=\"combining mark after the quote\" />",
            "<img src=\"/a.png\" alt=\"x\" /\u{301}> <img src=\"/a.png\" alt=\"y\" />",
            "\u{600}<img src=\"/a.png\" alt=\"after a prepended sign\" />",
            "<img src=\"/图.png\" alt=\"raw non-ASCII source\" />",
            "<img src=\"/a.png\" alt=\"a\" /><img src=\"/a.png\" alt=\"b\" />",
        ]
        for html in inputs {
            #expect(PageRenderer.sizingImages(html, sizes) == PageRenderer.sizingImagesByCharacters(html, sizes), "\(html)")
        }
    }

    @Test func bylineNames() {
        #expect(BylineNames.names(in: "本报记者 李润钊 本报通讯员 潘书婷") == ["李润钊", "潘书婷"])
        #expect(BylineNames.names(in: "本报记者李润钊、潘书婷，李润钊") == ["李润钊", "潘书婷"])
        #expect(BylineNames.names(in: "记者 阿依·买") == ["阿依·买"])
        #expect(BylineNames.names(in: "本报记者 John 王伟 摄") == ["王伟"], "a Latin name: the character-wise rule")
        #expect(BylineNames.names(in: "") == [])
    }
}
