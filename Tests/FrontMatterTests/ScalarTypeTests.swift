import Testing
@testable import FrontMatter

/// Plain scalars get their type exactly as in the YAML 1.2 core schema, plus dates.
@Suite struct ScalarTypeTests {
    @Test func integersOfTheCoreSchema() throws {
        #expect(try value("a: 2024\n") == .int(2024))
        #expect(try value("a: -38\n") == .int(-38))
        #expect(try value("a: +4\n") == .int(4))
        #expect(try value("a: 007\n") == .int(7))
        #expect(try value("a: 0x1F\n") == .int(31))
        #expect(try value("a: 0o17\n") == .int(15))
        #expect(try value("a: 9223372036854775807\n") == .int(Int.max))
        #expect(try value("a: -9223372036854775808\n") == .int(Int.min))
    }

    @Test func floatsOfTheCoreSchema() throws {
        #expect(try value("a: 44.73\n") == .float(44.73))
        #expect(try value("a: -66.874\n") == .float(-66.874))
        #expect(try value("a: 1e3\n") == .float(1000))
        #expect(try value("a: .5\n") == .float(0.5))
        #expect(try value("a: 1.\n") == .float(1))
        #expect(try value("a: -2.5E-3\n") == .float(-0.0025))
        #expect(try value("a: .inf\n") == .float(.infinity))
        #expect(try value("a: -.Inf\n") == .float(-.infinity))
        let notANumber = try value("a: .NaN\n")
        guard case .float(let number)? = notANumber else { Issue.record("not a float"); return }
        #expect(number.isNaN)
    }

    @Test func booleansAreOnlyTrueAndFalse() throws {
        #expect(try value("a: true\n") == .bool(true))
        #expect(try value("a: True\n") == .bool(true))
        #expect(try value("a: FALSE\n") == .bool(false))
        for word in ["yes", "no", "on", "off", "y", "n", "tRUE"] {
            #expect(try value("a: \(word)\n") == .string(word))
        }
    }

    @Test func nullsAndEmptyValues() throws {
        let node = try frontMatter("a: null\nb: ~\nc:\nd: Null\ne:   \nf: # comment\ng: NULL\n")
        for key in ["a", "b", "c", "d", "e", "f", "g"] {
            #expect(node[key]?.value == .null, "\(key)")
        }
        #expect(try value("a: null-ish\n") == .string("null-ish"))
        #expect(try value("a: ~tilde\n") == .string("~tilde"))
    }

    @Test func stringsThatLookAlmostLikeOtherTypes() throws {
        #expect(try value("a: 12:30\n") == .string("12:30"))
        #expect(try value("a: 0592-12351\n") == .string("0592-12351"))
        #expect(try value("a: 3.14 pi\n") == .string("3.14 pi"))
        #expect(try value("a: 1_000\n") == .string("1_000"))
        #expect(try value("a: 0x\n") == .string("0x"))
        #expect(try value("a: 0xG1\n") == .string("0xG1"))
        #expect(try value("a: 2025-6-6\n") == .string("2025-6-6"))
        #expect(try value("a: 2025-06-06 发布\n") == .string("2025-06-06 发布"))
        #expect(try value("a: -\u{4E00}\n") == .string("-\u{4E00}"))
        #expect(try value("a: .\n") == .string("."))
        #expect(try value("a: +\n") == .string("+"))
    }

    @Test func dates() throws {
        #expect(try value("a: 2025-06-06\n") == .date(YAMLDate(year: 2025, month: 6, day: 6)))
        #expect(try value("a: 2024-02-29\n") == .date(YAMLDate(year: 2024, month: 2, day: 29)))
    }

