import Foundation
import Glibc
import Synchronization

/// Watches a site's sources with inotify and reports batches of changed
/// paths (relative to the site folder, such as `content/news/a.md`) once
/// they have been quiet for the debounce interval.
///
/// Folders are watched recursively; a folder created or moved in later is
/// watched as soon as its event arrives. Editors that save by writing a
/// temporary file and renaming it over the original are seen through
/// `IN_MOVED_TO`. The reading runs on a thread of its own, so the blocking
/// `poll` never holds one of Swift's few cooperative threads.
public final class FileWatcher: Sendable {
    /// One batch per quiet period; ends when the watcher stops.
    public let changes: AsyncStream<[String]>
    private let wakeWriter: Int32
    private let stopped = Mutex(false)

    /// Starts watching `folders` (relative to `root`, such as `content`)
    /// and the root folder itself, so that a watched folder created later
    /// is picked up. Watches are in place when this returns.
    public init(root: URL, folders: [String], debounceMilliseconds: Int = 100) throws(FileWatcherError) {
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { throw FileWatcherError("inotify_init1 failed: \(String(cString: strerror(errno)))") }
        // A pipe wakes the reading thread from `poll` when the watcher stops.
        var pipeEnds: [Int32] = [-1, -1]
        guard pipe(&pipeEnds) == 0 else {
            close(descriptor)
            throw FileWatcherError("pipe failed: \(String(cString: strerror(errno)))")
        }
        for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        var watches = WatchTable(descriptor: descriptor, root: root.standardizedFileURL.path, folders: Set(folders))
        guard watches.watchRoot() else {
            close(descriptor); close(pipeEnds[0]); close(pipeEnds[1])
            throw FileWatcherError("cannot watch \(root.path): \(String(cString: strerror(errno)))")
        }
        for folder in folders { watches.watchTree(folder) }

        let (stream, continuation) = AsyncStream.makeStream(of: [String].self)
        changes = stream
        wakeWriter = pipeEnds[1]
        let loop = EventLoop(
            descriptor: descriptor, wakeReader: pipeEnds[0], watches: watches,
            debounceMilliseconds: max(1, debounceMilliseconds), continuation: continuation
        )
        Thread { loop.run() }.start()
    }

    deinit {
        stop()
    }

    /// Stops the reading thread, which closes the inotify descriptor and
    /// ends `changes`. Safe to call more than once.
    public func stop() {
        let first = stopped.withLock { stopped in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        var byte: UInt8 = 1
        _ = write(wakeWriter, &byte, 1)
        close(wakeWriter)
    }

    /// Whether a changed file's name is an editor's or the system's scratch
    /// file, which the build ignores (names starting with `.`, backups
    /// ending in `~`, Vim's swap files).
    public static func isScratchName(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx") || name == "4913"
    }
}

/// Why a watcher could not start.
public struct FileWatcherError: Error, Sendable, CustomStringConvertible {
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}

/// The inotify watch descriptors and the folders they stand for.
private struct WatchTable: Sendable {
    let descriptor: Int32
    let root: String
    /// The top-level folders watched recursively (`content`, `templates`).
    let folders: Set<String>
    /// Watch descriptor → folder relative to the root ("" for the root).
    var paths: [Int32: String] = [:]

    static let folderMask = UInt32(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE | IN_ATTRIB | IN_ONLYDIR | IN_DONT_FOLLOW)
    static let rootMask = UInt32(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ONLYDIR)
    /// inotify's per-user default is 8192 watches; stay well inside it.
    static let maximumWatches = 4096
    static let maximumDepth = 32

    init(descriptor: Int32, root: String, folders: Set<String>) {
        self.descriptor = descriptor
        self.root = root
        self.folders = folders
    }

    mutating func watchRoot() -> Bool {
        let watch = inotify_add_watch(descriptor, root, Self.rootMask)
        guard watch >= 0 else { return false }
        paths[watch] = ""
        return true
    }

    /// Watches a folder and every folder below it (not following symbolic
    /// links, skipping hidden folders), without recursion.
    mutating func watchTree(_ relative: String) {
        var pending: [(path: String, depth: Int)] = [(relative, 0)]
        while let (path, depth) = pending.popLast() {
            guard paths.count < Self.maximumWatches, depth <= Self.maximumDepth else { return }
            let full = root + "/" + path
            let watch = inotify_add_watch(descriptor, full, Self.folderMask)
            guard watch >= 0 else { continue }
            paths[watch] = path
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: full) else { continue }
            for name in names where !name.hasPrefix(".") {
                let child = full + "/" + name
                let type = (try? FileManager.default.attributesOfItem(atPath: child))?[.type] as? FileAttributeType
                if type == .typeDirectory { pending.append((path + "/" + name, depth + 1)) }
            }
        }
    }

