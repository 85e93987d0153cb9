import ArgumentParser
import Diagnostics
import Foundation
import FrontMatter

/// `unionpress inspect FILE...`: prints each file's front matter as JSON, one
/// line per file in the order given, to check what the parser reads.
struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print the front matter of pages as JSON.",
        discussion: """
            Prints one line of JSON per file, in the order given: keys in source order, \
            a date as {"$date": "2025-06-06"}, a date-time as \
            {"$datetime": "2025-06-06T09:30:00+08:00"}. Files ending in .yml or .yaml \
            (such as content/_site.yml) are read whole; other files are pages that start \
            with front matter between '---' lines. Errors go to standard error, and the \
            exit status is 1 if any file has one.

            Examples:
              unionpress inspect content/initiatives/xiamen-fengqiao.md
              unionpress inspect content/_site.yml content/rosters/*.md
            """
    )

    @Argument(help: "Pages (Markdown with front matter) or YAML files.")
    var files: [String] = []

    @Option(help: "The UTC offset for date-times written without one (the site's time zone); write --offset=-05:00 for a negative one.")
    var offset: String = "+08:00"

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("Give at least one file to inspect.") }
        guard Self.offsetSeconds(offset) != nil else {
            throw ValidationError("The offset must look like +08:00, -05:30 or Z (got '\(offset)').")
        }
    }

    func run() async throws {
        let defaultOffset = Self.offsetSeconds(offset) ?? 8 * 3600
        let renderer = DiagnosticRenderer()
        var output = ""
        var errors = ""
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                errors += renderer.render(Diagnostic.error("cannot read '\(file)'"))
                continue
            }
            let bytes = [UInt8](data)
            do {
                let frontMatter = Self.isWholeYAMLFile(file)
                    ? try FrontMatterParser.parseDocument(bytes)
                    : try FrontMatterParser.parsePage(bytes).frontMatter
                output += frontMatter.inspectJSON(defaultOffsetSeconds: defaultOffset) + "\n"
            } catch {
                let source = String(decoding: bytes, as: UTF8.self)
                errors += renderer.render(error.diagnostic(file: file, source: source))
            }
        }
        FileHandle.standardOutput.write(Data(output.utf8))
        if !errors.isEmpty {
            FileHandle.standardError.write(Data(errors.utf8))
            throw ExitCode(1)
        }
    }

    static func isWholeYAMLFile(_ path: String) -> Bool {
        path.hasSuffix(".yml") || path.hasSuffix(".yaml")
    }

    /// `+08:00`, `-0530`, `+8`, `Z` as seconds east of UTC.
    static func offsetSeconds(_ text: String) -> Int? {
        if text == "Z" || text == "z" { return 0 }
        guard let sign = text.first, sign == "+" || sign == "-" else { return nil }
        let digits = text.dropFirst().filter { $0 != ":" }
        guard digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), [1, 2, 4].contains(digits.count) else { return nil }
        let hours = Int(digits.prefix(digits.count == 4 ? 2 : digits.count)) ?? 0
        let minutes = digits.count == 4 ? Int(digits.suffix(2)) ?? 0 : 0
        guard hours < 24, minutes < 60 else { return nil }
        return (hours * 3600 + minutes * 60) * (sign == "-" ? -1 : 1)
    }
}
