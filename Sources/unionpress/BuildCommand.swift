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
        a complete site into public/. The previous public/ is replaced only when the build succeeds; \
        files whose bytes did not change keep their modification time, so rsync and CDNs see them \
        as unchanged. With CI set: no colour, one summary line, exit status 1 on any error.

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

    @Flag(name: .long, help: "Print the time each build stage took.")
    var timings = false

    @Flag(name: .long, help: "Build even when nothing changed since the last build.")
    var force = false

    /// A base URL without a scheme and host (`/news/`, `example.org`) would
    /// silently give links at the wrong place; refuse it as a usage mistake.
    func validate() throws {
        guard let baseURL else { return }
        let afterScheme = baseURL.hasPrefix("https://") ? baseURL.dropFirst(8) : baseURL.hasPrefix("http://") ? baseURL.dropFirst(7) : nil
        let host = afterScheme?.prefix { $0 != "/" } ?? ""
        if host.isEmpty || baseURL.contains(where: { $0 == "?" || $0 == "#" || $0.isWhitespace }) {
            throw ValidationError("--base-url must be an absolute URL such as https://example.org/ or https://example.org/news/, not \"\(baseURL)\"")
        }
    }
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
        options.force = force
        let environment = ProcessInfo.processInfo.environment
        let progress = ProgressLine()
        if !quiet, isatty(STDERR_FILENO) == 1, environment["CI"] == nil, environment["TERM"] != "dumb" {
            options.progress = { progress.update($0) }
        }
        options.search = !noSearch
        let start = DispatchTime.now()
        do {
            let report = try await Builder(options: options).build()
            progress.finish()
            if !quiet {
                console.printDiagnostics(report.diagnostics)
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
                let time = String(format: "%.2f s", seconds)
                if timings {
                    console.err("timings: " + report.timings.summary)
                    if let decoded = report.pagesDecoded { console.err("site snapshot: \(decoded) of \(report.pages) pages decoded") }
                    if let taken = report.pagesFromSnapshot { console.err("site snapshot: \(taken) unchanged pages taken from it; the site assembled again") }
                    // Pages added in an earlier build are put in again each time; they are not counted as moved.
                    if let moved = report.pagesMoved, moved > 0 {
                        console.err("site updated around \(moved) page(s) whose date, weight or tags changed")
                    }
                    if let added = report.pagesAdded, added > 0 { console.err("site updated around \(added) new page(s)") }
                    switch report.searchUpdate {
                    case .patched(let shards)?: console.err("search index: \(shards) shards patched")
                    case .renumbered(let shards)?: console.err("search index: pages moved in the order; \(shards) shards renumbered")
                    case .rewritten?: console.err("search index: written anew from the cached terms")
                    case nil: break
                    }
                }
                if report.upToDate {
                    console.out("\(output)/ is up to date: nothing changed since the last build (\(report.pages) pages); --force builds anyway")
                    return
                }
                if let changed = report.changedPages {
                    let pages = changed == 1 ? "1 changed page" : "\(changed) changed pages"
                    let lists = report.changedLists == 1 ? "1 list" : "\(report.changedLists) lists"
                    console.out("updated \(pages) and \(lists) of \(report.pages) pages in \(output)/ in \(time) (incremental; --force renders everything)")
                } else {
                    console.out("built \(report.pages) pages, \(report.sections) sections, \(report.taxonomyPages) taxonomy pages into \(output)/ in \(time)")
                }
                let kilobytes = String(format: "%.1f", Double(report.searchBytes) / 1024)
                if !noSearch { console.out("search index: \(report.searchFiles) files, \(kilobytes) KiB in \(output)/search/") }
            }
        } catch {
            progress.finish()
            console.printDiagnostics(error.diagnostics)
            console.err("build failed: \(DiagnosticSummary(error.diagnostics).line); \(output)/ was left as it was")
            throw ExitCode(1)
        }
    }
}
