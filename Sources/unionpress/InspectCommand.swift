import ArgumentParser

struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inspect", abstract: "Not built yet.")

    func run() async throws {
        throw ValidationError("unionpress inspect is not built yet")
    }
}