    @Test func dateTimes() throws {
        let june6 = YAMLDate(year: 2025, month: 6, day: 6)
        #expect(try value("a: 2025-06-06T09:30:00+08:00\n")
            == .dateTime(YAMLDateTime(date: june6, hour: 9, minute: 30, second: 0, utcOffsetSeconds: 8 * 3600)))
        #expect(try value("a: 2025-06-06 09:30\n")
            == .dateTime(YAMLDateTime(date: june6, hour: 9, minute: 30)))
        #expect(try value("a: 2025-06-06T09:30:15Z\n")
            == .dateTime(YAMLDateTime(date: june6, hour: 9, minute: 30, second: 15, utcOffsetSeconds: 0)))
        #expect(try value("a: 2025-06-06t09:30:00.125-05:30\n")
            == .dateTime(YAMLDateTime(date: june6, hour: 9, minute: 30, nanosecond: 125_000_000, utcOffsetSeconds: -(5 * 3600 + 1800))))
        #expect(try value("a: 2025-6-6 9:05:00 +0800\n")
            == .dateTime(YAMLDateTime(date: june6, hour: 9, minute: 5, utcOffsetSeconds: 8 * 3600)))
    }

    @Test func chineseTextWithFullWidthPunctuationIsOrdinaryText() throws {
        let node = try frontMatter("""
            kicker: 厦门市总创新发展新时代“枫桥经验”工会实践——
            note: 一句话：事迹，好！
            byline: 本报记者 李润钊 本报通讯员 潘书婷
            tags: [新就业形态，劳动者权益, “工匠”]

            """)
        #expect(node["kicker"]?.stringValue == "厦门市总创新发展新时代“枫桥经验”工会实践——")
        #expect(node["note"]?.stringValue == "一句话：事迹，好！")
        #expect(node["byline"]?.stringValue == "本报记者 李润钊 本报通讯员 潘书婷")
        #expect(node["tags"]?.list?.compactMap(\.stringValue) == ["新就业形态，劳动者权益", "“工匠”"])
    }

    @Test func trailingSpacesAndCommentsAfterValues() throws {
        let node = try frontMatter("a: text   \nb: 12 # 注释\nc: 多个 词  # comment\nd: a#b\ne: x #\n")
        #expect(node["a"]?.value == .string("text"))
        #expect(node["b"]?.value == .int(12))
        #expect(node["c"]?.value == .string("多个 词"))
        #expect(node["d"]?.value == .string("a#b"))
        #expect(node["e"]?.value == .string("x"))
    }

    @Test func plainTextWithIndicatorsInside() throws {
        #expect(try value("a: C++ & Swift\n") == .string("C++ & Swift"))
        #expect(try value("a: https://news.example.org/a?b=1#top\n") == .string("https://news.example.org/a?b=1#top"))
        #expect(try value("a: 50% off\n") == .string("50% off"))
        #expect(try value("a: it's\n") == .string("it's"))
        #expect(try value("a: quote \"inside\"\n") == .string("quote \"inside\""))
        #expect(try value("a: a, [b], {c}\n") == .string("a, [b], {c}"))
        #expect(try value("a: ---\n") == .string("---"))
        #expect(try value("a: -x\n") == .string("-x"))
        #expect(try value("a: :x\n") == .string(":x"))
        #expect(try value("a: ?x\n") == .string("?x"))
        #expect(try value("a: back\\slash\n") == .string("back\\slash"))
        #expect(try value("a: emoji 🎉\n") == .string("emoji 🎉"))
    }

    @Test func multiLinePlainScalarsAreFolded() throws {
        #expect(try value("a: 第一行\n  第二行\n\n  第三段\nb: 1\n") == .string("第一行 第二行\n第三段"))
        #expect(try value("a:\n  long text\n  more # c\nb: 1\n") == .string("long text more"))
        #expect(try value("a: 1\n  2\n") == .string("1 2"))
        // As in YAML, a more-indented "- " line continues the item's text.
        #expect(try json("a:\n  - x\n   - y\n") == #"{"a":["x - y"]}"#)
    }

    @Test func keysAreTextAndKeepTheirSpelling() throws {
        let node = try frontMatter("my key: 1\n标题: 2\n\"2024\": 3\n'true': 4\nsummary_length  : 5\na-b_c: 6\n")
        #expect(node.mapping?.keys == ["my key", "标题", "2024", "true", "summary_length", "a-b_c"])
    }
}
