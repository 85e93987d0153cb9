import ArgumentParser

/// Options every command that reads a site shares.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The site folder (holding content/).")
    var root = "."
}
