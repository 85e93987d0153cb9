// libFuzzer target: the front matter parser, both entry points (a page with
// `---` lines, a whole YAML file), then what the tools do with the result:
// the inspect JSON of a value, the rendered diagnostic of an error.
// Build and run with scripts/fuzz.sh run frontmatter SECONDS.
import Diagnostics
import FrontMatter

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontMatter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let lineCount = bytes.count { $0 == 0x0A } + 1
    for asDocument in [false, true] {
        do {
            let node = asDocument ? try FrontMatterParser.parseDocument(bytes) : try FrontMatterParser.parsePage(bytes).frontMatter
            _ = node.inspectJSON()
        } catch {
            // An error always points into the input: a line that exists, a column from 1.
            guard error.line >= 1, error.line <= lineCount, error.column >= 1 else {
                fatalError("error outside the input: \(error) (\(lineCount) lines)")
            }
            let source = String(decoding: bytes, as: UTF8.self)
            _ = DiagnosticRenderer().render(error.diagnostic(file: "content/fuzz.md", source: source))
        }
    }
    return 0
}
