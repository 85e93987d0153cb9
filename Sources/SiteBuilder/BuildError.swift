import Diagnostics

/// A build that could not finish: the diagnostics say why (all of them, in
/// printing order). The previous output folder is left as it was.
public struct BuildFailure: Error, Sendable {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted(by: Diagnostic.printingOrder)
    }
}
