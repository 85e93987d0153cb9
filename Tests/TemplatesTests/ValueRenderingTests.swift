import Foundation
import Testing
import Templates

@Suite struct ValueRenderingTests {
    @Test func rendersScalars() throws {
        let templates = try library(["t": "{{i}} {{d}} {{w}} {{t}} {{f}} {{n}} [{{list}}] [{{object}}]"])
        let context: TemplateValue = [
            "i": 42, "d": 1.25, "w": 3.0, "t": true, "f": false, "n": nil, "list": [1, 2], "object": ["a": 1],
        ]
        #expect(try templates.render("t", context) == "42 1.25 3 true false  [] []")
    }

    @Test(arguments: [
        (TemplateValue.null, false), (.bool(false), false), (.list([]), false), (.string(""), false), (.html(""), false),
        (.bool(true), true), (.int(0), true), (.double(0), true), (.string("0"), true), (.object([:]), true), (.list([nil]), true),
    ])
    func truthiness(_ value: TemplateValue, _ truthy: Bool) throws {
        let templates = try library(["t": "{{#v}}yes{{/v}}{{^v}}no{{/v}}"])
        let expected = if case .list(let items) = value, truthy { String(repeating: "yes", count: items.count) } else { truthy ? "yes" : "no" }
        #expect(try templates.render("t", ["v": value]) == expected)
        #expect(value.isTruthy == truthy)
    }

    @Test func iteratesListsWithParentContexts() throws {
        let templates = try library(["t": "{{#items}}<li><a href=\"{{url}}\">{{title}}</a>（{{site}}）</li>{{/items}}"])
        let context: TemplateValue = [
            "site": "厦门工会",
            "items": [["title": "标题一", "url": "/a/"], ["title": "标题二", "url": "/b/"]],
        ]
        #expect(try templates.render("t", context)
            == "<li><a href=\"/a/\">标题一</a>（厦门工会）</li><li><a href=\"/b/\">标题二</a>（厦门工会）</li>")
    }

    @Test func decodesJSON() throws {
        let json = #"{"s": "文", "i": 3, "d": 2.5, "b": true, "n": null, "l": [1, "x"], "o": {"k": false}}"#
        let value = try JSONDecoder().decode(TemplateValue.self, from: Data(json.utf8))
        #expect(value == [
            "s": "文", "i": 3, "d": 2.5, "b": true, "n": nil, "l": [1, "x"], "o": ["k": false],
        ])
    }

    @Test func appendsToAnExistingBuffer() throws {
        let templates = try library(["t": "<b>{{x}}</b>"])
        var output = "before:"
        try templates.render("t", ["x": "1"], into: &output)
        try templates.render("t", ["x": "2"], into: &output)
        #expect(output == "before:<b>1</b><b>2</b>")
    }

    @Test func listsNamesSorted() throws {
        let templates = try library(["page": "", "partials/nav": "", "base": ""])
        #expect(templates.names == ["base", "page", "partials/nav"])
        #expect(templates.contains("partials/nav"))
        #expect(!templates.contains("nav"))
    }

    @Test func rendersConcurrentlyFromOneLibrary() async throws {
        let templates = try library(["t": "{{#items}}{{.}},{{/items}}"])
        let outputs = try await withThrowingTaskGroup(of: String.self) { group in
            for worker in 0..<8 {
                group.addTask { try templates.render("t", ["items": .list((0..<100).map { .int($0 + worker) })]) }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(Set(outputs).count == 8)
    }
}

@Suite struct ListIndexTests {
    @Test func aNumericPartSelectsAListItem() throws {
        let library = try TemplateLibrary([TemplateSource(name: "t", path: "t.html", text: "{{#tags.0}}<ul>{{#tags}}<li>{{.}}</li>{{/tags}}</ul>{{/tags.0}}{{^tags.0}}none{{/tags.0}}|{{tags.1}}")])
        #expect(try library.render("t", .object(["tags": .list([.string("劳模"), .string("工匠")])])) == "<ul><li>劳模</li><li>工匠</li></ul>|工匠")
        #expect(try library.render("t", .object(["tags": .list([])])) == "none|")
    }
}
