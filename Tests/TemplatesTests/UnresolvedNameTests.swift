import Testing
import Templates

@Suite struct UnresolvedNameTests {
    @Test func reportsNamesThatRenderedEmpty() throws {
        let templates = try library([
            "page": "<h1>{{titel}}</h1>\n{{page.summary}}{{#tags}}{{name}}{{/tags}}\n{{^draft}}{{>*kind}}{{/draft}}{{titel}}",
            "item": "{{author}}",
        ])
        let names = try templates.unresolvedNames(rendering: "page", ["page": ["title": "t"], "tags": [["x": 1]]])
        #expect(names == [
            UnresolvedName(name: "titel", kind: .variable, path: "templates/page.html", line: 1, column: 5),
            UnresolvedName(name: "page.summary", kind: .variable, path: "templates/page.html", line: 2, column: 1),
            UnresolvedName(name: "name", kind: .variable, path: "templates/page.html", line: 2, column: 26),
            UnresolvedName(name: "draft", kind: .invertedSection, path: "templates/page.html", line: 3, column: 1),
            UnresolvedName(name: "kind", kind: .dynamicName, path: "templates/page.html", line: 3, column: 11),
            UnresolvedName(name: "titel", kind: .variable, path: "templates/page.html", line: 3, column: 31),
        ])
    }

    @Test func reportsUnknownTemplatesFromData() throws {
        let templates = try library(["page": "{{>*kind}}", "news": "{{missing}}"])
        #expect(try templates.unresolvedNames(rendering: "page", ["kind": "notice"]) == [
            UnresolvedName(name: "notice", kind: .template, path: "templates/page.html", line: 1, column: 1),
        ])
        #expect(try templates.unresolvedNames(rendering: "page", ["kind": "news"]) == [
            UnresolvedName(name: "missing", kind: .variable, path: "templates/news.html", line: 1, column: 1),
        ])
    }

    @Test func nullValuesAreFoundNotMissing() throws {
        let templates = try library(["page": "{{a}}{{#b}}{{/b}}"])
        #expect(try templates.unresolvedNames(rendering: "page", ["a": nil, "b": false]) == [])
    }

    @Test func deduplicatesRepeatedLookups() throws {
        let templates = try library(["page": "{{#items}}{{missing}}{{/items}}"])
        #expect(try templates.unresolvedNames(rendering: "page", ["items": [1, 2, 3]]) == [
            UnresolvedName(name: "missing", kind: .variable, path: "templates/page.html", line: 1, column: 11),
        ])
    }
}
