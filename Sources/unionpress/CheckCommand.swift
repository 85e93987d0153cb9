import ArgumentParser
import Diagnostics
import Foundation
import SiteBuilder

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the site for problems without writing anything.",
        discussion: """
        Runs everything build validates: front matter and fields, links to pages and images, \
        profile slugs on rosters, pages claiming one URL, templates, and names the stroke table \
        does not know (a warning). Exit status: 0 clean, 1 errors (or warnings with --strict), 2 usage.

        Examples:
          unionpress check
          unionpress check --strict --format json
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    @OptionGroup var site: SiteOptions

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    @Option(name: .long, help: "Output format: text or json.")
    var format: Format = .text

    @Flag(name: .long, help: "Check drafts too.")
    var drafts = false

    @Flag(name: .long, help: "Check pages dated in the future too.")
    var future = false

    func run() async throws {
        var options = BuildOptions(root: site.root, now: Int(Date().timeIntervalSince1970))
        options.includeDrafts = drafts
        options.includeFuture = future
        let diagnostics = await Builder(options: options).check(templateNames: strict)
        let console = Console()
        switch format {
        case .text:
            console.printDiagnostics(diagnostics)
            console.err(DiagnosticSummary(diagnostics).line)
        case .json:
            console.out(DiagnosticJSON.encode(diagnostics))
        }
        let environment = ProcessInfo.processInfo.environment
        if environment["CI"] != nil || environment["GITHUB_ACTIONS"] != nil {
            for diagnostic in diagnostics { console.out(DiagnosticJSON.annotation(diagnostic)) }
        }
        let summary = DiagnosticSummary(diagnostics)
        if summary.errors > 0 || (strict && summary.warnings > 0) {
            throw ExitCode(1)
        }
    }
}
