import ArgumentParser

/// The `unionpress` command: a thin layer that parses arguments and calls the
/// library modules, which do the work.
@main
struct UnionPress: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unionpress",
        abstract: "A static site generator for trade-union news and honour rolls.",
        subcommands: [BuildCommand.self, InspectCommand.self, RenderCommand.self]
    )
}
