import Testing
import Templates

/// Input can never crash the engine: nesting is bounded when compiling,
/// recursion when rendering.
@Suite struct TemplateLimitsTests {
    @Test func deepNestingIsAnError() {
        let depth = 150
        let text = (0..<depth).map { "{{#s\($0)}}" }.joined() + "x" + (0..<depth).reversed().map { "{{/s\($0)}}" }.joined()
        let errors = compileErrors(["deep": text])
        #expect(errors == [
            TemplateError(message: "sections nested more than 100 levels deep", path: "templates/deep.html", line: 1, column: 1 + (0..<100).map { "{{#s\($0)}}".count }.reduce(0, +)),
        ])
    }

    @Test func veryDeepNestingIsStillOnlyAnError() {
        let text = String(repeating: "{{#a}}", count: 100_000)
        #expect(compileErrors(["deep": text]).map(\.message) == ["sections nested more than 100 levels deep"])
    }

    @Test func nestingUpToTheLimitRenders() throws {
        let text = String(repeating: "{{#a}}", count: 100) + "{{b}}" + String(repeating: "{{/a}}", count: 100)
        let templates = try library(["deep": text])
        #expect(try templates.render("deep", ["a": true, "b": "底"]) == "底")
    }

    @Test func aTemplateThatIncludesItselfStopsWithAnError() throws {
        let templates = try library(["page": "<div>\n  {{>loop}}\n</div>", "loop": "x\n{{>loop}}"])
        #expect(throws: TemplateError(
            message: "templates nested more than 100 levels deep (a partial or block that includes itself?)",
            path: "templates/loop.html", line: 2, column: 1
        )) {
            try templates.render("page", [:])
        }
    }

    @Test func aParentThatExtendsItselfStopsWithAnError() throws {
        let templates = try library(["page": "{{<page}}{{/page}}"])
        #expect(throws: TemplateError.self) { try templates.render("page", [:]) }
    }

    @Test func aBlockThatFillsItselfStopsWithAnError() throws {
        let templates = try library(["layout": "{{$a}}{{/a}}", "page": "{{<layout}}{{$a}}[{{$a}}{{/a}}]{{/a}}{{/layout}}"])
        #expect(throws: TemplateError.self) { try templates.render("page", [:]) }
    }

    @Test func recursionOverDeepDataIsBounded() throws {
        var node: TemplateValue = ["name": "leaf", "child": nil]
        for level in 0..<500 { node = ["name": .string("n\(level)"), "child": node] }
        let template = "{{name}}{{#child}}>{{>node}}{{/child}}"
        let templates = try library(["node": template])
        #expect(throws: TemplateError(
            message: "templates nested more than 100 levels deep (a partial or block that includes itself?)",
            path: "templates/node.html", line: 1, column: 20
        )) {
            try templates.render("node", node)
        }
        // With a higher limit the same data renders: depth costs heap, not stack.
        let deeper = try library(["node": template], options: .init(maxIncludeDepth: 1000))
        let output = try deeper.render("node", node)
        #expect(output.hasPrefix("n499>n498>"))
        #expect(output.hasSuffix(">n0>leaf"))
    }

    @Test func aRecursivePartialWhoseDataNeverEndsIsBounded() throws {
        // The leaf has no `child`, so `{{#child}}` finds its parent's again
        // (spec name resolution walks up the context stack): an endless loop.
        let templates = try library(["node": "{{name}}{{#child}}>{{>node}}{{/child}}"])
        #expect(throws: TemplateError.self) { try templates.render("node", ["name": "a", "child": ["name": "b"]]) }
    }

    @Test func worstCaseNestingAtBothLimitsDoesNotOverflowTheStack() throws {
        // 99 sections inside each of 100 nested partials: about 10,000 levels
        // (inverted sections over a missing name, so lookups stay cheap).
        let text = String(repeating: "{{^no}}", count: 99) + "{{>r}}" + String(repeating: "{{/no}}", count: 99)
        let templates = try library(["r": text])
        #expect(throws: TemplateError(
            message: "templates nested more than 100 levels deep (a partial or block that includes itself?)",
            path: "templates/r.html", line: 1, column: 694
        )) {
            try templates.render("r", [:])
        }
    }
}
