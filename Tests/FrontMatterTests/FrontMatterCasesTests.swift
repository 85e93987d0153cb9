import Foundation
import Testing
@testable import FrontMatter

/// Runs every case of Fixtures/frontmatter-cases.json (see Fixtures/README.md).
@Suite struct FrontMatterCasesTests {
    struct ValidCase {
        var name: String
        var document: String
        var expected: OrderedJSON
    }

    struct InvalidCase {
        var name: String
        var document: String
        var line: Int
    }

    static let cases: (valid: [ValidCase], invalid: [InvalidCase]) = {
        do {
            guard let url = Bundle.module.url(forResource: "Fixtures/frontmatter-cases", withExtension: "json") else {
                return ([], [])
            }
            let text = try String(contentsOf: url, encoding: .utf8)
            guard case .object(let top) = try OrderedJSON.parse(text) else { return ([], []) }
            var valid: [ValidCase] = []
            var invalid: [InvalidCase] = []
            for (group, value) in top {
                guard case .array(let items) = value else { continue }
                for case .object(let fields) in items {
                    let field = { (name: String) in fields.first { $0.0 == name }?.1 }
                    guard case .string(let name)? = field("name"), case .string(let document)? = field("document") else { continue }
                    if group == "valid", let expected = field("expected") {
                        valid.append(ValidCase(name: name, document: document, expected: expected))
                    } else if group == "invalid", case .int(let line)? = field("line") {
                        invalid.append(InvalidCase(name: name, document: document, line: line))
                    }
                }
            }
            return (valid, invalid)
        } catch {
            return ([], [])
        }
    }()

    @Test func fixtureHasAllCases() {
        #expect(Self.cases.valid.count == 400)
        #expect(Self.cases.invalid.count == 15)
    }

    @Test func everyValidCaseGivesTheExpectedValue() throws {
        var failures: [String] = []
        for testCase in Self.cases.valid {
            do {
                let page = try FrontMatterParser.parsePage(testCase.document)
                let actual = try OrderedJSON.parse(page.frontMatter.inspectJSON())
                if actual != testCase.expected {
                    failures.append("\(testCase.name): got \(actual)\n  expected \(testCase.expected)")
                }
            } catch {
                failures.append("\(testCase.name): \(error)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failing:\n\(failures.prefix(10).joined(separator: "\n"))")
    }

    /// A page read again to be rendered is only split: the body and its first
    /// line must be those the full parse gives, on every case and with a body.
    @Test func theBodyAloneIsTheBodyTheParseGives() throws {
        for testCase in Self.cases.valid {
            for page in [testCase.document, testCase.document + "\n正文第一行\r\n\n第二段。\n"] {
                guard let parsed = try? FrontMatterParser.parsePage(page) else { continue }
                let split = try FrontMatterParser.body(ofPage: Array(page.utf8))
                #expect(split.body == parsed.body && split.bodyStartLine == parsed.bodyStartLine, "\(testCase.name)")
            }
        }
    }

    @Test func everyInvalidCaseFailsOnTheExpectedLine() {
        var failures: [String] = []
        for testCase in Self.cases.invalid {
            do {
                let page = try FrontMatterParser.parsePage(testCase.document)
                failures.append("\(testCase.name): no error, got \(page.frontMatter.inspectJSON())")
            } catch {
                if error.line != testCase.line {
                    failures.append("\(testCase.name): error on line \(error.line), expected \(testCase.line): \(error.message)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}
