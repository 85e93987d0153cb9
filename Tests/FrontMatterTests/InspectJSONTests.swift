import Testing
@testable import FrontMatter

@Suite struct InspectJSONTests {
    @Test func scalarsAndCollections() throws {
        #expect(try json("s: 文本\ni: -3\nf: 1.0\ng: 44.73\nb: false\nn:\nl: [1, [2]]\nm: {z: 1, a: 2}\n")
            == #"{"s":"文本","i":-3,"f":1.0,"g":44.73,"b":false,"n":null,"l":[1,[2]],"m":{"z":1,"a":2}}"#)
    }

    @Test func stringsAreEscaped() throws {
        #expect(try json(#"a: "q\"b\\s/\n\t\r\x01\x7F""# + "\n") == #"{"a":"q\"b\\s/\n\t\r\u0001\u007F"}"#)
        #expect(try json("\"k\\\"ey\": 1\n") == #"{"k\"ey":1}"#)
    }

    @Test func datesAndDateTimes() throws {
        #expect(try json("d: 2025-06-06\n") == #"{"d":{"$date":"2025-06-06"}}"#)
        #expect(try json("t: 2025-06-06 09:30\n") == #"{"t":{"$datetime":"2025-06-06T09:30:00+08:00"}}"#)
        #expect(try json("t: 2025-06-06T09:30:00-05:00\n") == #"{"t":{"$datetime":"2025-06-06T09:30:00-05:00"}}"#)
        #expect(try json("t: 2025-06-06T09:30:00Z\n") == #"{"t":{"$datetime":"2025-06-06T09:30:00+00:00"}}"#)
        #expect(try json("t: 2025-06-06T09:30:00.250+05:30\n") == #"{"t":{"$datetime":"2025-06-06T09:30:00.25+05:30"}}"#)
        #expect(try frontMatter("t: 2025-06-06 09:30\n").inspectJSON(defaultOffsetSeconds: -3600)
            == #"{"t":{"$datetime":"2025-06-06T09:30:00-01:00"}}"#)
        #expect(try json("d: 0099-01-02\n") == #"{"d":{"$date":"0099-01-02"}}"#)
    }

    @Test func floatsJSONCannotWrite() throws {
        #expect(try json("a: [.inf, -.inf, .nan, 1e20]\n") == #"{"a":[{"$float":".inf"},{"$float":"-.inf"},{"$float":".nan"},1e+20]}"#)
    }
}
