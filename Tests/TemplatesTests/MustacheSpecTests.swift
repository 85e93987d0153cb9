import Foundation
import Testing
import Templates

/// Runs every case of the official Mustache spec (Fixtures/mustache, MIT
/// licence, source in SOURCE.txt), including the optional inheritance and
/// dynamic-names modules. Lambdas are not implemented and their file is not
/// vendored; no case is skipped.
@Suite struct MustacheSpecTests {
    static let files = [
        "comments", "delimiters", "interpolation", "inverted", "partials", "sections",
        "~inheritance", "~dynamic-names",
    ]

    @Test func loadsEveryCase() throws {
        let counts = try Self.files.map { try SpecCase.load(file: $0).count }
        #expect(counts == [12, 14, 42, 22, 12, 34, 27, 21])
    }

    @Test(arguments: SpecCase.all(files: files))
    func rendersAsTheSpecSays(_ specCase: SpecCase) throws {
        // The spec renders unknown partials as empty; our default is an error.
        let sources = [TemplateSource(name: SpecCase.templateName, path: "\(specCase.file).mustache", text: specCase.template)]
            + specCase.partials.sorted(by: { $0.key < $1.key }).map { TemplateSource(name: $0.key, path: "\($0.key).mustache", text: $0.value) }
        let library = try TemplateLibrary(sources, options: .init(unknownPartials: .renderEmpty))
        let output = try library.render(SpecCase.templateName, specCase.data)
        #expect(output == specCase.expected, "\(specCase.desc)\ntemplate: \(specCase.template.debugDescription)")
    }
}

struct SpecCase: Sendable, CustomTestStringConvertible {
    static let templateName = "spec-template"

    var file: String
    var name: String
    var desc: String
    var data: TemplateValue
    var template: String
    var expected: String
    var partials: [String: String]

    var testDescription: String { "\(file): \(name)" }

    private struct File: Decodable {
        struct Case: Decodable {
            var name: String
            var desc: String
            var data: TemplateValue
            var template: String
            var expected: String
            var partials: [String: String]?
        }

        var tests: [Case]
    }

    static func load(file: String) throws -> [SpecCase] {
        guard let url = Bundle.module.url(forResource: file, withExtension: "json", subdirectory: "Fixtures/mustache") else {
            throw CocoaError(.fileNoSuchFile)
        }
        let decoded = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        return decoded.tests.map {
            SpecCase(
                file: file, name: $0.name, desc: $0.desc, data: $0.data, template: $0.template,
                expected: $0.expected, partials: $0.partials ?? [:]
            )
        }
    }

    /// Every case of `files`; an unreadable file shows up in `loadsEveryCase`.
    static func all(files: [String]) -> [SpecCase] {
        files.flatMap { (try? load(file: $0)) ?? [] }
    }
}
