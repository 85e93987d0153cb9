import Testing
@testable import FrontMatter

@Suite struct BlockStructureTests {
    @Test func nestedMappingsKeepSourceOrder() throws {
        let node = try frontMatter("""
            event:
              start: 2025-04-20
              end: 2025-05-30
              location: 甘肃省武威市
              nested:
                deeper: 1
            z: last
            a: first-letter

            """)
        #expect(node.mapping?.keys == ["event", "z", "a"])
        #expect(node["event"]?.mapping?.keys == ["start", "end", "location", "nested"])
        #expect(node["event"]?["nested"]?["deeper"]?.value == .int(1))
        #expect(node["event"]?["location"]?.stringValue == "甘肃省武威市")
    }

    @Test func blockSequencesIndentedOrAtTheKeysIndentation() throws {
        #expect(try json("tags:\n  - 工会\n  - 职工\n") == #"{"tags":["工会","职工"]}"#)
        #expect(try json("tags:\n- 工会\n- 职工\nnext: 1\n") == #"{"tags":["工会","职工"],"next":1}"#)
        #expect(try json("tags:\n  -\n  - x\n  -   # comment\n") == #"{"tags":[null,"x",null]}"#)
    }

    @Test func sequencesOfMappings() throws {
        let yaml = """
            groups:
              - title: 年度人物
                members:
                  - name: 于虹
                    unit: 某某公司
                  - {name: 王邦明, profile: wang-bangming}
              - title: 扎根边疆最美职工
                members: [冉红艳, 刘晓芳, 许绍华]
              -   title: 宽缩进
                  members: []

            """
        #expect(try json(yaml) == #"{"groups":[{"title":"年度人物","members":[{"name":"于虹","unit":"某某公司"},"#
            + #"{"name":"王邦明","profile":"wang-bangming"}]},{"title":"扎根边疆最美职工","members":["冉红艳","刘晓芳","许绍华"]},"#
            + #"{"title":"宽缩进","members":[]}]}"#)
    }

    @Test func nestedSequencesOnOneLineAndBelow() throws {
        #expect(try json("a:\n- - x\n  - y\n- - z\n") == #"{"a":[["x","y"],["z"]]}"#)
        #expect(try json("a:\n  -\n    - x\n    -\n      - y\n") == #"{"a":[["x",["y"]]]}"#)
    }

    @Test func valueOnTheNextLine() throws {
        #expect(try json("a:\n  text\nb:\n  [1, 2]\nc:\n  \"q\"\n") == #"{"a":"text","b":[1,2],"c":"q"}"#)
    }

    @Test func commentsAndBlankLinesAnywhereBetweenEntries() throws {
        let yaml = """
            # 站点设置
            title: 工会新闻网   # 名称

              # indented comment
            menu:
              # first
              - {title: 首页, url: /}

              - {title: 地方实践, url: /initiatives/}
            # trailing

            """
        #expect(try json(yaml) == #"{"title":"工会新闻网","menu":[{"title":"首页","url":"/"},{"title":"地方实践","url":"/initiatives/"}]}"#)
    }

    @Test func emptyFrontMatterIsAnEmptyMapping() throws {
        #expect(try json("") == "{}")
        #expect(try json("# only a comment\n\n") == "{}")
    }

    @Test func rootMayBeIndentedConsistently() throws {
        #expect(try json("  a: 1\n  b: 2\n") == #"{"a":1,"b":2}"#)
    }

    @Test func positionsOfNodesAndKeys() throws {
        // Page lines: 1 `---`, 2 `title: 标题`, 3 `tags: [工会, 职工]`, 4 `event:`, 5 `  start: 2025-04-20`,
        // 6 `list:`, 7 `  - 一`, 8 `  - k: v`, 9 `empty:`, 10 `text: |`, 11 `  line`.
        let node = try frontMatter("""
            title: 标题
            tags: [工会, 职工]
            event:
              start: 2025-04-20
            list:
              - 一
              - k: v
            empty:
            text: |
              line

            """)
        #expect((node.line, node.column) == (1, 1))
        let entries = try #require(node.mapping?.entries)
        #expect(entries.map { [$0.keyLine, $0.keyColumn] } == [[2, 1], [3, 1], [4, 1], [6, 1], [9, 1], [10, 1]])
        func position(_ node: YAMLNode?) -> [Int] { node.map { [$0.line, $0.column] } ?? [] }
        #expect(position(node["title"]) == [2, 8])
        #expect(position(node["tags"]) == [3, 7])
        #expect(position(node["tags"]?.list?[1]) == [3, 12])
        #expect(position(node["event"]) == [5, 3])
        #expect(position(node["event"]?["start"]) == [5, 10])
        #expect(position(node["list"]) == [7, 3])
        #expect(position(node["list"]?.list?[1]) == [8, 5])
        #expect(position(node["list"]?.list?[1]["k"]) == [8, 8])
        #expect(node["list"]?.list?[1].mapping?.entries.first.map { [$0.keyLine, $0.keyColumn] } == [8, 5])
        #expect(position(node["empty"]) == [9, 7])
        #expect(position(node["text"]) == [10, 7])
    }

    @Test func columnsCountUnicodeScalarsNotBytes() throws {
        let node = try frontMatter("标题: {名: 值, 号: 12}\n")
        let inner = try #require(node["标题"]?.mapping)
        #expect(inner.entries.map(\.keyColumn) == [6, 12])
        #expect(node["标题"]?["号"]?.column == 15)
    }

    @Test func accessors() throws {
        let node = try frontMatter("s: x\ni: 3\nf: 1.5\nb: true\nd: 2025-06-06\nt: 2025-06-06 09:30\nl: [1]\nm: {k: v}\nn:\n")
        #expect(node["s"]?.stringValue == "x")
        #expect(node["i"]?.intValue == 3)
        #expect(node["i"]?.doubleValue == 3)
        #expect(node["f"]?.doubleValue == 1.5)
        #expect(node["b"]?.boolValue == true)
        #expect(node["d"]?.dateValue == YAMLDate(year: 2025, month: 6, day: 6))
        #expect(node["t"]?.dateTimeValue?.hour == 9)
        #expect(node["l"]?.list?.count == 1)
        #expect(node["m"]?.mapping?.entry("k")?.keyColumn == 5)
        #expect(node["n"]?.isNull == true)
        #expect(node["s"]?.intValue == nil)
        #expect(node["missing"] == nil)
        #expect(node["m"]?.value.typeDescription == "a mapping")
        #expect(YAMLDate(year: 2024, month: 12, day: 31) < YAMLDate(year: 2025, month: 1, day: 1))
    }
}
