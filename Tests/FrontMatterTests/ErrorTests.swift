import Diagnostics
import Testing
@testable import FrontMatter

/// Every error has an exact message, line and column. Lines count from the
/// page's opening `---` (line 1), so line N of the YAML is line N + 1.
@Suite struct ErrorTests {
    @Test func pageWithoutFrontMatter() {
        let message = "page has no front matter: a page must start with a line '---'"
        #expect(pageError("# 标题\n正文\n") == FrontMatterError(message, line: 1, column: 1))
        #expect(pageError("") == FrontMatterError(message, line: 1, column: 1))
        #expect(pageError("\n---\na: 1\n---\n") == FrontMatterError(message, line: 1, column: 1))
        #expect(pageError("--- a: 1\n---\n") == FrontMatterError("the opening '---' must be alone on its line", line: 1, column: 4))
    }

    @Test func missingClosingDelimiter() {
        #expect(pageError("---\ntitle: 标题\ndate: 2025-06-06\n\n正文没有结束标记。\n")
            == FrontMatterError("the front matter is not closed: no line '---' after the opening one", line: 1, column: 1))
        #expect(pageError("---\na: 1\n--- b\n") == FrontMatterError("the closing '---' must be alone on its line", line: 3, column: 4))
    }

    @Test func documentEndMarkerInsideFrontMatter() {
        #expect(frontMatterError("a: 1\n...\n")
            == FrontMatterError("the document end marker '...' is not supported; close the front matter with '---'", line: 3, column: 1))
    }

    @Test func tabsUsedForIndentation() throws {
        let message = "tabs are not allowed for indentation; indent with spaces"
        #expect(frontMatterError("title: 标题\ntags:\n\t- 工会\n") == FrontMatterError(message, line: 4, column: 1))
        #expect(frontMatterError("a:\n  \tb: 1\n") == FrontMatterError(message, line: 3, column: 3))
        #expect(frontMatterError("l:\n  -\tname: x\n") == FrontMatterError(message, line: 3, column: 4))
        // Tabs between tokens and in comment lines are fine.
        #expect(try value("a:\tb\t# c\n\t# comment\n") == .string("b"))
    }

    @Test func inconsistentIndentation() {
        #expect(frontMatterError("event:\n  location: 武威\n    start: 2025-04-20\n")
            == FrontMatterError("inconsistent indentation: expected 2 spaces, found 4", line: 4, column: 5))
        #expect(frontMatterError("groups:\n  - title: 年度人物\n   members: [于虹]\n")
            == FrontMatterError("inconsistent indentation: expected 2 spaces, found 3", line: 4, column: 4))
        #expect(frontMatterError("a:\n  b: 1\n c: 2\n")
            == FrontMatterError("inconsistent indentation: expected 0 spaces, found 1", line: 4, column: 2))
        #expect(frontMatterError("a:\n  - x\n - y\n")
            == FrontMatterError("inconsistent indentation: expected 0 spaces, found 1", line: 4, column: 2))
        #expect(frontMatterError("a: x # comment\n  y\n")
            == FrontMatterError("inconsistent indentation: expected 0 spaces, found 2", line: 3, column: 3))
    }

    @Test func linesThatAreNotKeyValuePairs() {
        #expect(frontMatterError("a: 1\nb\n") == FrontMatterError("expected 'key: value'", line: 3, column: 1))
        #expect(frontMatterError("a: 1\nb:c\n") == FrontMatterError("expected 'key: value' (a space is needed after ':')", line: 3, column: 2))
        #expect(frontMatterError("a: 1\n标题：内容\n")
            == FrontMatterError("expected 'key: value' (the full-width '：' is ordinary text; a key needs ':' and a space)", line: 3, column: 1))
        #expect(frontMatterError("a: 1\n- b\n")
            == FrontMatterError("expected 'key: value', found a '- ' list item among the keys of a mapping", line: 3, column: 1))
        #expect(frontMatterError("just text\n")
            == FrontMatterError("front matter must be a mapping of 'key: value' lines, not a string", line: 2, column: 1))
        #expect(frontMatterError("title:标题\n")
            == FrontMatterError("front matter must be a mapping of 'key: value' lines, not a string (a space is needed after ':')", line: 2, column: 1))
        #expect(frontMatterError("- a\n")
            == FrontMatterError("front matter must be a mapping of 'key: value' lines, not a list", line: 2, column: 1))
        #expect(frontMatterError(": v\n") == FrontMatterError("a key is missing before ':'", line: 2, column: 1))
        #expect(frontMatterError("a: - b\n")
            == FrontMatterError("a '- ' list cannot start on the same line as its key; start it on the next line", line: 2, column: 4))
        #expect(frontMatterError("title: a: b\n")
            == FrontMatterError("': ' inside a plain value; put the value in quotes", line: 2, column: 9))
        #expect(frontMatterError("2024: x\n")
            == FrontMatterError("the key '2024' would be read as an integer, not text; put it in quotes", line: 2, column: 1))
    }

    @Test func duplicateKeys() {
        #expect(frontMatterError("title: 一\ndate: 2025-06-06\ntitle: 二\n")
            == FrontMatterError("duplicate key 'title' (first defined on line 2)", line: 4, column: 1))
        #expect(frontMatterError("a: {x: 1, y: 2, x: 3}\n")
            == FrontMatterError("duplicate key 'x' (first defined on line 2)", line: 2, column: 17))
        #expect(frontMatterError("l:\n  - k: 1\n    k: 2\n")
            == FrontMatterError("duplicate key 'k' (first defined on line 3)", line: 4, column: 5))
        let many = (0..<40).map { "k\($0): \($0)\n" }.joined() + "k7: again\n"
        #expect(frontMatterError(many) == FrontMatterError("duplicate key 'k7' (first defined on line 9)", line: 42, column: 1))
    }

    @Test func unterminatedQuotes() {
        #expect(frontMatterError("title: \"未闭合的引号\ndate: 2025-06-06\n")
            == FrontMatterError("unterminated double-quoted string (missing closing '\"')", line: 2, column: 8))
        #expect(frontMatterError("title: '未闭合\n")
            == FrontMatterError("unterminated single-quoted string (missing closing \"'\")", line: 2, column: 8))
        #expect(frontMatterError("a: [\"x, y]\n")
            == FrontMatterError("unterminated double-quoted string (missing closing '\"')", line: 2, column: 5))
    }

    @Test func unterminatedFlowCollections() {
        #expect(frontMatterError("title: 标题\ntags: [工会, 职工\ndate: 2025-06-06\n")
            == FrontMatterError("unterminated flow sequence: '[' has no matching ']' before line 4, which is not indented", line: 3, column: 7))
        #expect(frontMatterError("title: 标题\nevent: {location: 武威\n")
            == FrontMatterError("unterminated flow mapping: '{' has no matching '}'", line: 3, column: 8))
        #expect(frontMatterError("a: [x, {k: v]\n")
            == FrontMatterError("expected ',' or '}' in a flow mapping", line: 2, column: 13))
    }

    @Test func otherFlowErrors() {
        #expect(frontMatterError("a: {b}\n") == FrontMatterError("expected ':' after the key 'b' in a flow mapping", line: 2, column: 5))
        #expect(frontMatterError("a: {b:1}\n")
            == FrontMatterError("expected ':' after the key 'b:1' in a flow mapping (a space is needed after ':')", line: 2, column: 5))
        #expect(frontMatterError("a: [b: 1]\n")
            == FrontMatterError("'key: value' inside '[ ]' is not supported; write it as '{key: value}'", line: 2, column: 6))
        #expect(frontMatterError("a: [1, , 2]\n") == FrontMatterError("unexpected ',' in a flow sequence (an entry is missing)", line: 2, column: 8))
        #expect(frontMatterError("a: [1] x\n") == FrontMatterError("unexpected text after ']'", line: 2, column: 8))
        #expect(frontMatterError("a: [- x]\n") == FrontMatterError("'- ' list items are not allowed inside '[ ]' or '{ }'", line: 2, column: 5))
        #expect(frontMatterError("a: [|]\n") == FrontMatterError("block scalars ('|', '>') are not allowed inside '[ ]' or '{ }'", line: 2, column: 5))
        #expect(frontMatterError("a: [1 2\n") == FrontMatterError("unterminated flow sequence: '[' has no matching ']'", line: 2, column: 4))
    }

    @Test func unsupportedYAMLFeaturesAreNamed() {
        #expect(frontMatterError("title: &t 标题\n") == FrontMatterError("anchors ('&t') are not supported", line: 2, column: 8))
        #expect(frontMatterError("title: 标题\nsubtitle: *t\n")
            == FrontMatterError("aliases ('*t') are not supported; put the value in quotes if it is text", line: 3, column: 11))
        #expect(frontMatterError("year: !!str 2024\n")
            == FrontMatterError("tags ('!!str') are not supported; put the value in quotes if it is text", line: 2, column: 7))
        #expect(frontMatterError("? title\n: 标题\n") == FrontMatterError("complex keys ('?') are not supported", line: 2, column: 1))
        #expect(frontMatterError("[a, b]: c\n")
            == FrontMatterError("complex keys (a list or mapping used as a key) are not supported", line: 2, column: 1))
        #expect(frontMatterError("a: [&x 1]\n") == FrontMatterError("anchors ('&x') are not supported", line: 2, column: 5))
        #expect(frontMatterError("%YAML 1.2\n")
            == FrontMatterError("a value cannot start with '%' (YAML directives are not supported); put it in quotes", line: 2, column: 1))
        #expect(frontMatterError("a: @home\n")
            == FrontMatterError("a value cannot start with '@' (reserved in YAML); put it in quotes", line: 2, column: 4))
    }

    @Test func badEscapes() {
        #expect(frontMatterError("title: \"坏的\\q转义\"\n")
            == FrontMatterError("invalid escape '\\q' in a double-quoted string", line: 2, column: 11))
        #expect(frontMatterError("a: \"\\u12\"\n") == FrontMatterError("the escape '\\u' needs 4 hexadecimal digits", line: 2, column: 5))
        #expect(frontMatterError("a: \"\\uD83C\"\n")
            == FrontMatterError("the escape '\\uD83C' is a UTF-16 surrogate, not a character; write the character itself or use '\\U' with its code point",
                                line: 2, column: 5))
        #expect(frontMatterError("a: \"\\U00110000\"\n")
            == FrontMatterError("the escape '\\U00110000' is beyond the last Unicode character", line: 2, column: 5))
    }

    @Test func valuesThatLookTypedButAreInvalid() {
        #expect(frontMatterError("date: 2025-02-30\n") == FrontMatterError("'2025-02-30' is not a valid date", line: 2, column: 7))
        #expect(frontMatterError("date: 2025-06-06T24:00:00+08:00\n")
            == FrontMatterError("'2025-06-06T24:00:00+08:00' is not a valid time", line: 2, column: 7))
        #expect(frontMatterError("n: 99999999999999999999\n")
            == FrontMatterError("the integer 99999999999999999999 is too large (more than 64 bits); put it in quotes if it is text", line: 2, column: 4))
    }

    @Test func blockScalarHeaders() {
        #expect(frontMatterError("a: |x\n  t\n")
            == FrontMatterError("invalid block scalar header: only '-', '+' or a digit 1-9 may follow '|'", line: 2, column: 5))
        #expect(frontMatterError("a: > text\n") == FrontMatterError("text cannot follow '>' on its line; start the text on the next line", line: 2, column: 6))
        #expect(frontMatterError("a: |\n     \n  x\n")
            == FrontMatterError("a blank line at the start of a block scalar has more spaces than its first line of text", line: 3, column: 6))
    }

    @Test func commentsNeedASpace() {
        #expect(frontMatterError("a: \"x\"#c\n") == FrontMatterError("a comment needs a space before '#'", line: 2, column: 7))
        #expect(frontMatterError("a: [x]#c\n") == FrontMatterError("a comment needs a space before '#'", line: 2, column: 7))
    }

    @Test func deepNestingIsAnErrorNotAStackOverflow() {
        let message = "nesting is too deep (more than 100 levels)"
        let brackets = String(repeating: "[", count: 10_000)
        #expect(frontMatterError("a: " + brackets + "\n") == FrontMatterError(message, line: 2, column: 104))
        #expect(frontMatterError("a: " + String(repeating: "{a: ", count: 10_000) + "\n")?.message == message)
        #expect(frontMatterError("a:\n" + String(repeating: "- ", count: 10_000) + "x\n")?.message == message)
        let stairs = (0..<1_000).map { String(repeating: " ", count: $0) + "k:\n" }.joined()
        #expect(frontMatterError(stairs)?.message == message)
        #expect(documentError(brackets)?.message == message)
    }

    @Test func invalidUTF8NamesTheLine() {
        let page = Array("---\ntitle: 标题\nbad: ".utf8) + [0xFF] + Array("\n---\n".utf8)
        #expect(pageError(page) == FrontMatterError("invalid UTF-8 in line 3 (byte 0xFF)", line: 3, column: 6))
        let truncated = Array("---\na: 中".utf8) + [0xE6, 0x96] + Array("\n---\n".utf8)
        #expect(pageError(truncated) == FrontMatterError("invalid UTF-8 in line 2 (byte 0xE6)", line: 2, column: 5))
        let overlong = Array("---\na: ".utf8) + [0xC0, 0xAF] + Array("\n---\n".utf8)
        #expect(pageError(overlong)?.message == "invalid UTF-8 in line 2 (byte 0xC0)")
        let surrogate = Array("---\na: ".utf8) + [0xED, 0xA0, 0x80] + Array("\n---\n".utf8)
        #expect(pageError(surrogate)?.message == "invalid UTF-8 in line 2 (byte 0xED)")
        let inBody = Array("---\na: 1\n---\n正文\n坏".utf8) + [0xFE] + Array("\n".utf8)
        #expect(pageError(inBody) == FrontMatterError("invalid UTF-8 in line 5 (byte 0xFE)", line: 5, column: 2))
        let inOpening = [0xFF] + Array("---\n".utf8)
        #expect(pageError(inOpening) == FrontMatterError("invalid UTF-8 in line 1 (byte 0xFF)", line: 1, column: 1))
    }

    @Test func controlCharactersAreRejected() {
        #expect(frontMatterError("a: x\u{0}y\n") == FrontMatterError("control character U+0000 is not allowed in front matter", line: 2, column: 5))
        #expect(frontMatterError("a: x\ry\n") == FrontMatterError("a carriage return (CR) must be followed by a line feed (LF)", line: 2, column: 5))
        #expect(frontMatterError("a: 中\u{85}\u{9F}\n") == FrontMatterError("control character U+009F is not allowed in front matter", line: 2, column: 6))
    }

    @Test func diagnosticShowsTheLineAndACaret() throws {
        let text = "---\ntitle: \"未闭合的引号\ndate: 2025-06-06\n---\n正文。\n"
        let error = try #require(pageError(text))
        let rendered = DiagnosticRenderer().render(error.diagnostic(file: "content/news/a.md", source: text))
        #expect(rendered == """
            content/news/a.md:2:8: error: unterminated double-quoted string (missing closing '"')
            title: "未闭合的引号
                   ^

            """)
    }

    @Test func diagnosticAfterChineseTextPutsTheCaretUnderTheCharacter() throws {
        let text = "---\n标题: {名: &锚 x}\n---\n"
        let error = try #require(pageError(text))
        #expect((error.line, error.column) == (2, 9))
        let rendered = DiagnosticRenderer().render(error.diagnostic(file: "a.md", source: text))
        #expect(rendered == "a.md:2:9: error: anchors ('&锚') are not supported\n标题: {名: &锚 x}\n           ^\n")
    }
}
