import Foundation
import Synchronization

/// One line on a terminal saying what a long build is doing. It appears only
/// once a build has run for a second, so quick builds print just their summary.
final class ProgressLine: Sendable {
    private let start = Date()
    private let shown = Mutex(false)

    func update(_ stage: String) {
        guard Date().timeIntervalSince(start) >= 1 else { return }
        shown.withLock { $0 = true }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(stage)…".utf8))
    }

    /// Clears the line before the summary is printed.
    func finish() {
        if shown.withLock({ $0 }) {
            FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        }
    }
}
