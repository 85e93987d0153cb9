import Testing
@testable import Diagnostics

@Suite struct DiagnosticRendererTests {
    @Test func rendersLocationSourceLineAndCaret() {
        let diagnostic = Diagnostic.error(
            "unterminated quote",
            at: SourceLocation(file: "content/news/a.md", line: 3, column: 8),
            sourceLine: "title: \"厦门市总"
        )
        let text = DiagnosticRenderer().render(diagnostic)
        #expect(text == "content/news/a.md:3:8: error: unterminated quote\ntitle: \"厦门市总\n       ^\n")
    }

    @Test func caretCountsChineseCharactersAsTwoCells() {
        let diagnostic = Diagnostic.error(
            "duplicate key",
            at: SourceLocation(file: "a.md", line: 1, column: 4),
            sourceLine: "标题：x"
        )
        let lines = DiagnosticRenderer().render(diagnostic).split(separator: "\n")
        #expect(lines[2] == "      ^")
    }

    @Test func keepsTabsSoTheCaretLinesUp() {
        let diagnostic = Diagnostic.error("tab", at: SourceLocation(file: "a", line: 1, column: 2), sourceLine: "\tx")
        #expect(DiagnosticRenderer().render(diagnostic).hasSuffix("\tx\n\t^\n"))
    }

    @Test func sortsErrorsFirstThenByPosition() {
        let warning = Diagnostic.warning("w", at: SourceLocation(file: "a", line: 1, column: 1))
        let late = Diagnostic.error("late", at: SourceLocation(file: "b", line: 9, column: 1))
        let early = Diagnostic.error("early", at: SourceLocation(file: "b", line: 2, column: 5))
        let sorted = [warning, late, early].sorted(by: Diagnostic.printingOrder)
        #expect(sorted.map(\.message) == ["early", "late", "w"])
    }

    @Test func findsLinesAndPositions() {
        let text = "a\r\n第二行\nlast"
        #expect(SourceText.line(2, of: text) == "第二行")
        #expect(SourceText.line(3, of: text) == "last")
        #expect(SourceText.line(4, of: text) == nil)
        let bytes = Array(text.utf8)
        // "第二行" starts at byte 3; byte 6 is "二".
        #expect(SourceText.position(ofByte: 6, in: bytes) == (2, 2))
    }

    @Test func summaryCountsBySeverity() {
        let summary = DiagnosticSummary([.error("a"), .error("b"), .warning("c")])
        #expect(summary.line == "2 errors, 1 warning")
    }
}
