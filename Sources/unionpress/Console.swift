import Diagnostics
import Foundation

/// Terminal output: diagnostics on stderr, colour only on a terminal and
/// never when NO_COLOR is set or on CI.
struct Console {
    let useColor: Bool

    init() {
        let environment = ProcessInfo.processInfo.environment
        useColor = isatty(STDERR_FILENO) == 1 && environment["NO_COLOR"] == nil && environment["CI"] == nil && environment["TERM"] != "dumb"
    }

    func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    func err(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    func printDiagnostics(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        let text = DiagnosticRenderer(useColor: useColor).render(diagnostics)
        FileHandle.standardError.write(Data(text.utf8))
    }
}
