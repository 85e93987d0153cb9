import Foundation

/// Wall time per build stage, for `build --timings` and performance work.
public struct StageClock: Sendable {
    public private(set) var stages: [(name: String, seconds: Double)] = []
    private var last = DispatchTime.now().uptimeNanoseconds

    public init() {}

    /// Ends the current stage under `name` and starts the next.
    public mutating func lap(_ name: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        stages.append((name, Double(now - last) / 1e9))
        last = now
    }

    public var summary: String {
        stages.map { String(format: "%@ %.3f s", $0.name, $0.seconds) }.joined(separator: ", ")
    }
}
