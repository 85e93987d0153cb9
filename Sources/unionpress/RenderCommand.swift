import ArgumentParser
import Diagnostics
import Foundation
import FrontMatter
import SiteBuilder
import Templates

/// `unionpress render TEMPLATE --data FILE [--partials DIR]`: renders one
/// template with data from a JSON file and prints the result, to try a
/// template without building a site. Template errors are printed compiler
/// style and exit with status 1.
struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render one template with data from a JSON or front-matter file and print the result.",
        discussion: """
        The data file is JSON (.json), front matter syntax read whole (.yml, .yaml), or a page \
        (.md) whose front matter becomes the data.

        Examples:
          unionpress render templates/partials/item.html --data item.json
          unionpress render templates/article.html --data page.yml --partials templates
        """
    )

    @Argument(help: "The template file, e.g. templates/page.html.")
    var template: String

    @Option(help: "A JSON file with the data to render.")
    var data: String

    @Option(help: "A folder of templates that the template's partials and parents name (e.g. templates).")
    var partials: String?

    func run() async throws {
        var diagnostics: [Diagnostic] = []
        var sources: [TemplateSource] = []
        let templateURL = URL(fileURLWithPath: template)
        var mainName: String?

        if let partials {
            let folder = URL(fileURLWithPath: partials)
            let loaded: TemplateDirectoryLoader.Result
            do {
                loaded = try TemplateDirectoryLoader().load(from: folder, displayPath: partials)
            } catch {
                try fail([.error("cannot read the partials folder \(partials): \(error.localizedDescription)")])
            }
            sources = loaded.sources
            diagnostics += loaded.diagnostics
            // A template inside the partials folder is already loaded, under its name there.
            let folderPath = folder.standardizedFileURL.path + "/"
            let templatePath = templateURL.standardizedFileURL.path
            if templatePath.hasPrefix(folderPath) {
                let relative = (String(templatePath.dropFirst(folderPath.count)) as NSString).deletingPathExtension
                mainName = sources.first { $0.name == relative }?.name
            }
        }

        if mainName == nil {
            guard let text = readText(template, diagnostics: &diagnostics) else { try fail(diagnostics) }
            var name = (templateURL.lastPathComponent as NSString).deletingPathExtension
            if sources.contains(where: { $0.name == name }) { name = template }
            sources.append(TemplateSource(name: name, path: template, text: text))
            mainName = name
        }

        let context = try loadData(diagnostics: &diagnostics)
        guard diagnostics.isEmpty, let mainName, let context else { try fail(diagnostics) }

        let library: TemplateLibrary
        do {
            library = try TemplateLibrary(sources)
        } catch {
            try fail(error.diagnostics(sources: sources))
        }
        do {
            let output = try library.render(mainName, context)
            FileHandle.standardOutput.write(Data(output.utf8))
        } catch {
            try fail([library.diagnostic(for: error)])
        }
    }

    /// The data file as a value tree.
    private func loadData(diagnostics: inout [Diagnostic]) throws -> TemplateValue? {
        let fileExtension = (data as NSString).pathExtension.lowercased()
        if fileExtension != "json" {
            return loadFrontMatterData(diagnostics: &diagnostics)
        }
        let bytes: Data
        do {
            bytes = try Data(contentsOf: URL(fileURLWithPath: data))
        } catch {
            diagnostics.append(.error("cannot read \(data): \(error.localizedDescription)"))
            return nil
        }
        do {
            return try JSONDecoder().decode(TemplateValue.self, from: bytes)
        } catch {
            diagnostics.append(jsonDiagnostic(bytes))
            return nil
        }
    }

    /// A `.yml` file in front matter syntax (read whole), or a page (`.md`)
    /// whose front matter becomes the data.
    private func loadFrontMatterData(diagnostics: inout [Diagnostic]) -> TemplateValue? {
        guard let bytes = try? Data(contentsOf: URL(fileURLWithPath: data)) else {
            diagnostics.append(.error("cannot read \(data)"))
            return nil
        }
        let isPage = (data as NSString).pathExtension.lowercased() == "md"
        do {
            let node = isPage ? try FrontMatterParser.parsePage(Array(bytes)).frontMatter : try FrontMatterParser.parseDocument(Array(bytes))
            return node.templateValue
        } catch {
            diagnostics.append(error.diagnostic(file: data, source: String(decoding: bytes, as: UTF8.self)))
            return nil
        }
    }

    /// Where the JSON is broken: JSONSerialization names the byte offset
    /// ("around character 12"), which becomes a line and column.
    private func jsonDiagnostic(_ bytes: Data) -> Diagnostic {
        var message = "invalid JSON"
        var location: SourceLocation?
        do {
            _ = try JSONSerialization.jsonObject(with: bytes, options: [.fragmentsAllowed])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? error.localizedDescription
            message = "invalid JSON: \(detail)"
            if let range = detail.range(of: "character ") {
                let digits = detail[range.upperBound...].prefix { $0.isNumber }
                if let offset = Int(digits) {
                    let position = SourceText.position(ofByte: offset, in: Array(bytes))
                    location = SourceLocation(file: data, line: position.line, column: position.column)
                }
            }
        }
        let diagnostic = Diagnostic.error(location == nil ? "\(data): \(message)" : message, at: location)
        return diagnostic.withSource(String(decoding: bytes, as: UTF8.self))
    }

    private func readText(_ path: String, diagnostics: inout [Diagnostic]) -> String? {
        guard let bytes = try? Data(contentsOf: URL(fileURLWithPath: path)) else {
            diagnostics.append(.error("cannot read template \(path)"))
            return nil
        }
        guard let text = String(validating: Array(bytes), as: UTF8.self) else {
            let offset = TemplateDirectoryLoader.firstInvalidUTF8Offset(in: Array(bytes))
            let position = SourceText.position(ofByte: offset, in: Array(bytes))
            diagnostics.append(.error(
                "template is not valid UTF-8", at: SourceLocation(file: path, line: position.line, column: position.column)
            ))
            return nil
        }
        return text
    }

    /// Prints the diagnostics to standard error and exits with status 1.
    private func fail(_ diagnostics: [Diagnostic]) throws -> Never {
        let renderer = DiagnosticRenderer(useColor: isatty(STDERR_FILENO) != 0)
        var text = renderer.render(diagnostics)
        text += DiagnosticSummary(diagnostics).line + "\n"
        FileHandle.standardError.write(Data(text.utf8))
        throw ExitCode.failure
    }
}
