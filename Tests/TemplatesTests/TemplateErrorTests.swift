import Diagnostics
import Testing
import Templates

@Suite struct TemplateErrorTests {
    @Test func reportsAnUnclosedSectionAtItsOpeningTag() {
        let errors = compileErrors(["page": "<main>\n  <ul>\n    {{#tags}}\n    <li>{{name}}</li>\n  </ul>\n</main>\n"])
        #expect(errors == [TemplateError(message: "unclosed section \"tags\"", path: "templates/page.html", line: 3, column: 5)])
    }

    @Test func rendersTheMessageWithSourceLineAndCaret() throws {
        let text = "<main>\n  <h1>{{title}}</h1>\n  {{#tags}}\n</main>\n"
        let error = try #require(compileErrors(["page": text]).first)
        let rendered = DiagnosticRenderer().render(error.diagnostic(source: text))
        #expect(rendered == """
        templates/page.html:3:3: error: unclosed section "tags"
          {{#tags}}
          ^

        """)
    }

    @Test func countsColumnsInCharactersAndPlacesTheCaretByDisplayWidth() throws {
        let text = "<h1>劳模风采{{#x}}</h1>"
        let error = try #require(compileErrors(["page": text]).first)
        #expect((error.line, error.column) == (1, 9))
        #expect(DiagnosticRenderer().render(error.diagnostic(source: text)) == """
        templates/page.html:1:9: error: unclosed section "x"
        <h1>劳模风采{{#x}}</h1>
                    ^

        """)
    }

    @Test func reportsMismatchedClosingTags() {
        let errors = compileErrors(["page": "{{#list}}\n  {{#item}}\n  {{/list}}\n"])
        #expect(errors == [
            TemplateError(message: "closing tag \"list\" does not match the open section \"item\"", path: "templates/page.html", line: 3, column: 3),
        ])
    }

    @Test func reportsAClosingTagWithoutSection() {
        let errors = compileErrors(["page": "a\n{{/list}}"])
        #expect(errors == [TemplateError(message: "closing tag \"list\" has no open section", path: "templates/page.html", line: 2, column: 1)])
    }

    @Test func reportsEmptyTagsAndMissingNames() {
        let errors = compileErrors(["page": "{{}} {{ }} {{#}} {{{}}} {{>}} {{a b}} {{a..b}}"])
        #expect(errors.map(\.message) == [
            "empty tag \"{{}}\"",
            "empty tag \"{{}}\"",
            "missing name in tag \"{{#}}\"",
            "missing name in tag \"{{{}}}\"",
            "missing name in tag \"{{>}}\"",
            "invalid name \"a b\": names cannot contain spaces",
            "invalid name \"a..b\": a dotted name needs a name between its dots",
        ])
        #expect(errors.map(\.column) == [1, 6, 12, 18, 25, 31, 39])
    }

    @Test func reportsBadDelimiters() {
        let errors = compileErrors(["page": "{{=<% %> x=}}\n{{= =}}\n{{=a= b=}}\n{{=<% %>"])
        #expect(errors.map { "\($0.line):\($0.column) \($0.message)" } == [
            "1:1 a set-delimiter tag needs two delimiters separated by a space, as in {{=<% %>=}}",
            "2:1 a set-delimiter tag needs two delimiters separated by a space, as in {{=<% %>=}}",
            "3:1 delimiters cannot contain \"=\"",
            "4:1 unclosed set-delimiter tag: expected \"=}}\"",
        ])
    }

    @Test func reportsUnclosedTagsAndComments() {
        #expect(compileErrors(["page": "<p>{{title</p>\n{{ok}}"]) == [
            TemplateError(message: "unclosed tag: expected \"}}\"", path: "templates/page.html", line: 1, column: 4),
        ])
        #expect(compileErrors(["page": "a {{{x}}\n"]).map(\.message) == ["unclosed tag: expected \"}}}\""])
        #expect(compileErrors(["page": "a\n  {{! note\n"]) == [
            TemplateError(message: "unclosed comment: expected \"}}\"", path: "templates/page.html", line: 2, column: 3),
        ])
    }

    @Test func checksStaticPartialNamesWhenTheLibraryIsBuilt() {
        let errors = compileErrors([
            "page": "{{<layout}}{{/layout}}\n{{> partials/nav}}\n{{>*dynamic}}",
            "layout": "{{#x}}{{>footer}}{{/x}}",
        ])
        #expect(errors == [
            TemplateError(message: "unknown partial \"footer\"", path: "templates/layout.html", line: 1, column: 7),
            TemplateError(message: "unknown partial \"partials/nav\"", path: "templates/page.html", line: 2, column: 1),
        ])
        #expect(compileErrors(["page": "  {{<base}}{{/base}}"]) == [
            TemplateError(message: "unknown parent template \"base\"", path: "templates/page.html", line: 1, column: 3),
        ])
    }

    @Test func reportsEveryTemplatesErrorsInOneGo() {
        let errors = compileErrors([
            "b": "{{#x}}\n{{/y}}",
            "a": "{{}}\n{{>missing}}",
        ])
        #expect(errors.map { "\($0.path):\($0.line):\($0.column): \($0.message)" } == [
            "templates/a.html:1:1: empty tag \"{{}}\"",
            "templates/a.html:2:1: unknown partial \"missing\"",
            "templates/b.html:1:1: unclosed section \"x\"",
            "templates/b.html:2:1: closing tag \"y\" has no open section",
        ])
    }

    @Test func reportsDuplicateNames() {
        let errors = compileErrors(["nav": "a", "nav": "b"])
        #expect(errors == [TemplateError(message: "duplicate template name \"nav\" (also templates/nav.html)", path: "templates/nav.html", line: 1, column: 1)])
    }

    @Test func libraryErrorGivesDiagnosticsWithSourceLines() throws {
        let sources = [TemplateSource(name: "page", path: "templates/page.html", text: "x\n{{#a}}")]
        do {
            _ = try TemplateLibrary(sources)
            Issue.record("expected an error")
        } catch {
            let diagnostics = error.diagnostics(sources: sources)
            #expect(DiagnosticRenderer().render(diagnostics) == "templates/page.html:2:1: error: unclosed section \"a\"\n{{#a}}\n^\n")
        }
    }

    @Test func unknownTemplateNameIsARenderError() throws {
        let templates = try library(["page": "x"])
        #expect(throws: TemplateError(message: "no template named \"pgae\"", path: "", line: 0, column: 0)) {
            try templates.render("pgae", [:])
        }
    }
}
