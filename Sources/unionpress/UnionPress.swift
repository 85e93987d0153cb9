import ArgumentParser
import CUnionPressSystem
import Foundation

/// The `unionpress` command: a thin layer that parses arguments and calls the
/// library modules, which do the work.
@main
struct UnionPress: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unionpress",
        abstract: "A static site generator for trade-union news and honour rolls.",
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, NewCommand.self, InspectCommand.self, RenderCommand.self]
    )

    /// Usage mistakes exit with status 2 (as `check` documents); everything
    /// else keeps the command's own exit code.
    static func main() async {
        unionpress_tune_allocator()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