    /// Stops watching a folder and everything below it.
    mutating func unwatchTree(_ relative: String) {
        for (watch, path) in paths where path == relative || path.hasPrefix(relative + "/") {
            inotify_rm_watch(descriptor, watch)
            paths[watch] = nil
        }
    }

    /// Watches everything again after the kernel's queue overflowed and
    /// events were lost; adding an existing watch is harmless.
    mutating func rewatchAll() {
        for folder in folders { watchTree(folder) }
    }
}

/// The reading thread's loop: reads inotify events, keeps the watch table
/// current, and yields a batch once no event came for the debounce interval
/// (or a second after the first change, whichever comes first).
private struct EventLoop: Sendable {
    let descriptor: Int32
    let wakeReader: Int32
    var watches: WatchTable
    /// Files created since the last batch was yielded.
    var createdInBatch = Set<String>()
    let debounceMilliseconds: Int
    let continuation: AsyncStream<[String]>.Continuation

    static let maximumWaitMilliseconds = 1000

    func run() {
        var state = self
        state.loop()
        close(descriptor)
        close(wakeReader)
        continuation.finish()
    }

    private mutating func loop() {
        var pending = Set<String>()
        var firstChange: UInt64 = 0
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            var timeout: Int32 = -1
            if !pending.isEmpty {
                let waited = Int((Self.nowNanoseconds() - firstChange) / 1_000_000)
                timeout = Int32(max(0, min(debounceMilliseconds, Self.maximumWaitMilliseconds - waited)))
            }
            var fds = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeReader, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            if fds[1].revents != 0 { return }
            if fds[0].revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0 && errno != EAGAIN && errno != EINTR { return }
                if count > 0 {
                    let wasEmpty = pending.isEmpty
                    buffer.withUnsafeBytes { bytes in
                        handleEvents(UnsafeRawBufferPointer(rebasing: bytes[0..<count]), into: &pending)
                    }
                    if wasEmpty && !pending.isEmpty { firstChange = Self.nowNanoseconds() }
                }
            }
            let waited = Int((Self.nowNanoseconds() - firstChange) / 1_000_000)
            if !pending.isEmpty && (ready == 0 || waited >= Self.maximumWaitMilliseconds) {
                continuation.yield(pending.sorted())
                pending.removeAll()
                createdInBatch.removeAll()
            }
        }
    }

    /// Walks the `struct inotify_event` records in one read: a 16-byte
    /// header (wd, mask, cookie, len) and `len` bytes of NUL-padded name.
    private mutating func handleEvents(_ bytes: UnsafeRawBufferPointer, into pending: inout Set<String>) {
        let headerSize = 16
        var offset = 0
        while offset + headerSize <= bytes.count {
            let watch = bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)
            let mask = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
            let nameLength = Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
            let nameStart = offset + headerSize
            guard nameStart + nameLength <= bytes.count else { return }
            let nameBytes = bytes[nameStart..<(nameStart + nameLength)].prefix { $0 != 0 }
            let name = String(decoding: nameBytes, as: UTF8.self)
            offset = nameStart + nameLength
            handle(watch: watch, mask: mask, name: name, into: &pending)
        }
    }

    private mutating func handle(watch: Int32, mask: UInt32, name: String, into pending: inout Set<String>) {
        if mask & UInt32(IN_Q_OVERFLOW) != 0 {
            watches.rewatchAll()
            pending.insert("*")
            return
        }
        if mask & UInt32(IN_IGNORED) != 0 {
            watches.paths[watch] = nil
            return
        }
        guard let folder = watches.paths[watch], !name.isEmpty, !FileWatcher.isScratchName(name) else { return }
        // At the root only the watched folders themselves matter.
        if folder.isEmpty && !watches.folders.contains(name) { return }
        let path = folder.isEmpty ? name : folder + "/" + name
        let isFolder = mask & UInt32(IN_ISDIR) != 0
        if isFolder && mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
            watches.watchTree(path)
        } else if isFolder && mask & UInt32(IN_MOVED_FROM) != 0 {
            // Moved away (perhaps out of the site): its old name is gone;
            // if it moved within the site, IN_MOVED_TO watches it again.
            watches.unwatchTree(path)
        }
        // A file made and renamed away (or deleted) in the same batch is a
        // tool's scratch file (`sed -i`, some editors): not worth a build.
        if mask & UInt32(IN_CREATE) != 0 && !isFolder {
            createdInBatch.insert(path)
        } else if mask & UInt32(IN_MOVED_FROM | IN_DELETE) != 0 && createdInBatch.remove(path) != nil {
            pending.remove(path)
            return
        }
        pending.insert(path)
    }

    static func nowNanoseconds() -> UInt64 {
        DispatchTime.now().uptimeNanoseconds
    }
}
