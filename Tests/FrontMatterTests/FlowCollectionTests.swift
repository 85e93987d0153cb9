import Testing
@testable import FrontMatter

@Suite struct FlowCollectionTests {
    @Test func flowSequencesWithQuotedCommas() throws {
        #expect(try json("a: [a, b, \"c, d\", 'e, f']\n") == #"{"a":["a","b","c, d","e, f"]}"#)
        #expect(try json("a: [1, 2.5, true, null, 2025-06-06, ~]\n") == #"{"a":[1,2.5,true,null,{"$date":"2025-06-06"},null]}"#)
        #expect(try json("a: []\nb: [ ]\nc: [x, ]\n") == #"{"a":[],"b":[],"c":["x"]}"#)
    }

    @Test func flowMappings() throws {
        #expect(try json("a: {name: 于虹, unit: 某公司}\n") == #"{"a":{"name":"于虹","unit":"某公司"}}"#)
        #expect(try json("a: {}\nb: {k: }\nc: {k:, l: 1}\n") == #"{"a":{},"b":{"k":null},"c":{"k":null,"l":1}}"#)
        #expect(try json("a: {url: /, t: https://x.org/a}\n") == #"{"a":{"url":"/","t":"https://x.org/a"}}"#)
        #expect(try json("a: {\"k\":1,'l':[2]}\n") == #"{"a":{"k":1,"l":[2]}}"#)
    }

    @Test func nestedFlowCollections() throws {
        #expect(try json("a: [[1, [2, {x: [3]}]], {y: {z: []}}]\n") == #"{"a":[[1,[2,{"x":[3]}]],{"y":{"z":[]}}]}"#)
        #expect(try json("h:\n  - {title: 全国先进工作者, year: 2025}\n  - 全国劳动模范\n")
            == #"{"h":[{"title":"全国先进工作者","year":2025},"全国劳动模范"]}"#)
    }

    @Test func flowCollectionsOverSeveralLines() throws {
        let yaml = """
            a: [x,
              y,   # comment
              {k: v,
               l: w}
              ]
            b: {
              one: 1,
              two: 2
            }
            c: [长的
              名字, 短]

            """
        #expect(try json(yaml) == #"{"a":["x","y",{"k":"v","l":"w"}],"b":{"one":1,"two":2},"c":["长的 名字","短"]}"#)
    }

    @Test func plainScalarsInFlowMayHoldColonsAndHashes() throws {
        #expect(try json("a: [12:30, a:b, c#d, http://x]\n") == #"{"a":["12:30","a:b","c#d","http://x"]}"#)
    }

    @Test func commentAfterFlowCollection() throws {
        #expect(try json("a: [1, 2] # 注释\nb: {k: v}  #\n") == #"{"a":[1,2],"b":{"k":"v"}}"#)
    }
}
