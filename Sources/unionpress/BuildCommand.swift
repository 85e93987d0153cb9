import ArgumentParser
import Diagnostics
import Foundation
import SiteBuilder

struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site in content/ into public/.",
        discussion: """
        Reads content/ (and templates/ when present; otherwise the built-in theme) and writes \
        a complete site into public/. The previous public/ is replaced only when the build succeeds.

        Examples:
          unionpress build
          unionpress build --root mysite --drafts
          unionpress build --base-url https://example.org/news/ --output dist
        """
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "The output folder, relative to the site folder.")
    var output = "public"

    @Option(name: .long, help: "Use this base URL instead of base_url in _site.yml.")
    var baseURL: String?

    @Flag(name: .long, help: "Include pages marked draft: true.")
    var drafts = false

    @Flag(name: .long, help: "Include pages dated in the future.")
    var future = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @Option(name: .long, help: "Parallel workers (default: one per core).")
    var workers = 0

    @Flag(name: .long, help: "Write no search index, search page or search box.")
    var noSearch = false

    func run() async throws {
        let console = Console()
        var options = BuildOptions(root: site.root, now: Int(Date().timeIntervalSince1970))
        options.output = output
        options.baseURL = baseURL
        options.includeDrafts = drafts
        options.includeFuture = future
        options.workers = workers
        options.search = !noSearch
        let start = DispatchTime.now()
        do {
            let report = try await Builder(options: options).build()
            if !quiet {
                console.printDiagnostics(report.diagnostics)
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
                let time = String(format: "%.2f s", seconds)
                console.out("built \(report.pages) pages, \(report.sections) sections, \(report.taxonomyPages) taxonomy pages into \(output)/ in \(time)")
                let kilobytes = String(format: "%.1f", Double(report.searchBytes) / 1024)
                if !noSearch { console.out("search index: \(report.searchFiles) files, \(kilobytes) KiB in \(output)/search/") }
            }
        } catch {
            console.printDiagnostics(error.diagnostics)
            console.err("build failed: \(DiagnosticSummary(error.diagnostics).line); \(output)/ was left as it was")
            throw ExitCode(1)
        }
    }
}
