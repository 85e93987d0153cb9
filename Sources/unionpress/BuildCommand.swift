import ArgumentParser

struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "Not built yet.")

    func run() async throws {
        throw ValidationError("unionpress build is not built yet")
    }
}
