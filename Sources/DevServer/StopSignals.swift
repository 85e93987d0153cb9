import Foundation
import Glibc

/// The pipe the signal handler writes to: made once, before the handler is
/// installed, and never changed. A signal handler gets no context, so this
/// one constant is shared.
private let stopSignalPipe: (read: Int32, write: Int32) = {
    var ends: [Int32] = [-1, -1]
    guard pipe(&ends) == 0 else { return (-1, -1) }
    for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
    return (ends[0], ends[1])
}()

/// Turns SIGINT (Ctrl-C) and SIGTERM into a call on a thread of its own:
/// the first asks for a graceful stop, a second one exits at once.
///
/// Not Dispatch signal sources (which swift-service-lifecycle uses): on
/// Linux they route the signal through one thread's mask and were seen
/// here to miss a Ctrl-C now and then in a process with many threads. A
/// plain handler writing one byte to a pipe works on whichever thread the
/// kernel picks.
enum StopSignals {
    static func install(onStop: @escaping @Sendable () -> Void) -> Bool {
        let ends = stopSignalPipe
        guard ends.read >= 0 else { return false }
        let thread = Thread {
            var stops = 0
            var byte: UInt8 = 0
            while true {
                let count = read(ends.read, &byte, 1)
                if count < 0 && errno == EINTR { continue }
                guard count == 1 else { return }
                stops += 1
                if stops == 1 {
                    onStop()
                } else {
                    // Asked twice: stop without waiting for anything.
                    _exit(128 + Int32(byte))
                }
            }
        }
        thread.start()
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signal in
            var byte = UInt8(truncatingIfNeeded: signal)
            _ = write(stopSignalPipe.write, &byte, 1)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        return sigaction(SIGINT, &action, nil) == 0 && sigaction(SIGTERM, &action, nil) == 0
    }
}
