import ArgumentParser

struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "render", abstract: "Not built yet.")

    func run() async throws {
        throw ValidationError("unionpress render is not built yet")
    }
}
