import Testing
@testable import FrontMatter

@Suite struct QuotedScalarTests {
    @Test func quotedScalarsAreAlwaysStrings() throws {
        #expect(try value("a: \"007\"\n") == .string("007"))
        #expect(try value("a: '2025-06-06'\n") == .string("2025-06-06"))
        #expect(try value("a: \"true\"\n") == .string("true"))
        #expect(try value("a: ''\n") == .string(""))
        #expect(try value("a: \"\"\n") == .string(""))
        #expect(try value("a: \"~\"\n") == .string("~"))
    }

    @Test func indicatorsAndCommentsInsideQuotesAreText() throws {
        #expect(try value("a: '*star'\n") == .string("*star"))
        #expect(try value("a: \"&amp\"\n") == .string("&amp"))
        #expect(try value("a: \"x: y\"\n") == .string("x: y"))
        #expect(try value("a: 'a #not-comment' # real comment\n") == .string("a #not-comment"))
        #expect(try value("a: \"- dash\"\n") == .string("- dash"))
        #expect(try value("a: '  lead space'\n") == .string("  lead space"))
        #expect(try value("a: \"trail space  \"\n") == .string("trail space  "))
        #expect(try value("a: \"“引号”，逗号\"\n") == .string("“引号”，逗号"))
    }

    @Test func doubleQuotedEscapes() throws {
        #expect(try value(#"a: "\" \\ \/ \n \t \r \0"\#n"#) == .string("\" \\ / \n \t \r \u{0}"))
        #expect(try value(#"a: "\u4E2D\u6587 \U0001F389 \x41"\#n"#) == .string("中文 🎉 A"))
        #expect(try value(#"a: "\a\b\e\f\v\_\N\L\P\ "\#n"#)
            == .string("\u{07}\u{08}\u{1B}\u{0C}\u{0B}\u{A0}\u{85}\u{2028}\u{2029} "))
        #expect(try value("a: \"tab\\there\"\n") == .string("tab\there"))
    }

    @Test func singleQuotesDoubleToEscapeThemselves() throws {
        #expect(try value("a: 'it''s'\n") == .string("it's"))
        #expect(try value("a: ''''\n") == .string("'"))
        #expect(try value("a: 'back\\slash \\n'\n") == .string("back\\slash \\n"))
    }

    @Test func multiLineQuotedScalarsAreFolded() throws {
        #expect(try value("a: \"one\n  two\n\n  three  \n  four\\\n  five\"\n") == .string("one two\nthree fourfive"))
        #expect(try value("a: 'one\n  two ''q''\n\n  three'\n") == .string("one two 'q'\nthree"))
        #expect(try value("a: \"escaped \\t\n  kept\"\n") == .string("escaped \t kept"))
    }

    @Test func quotedKeysInBlockAndFlowMappings() throws {
        let node = try frontMatter("\"a b\": 1\n'c''d' : 2\ne: {\"f\":3, 'g': 4}\n")
        #expect(node.mapping?.keys == ["a b", "c'd", "e"])
        #expect(node["e"]?.mapping?.keys == ["f", "g"])
        #expect(node["e"]?["f"]?.value == .int(3))
    }
}
