import ArgumentParser
import Foundation
import SiteBuilder
import SiteModel

extension PageKind: ExpressibleByArgument {}

struct NewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a new page with its kind's front matter filled in.",
        discussion: """
        The page is dated now, in the site's time zone. An existing file is never overwritten.

        Examples:
          unionpress new article initiatives/xiamen-fengqiao.md --title 从“线下跑腿”到“云端解纷”
          unionpress new roster rosters/yunnan-2024 --title 2024年云南省“最美职工”
        """
    )

    @OptionGroup var site: SiteOptions

    @Argument(help: "The kind: article, profile, roster or event.")
    var kind: PageKind

    @Argument(help: "The page's path under content/, e.g. initiatives/my-page.md.")
    var path: String

    @Option(name: .long, help: "The page's title.")
    var title: String

    func run() async throws {
        let console = Console()
        do {
            let written = try PageScaffold(root: site.root).create(kind: kind, path: path, title: title, now: Int(Date().timeIntervalSince1970))
            console.out("wrote \(written)")
        } catch {
            console.printDiagnostics(error.diagnostics)
            throw ExitCode(1)
        }
    }
}
