import Testing
@testable import FrontMatter

@Suite struct BlockScalarTests {
    @Test func literalKeepsLineBreaks() throws {
        #expect(try value("a: |\n  宣讲技能：快递\n  保障云南\n\n  再一段\nb: 1\n") == .string("宣讲技能：快递\n保障云南\n\n再一段\n"))
        #expect(try value("a: |\n  x\n    more indented\n  # not a comment\n") == .string("x\n  more indented\n# not a comment\n"))
    }

    @Test func chomping() throws {
        let body = "  x\n  y\n\n\n"
        #expect(try value("a: |\n" + body + "b: 1\n") == .string("x\ny\n"))
        #expect(try value("a: |-\n" + body + "b: 1\n") == .string("x\ny"))
        #expect(try value("a: |+\n" + body + "b: 1\n") == .string("x\ny\n\n\n"))
        #expect(try value("a: >\n" + body + "b: 1\n") == .string("x y\n"))
        #expect(try value("a: >-\n" + body + "b: 1\n") == .string("x y"))
        #expect(try value("a: >+\n" + body + "b: 1\n") == .string("x y\n\n\n"))
    }

    @Test func foldedJoinsLinesButKeepsParagraphsAndIndentedLines() throws {
        #expect(try value("a: >\n  one\n  two\n\n  three\n    indented\n  four\n") == .string("one two\nthree\n  indented\nfour\n"))
        #expect(try value("a: >-\n  a\n  b\n\n   c\n  d\n") == .string("a b\n\n c\nd"))
    }

    @Test func blockScalarsAtTheEndOfTheFrontMatter() throws {
        let page = try FrontMatterParser.parsePage("---\ntitle: t\nsummary: |\n  摘要第一行\n  第二行\n---\n正文\n")
        #expect(page.frontMatter["summary"]?.stringValue == "摘要第一行\n第二行\n")
        #expect(page.body == "正文\n")
        #expect(page.bodyStartLine == 7)
        let kept = try FrontMatterParser.parsePage("---\na: |+\n  x\n\n---\n")
        #expect(kept.frontMatter["a"]?.stringValue == "x\n\n")
        let stripped = try FrontMatterParser.parsePage("---\na: >-\n  x\n  y\n---")
        #expect(stripped.frontMatter["a"]?.stringValue == "x y")
    }

    @Test func emptyBlockScalars() throws {
        #expect(try value("a: |\nb: 1\n") == .string(""))
        #expect(try value("a: |+\n\n\nb: 1\n") == .string("\n\n"))
        #expect(try value("a: >-\n") == .string(""))
    }

    @Test func leadingBlankLinesAndExplicitIndentation() throws {
        #expect(try value("a: |\n\n  x\n") == .string("\nx\n"))
        #expect(try value("a: |2\n   x\n  y\n") == .string(" x\ny\n"))
        #expect(try value("a: |-2 # comment\n    x\n") == .string("  x"))
        #expect(try json("l:\n  - |1\n     x\n  - >\n    y\n") == #"{"l":["  x\n","y\n"]}"#)
    }

    @Test func blockScalarInASequenceOfMappings() throws {
        let yaml = "l:\n  - unit: 运动会\n    draft: |\n      宣讲技能：快递\n      保障云南\n    title: 94.5\n"
        #expect(try json(yaml) == #"{"l":[{"unit":"运动会","draft":"宣讲技能：快递\n保障云南\n","title":94.5}]}"#)
    }

    @Test func trailingSpacesInsideBlockScalarsAreKept() throws {
        #expect(try value("a: |\n  x  \n    \n  y\n") == .string("x  \n  \ny\n"))
    }
}
