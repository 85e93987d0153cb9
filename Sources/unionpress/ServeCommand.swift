import ArgumentParser
import DevServer
import Diagnostics
import Foundation

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site and serve it locally, rebuilding on every save.",
        discussion: """
        Builds the site, drafts and future pages included, into a temporary folder (public/ is \
        not touched) and serves it at http://127.0.0.1:1313/. Saving a file in content/ or \
        templates/ (or content/_site.yml) rebuilds the site and reloads the open pages. When a \
        build fails, its errors show here and in the browser, and the server keeps serving; the \
        next good save brings the pages back. Press Ctrl-C to stop.

        Examples:
          unionpress serve
          unionpress serve --port 8080
          unionpress serve --root mysite --host 127.0.0.1 --port 0
        """
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "The address to listen on (loopback by default; 0.0.0.0 shows the site to other machines).")
    var host = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on (0 picks a free one).")
    var port = 1313

    @Option(name: .long, help: "Parallel workers (default: one per core).")
    var workers = 0

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port must be between 0 and 65535")
        }
    }

    func run() async throws {
        let console = Console()
        var options = DevServerOptions(root: site.root)
        options.host = host
        options.port = port
        options.workers = workers
        do {
            try await DevServer(options: options).run(stopOnSignals: true) { event in
                Self.report(event, console: console)
            }
        } catch {
            console.err("serve: \(error.description)")
            throw ExitCode(1)
        }
        console.out("stopped")
    }

    private static func report(_ event: DevServerEvent, console: Console) {
        switch event {
        case .listening(let url, _, _):
            console.out("serving at \(url) (press Ctrl-C to stop)")
        case .rebuilding(let changes):
            let shown = changes.prefix(3).joined(separator: ", ") + (changes.count > 3 ? " and \(changes.count - 3) more" : "")
            console.out("changed: \(shown)")
        case .built(let report, let seconds):
            console.printDiagnostics(report.diagnostics)
            let time = seconds < 1 ? "\(Int((seconds * 1000).rounded())) ms" : String(format: "%.2f s", seconds)
            if report.upToDate {
                console.out("nothing to rebuild: no page's content changed")
            } else if let pages = report.changedPages {
                console.out("updated \(pages) of \(report.pages) pages and \(report.changedLists) lists in \(time)")
            } else {
                console.out("built \(report.pages) pages in \(time)")
            }
        case .failed(let diagnostics):
            console.printDiagnostics(diagnostics)
            console.err("build failed: \(DiagnosticSummary(diagnostics).line); still serving, fix and save to rebuild")
        }
    }
}
