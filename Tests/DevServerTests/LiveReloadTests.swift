import Testing
@testable import DevServer

/// The event-stream format and the pages the server makes itself.
@Suite struct LiveReloadTests {
    @Test func eventsSpanLinesAsSeparateDataFields() {
        #expect(ServerSentEvent.reload.wireFormat == "event: reload\ndata:\n\n")
        #expect(ServerSentEvent.hello("k2x-3").wireFormat == "event: hello\ndata: k2x-3\n\n")
        let text = "content/a.md:2:8: error: bad\ntitle: [x\n       ^\n"
        #expect(ServerSentEvent.buildError(text).wireFormat == """
        event: build-error
        data: content/a.md:2:8: error: bad
        data: title: [x
        data:        ^
        data:


        """)
        // A carriage return never ends up inside a field.
        #expect(ServerSentEvent(name: "x", data: "a\r\nb\rc").wireFormat == "event: x\ndata: a\ndata: b\ndata: c\n\n")
    }

    @Test func theErrorPageEscapesDiagnostics() {
        let page = LiveReload.errorPage(diagnostics: "content/a.md:1:1: error: <script>alert('x')</script> & \"y\"\n", buildID: "k2x-4")
        #expect(page.contains(#"<pre id="unionpress-error-page">content/a.md:1:1: error: &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"#))
        #expect(!page.contains("<script>alert"))
        #expect(page.contains(#"<script src="/__unionpress/live-reload.js?build=k2x-4" defer></script>"#))
    }

    @Test func theScriptIsAddedOnlyWhereATemplateLeftItOut() {
        let withTag = "<html><head>\(LiveReload.scriptTag(buildID: "a-1"))</head><body></body></html>"
        #expect(LiveReload.injectIfMissing(withTag, buildID: "a-2") == withTag)
        #expect(LiveReload.injectIfMissing("<html><body><p>x</p></BODY></html>", buildID: "a-2")
            == "<html><body><p>x</p><script src=\"/__unionpress/live-reload.js?build=a-2\" defer></script>\n</BODY></html>")
        #expect(LiveReload.injectIfMissing("<p>fragment</p>", buildID: "a-2")
            == "<p>fragment</p><script src=\"/__unionpress/live-reload.js?build=a-2\" defer></script>\n")
    }
}
