// libFuzzer target: the template parser and renderer. The input is up to
// three templates separated by NUL bytes (`page`, `partials/item`, `base`),
// so partials, parents and blocks can refer to each other; they are
// compiled in both unknown-partial modes and rendered over fixed data that
// has every kind of value. Build and run with scripts/fuzz.sh run templates SECONDS.
import Diagnostics
import Templates

private let names = ["page", "partials/item", "base"]

private let data: TemplateValue = [
    "title": "标题 <script>alert(1)</script> & \"quoted\" 'single'",
    "body": .html("<p>正文</p>"),
    "empty": "",
    "zero": 0,
    "pi": 3.25,
    "yes": true,
    "no": false,
    "nothing": nil,
    "tags": [["name": "工会", "url": "/tags/%E5%B7%A5/"], ["name": "<b>", "url": "javascript:x"]],
    "numbers": [1, 2, 3],
    "nested": ["a": ["b": ["c": "deep"]], "list": [[], [[]], ["x"]]],
    "page": ["title": "页", "tags": ["一", "二"], "child": ["title": "子", "child": ["title": "孙"]]],
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplates(_ pointer: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = pointer.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let parts = bytes.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false)
    var sources: [TemplateSource] = []
    for (index, part) in parts.enumerated() {
        // Templates arrive as text (the loader rejects invalid UTF-8 first).
        guard let text = String(validating: part, as: UTF8.self) else { return 0 }
        sources.append(TemplateSource(name: names[index], path: "templates/\(names[index]).html", text: text))
    }
    for mode in [TemplateLibrary.Options.UnknownPartials.error, .renderEmpty] {
        let library: TemplateLibrary
        do {
            library = try TemplateLibrary(sources, options: .init(unknownPartials: mode))
        } catch {
            for failure in error.errors {
                _ = DiagnosticRenderer().render(failure.diagnostic(source: sources.first { $0.path == failure.path }?.text ?? ""))
            }
            continue
        }
        do {
            _ = try library.render("page", data)
            _ = try library.unresolvedNames(rendering: "page", data)
        } catch {
            _ = DiagnosticRenderer().render(library.diagnostic(for: error))
        }
    }
    return 0
}
