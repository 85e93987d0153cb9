import Diagnostics

extension ContentTree {
    /// What the scan set aside, as messages at the file or folder concerned.
    /// Paths are shown with control characters escaped, so that a file name
    /// cannot write terminal escape sequences into the build's output.
    var diagnostics: [Diagnostic] {
        func at(_ path: String) -> SourceLocation {
            SourceLocation(file: "content/" + Self.printable(path), line: 1, column: 1)
        }
        var diagnostics: [Diagnostic] = []
        diagnostics += skippedLinks.map { .warning("symbolic link leads outside content/, not followed", at: at($0)) }
        diagnostics += loopingLinks.map { .warning("symbolic link leads back to a folder that contains it, not followed", at: at($0)) }
        diagnostics += unusableNames.map { path in
            let name = String(path.split(separator: "/").last ?? Substring(path))
            return .error("this name cannot be part of a URL (\(Self.problem(name))): rename it; nothing in it was read", at: at(path))
        }
        diagnostics += tooDeep.map {
            .error("folders are nested more than \(ContentScanner.maxDepth) levels deep here: what is below was not read", at: at($0))
        }
        return diagnostics
    }

    /// Why `URLPath.isSafeSegment` refused a name.
    static func problem(_ name: String) -> String {
        if name.utf8.count > 200 { return "longer than 200 bytes" }
        if name.contains("\\") { return "it contains `\\`" }
        return "it contains a control character"
    }

    /// The path with control characters written as `\u{1B}`.
    static func printable(_ path: String) -> String {
        guard path.unicodeScalars.contains(where: isControl) else { return path }
        var out = ""
        for scalar in path.unicodeScalars {
            if isControl(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
