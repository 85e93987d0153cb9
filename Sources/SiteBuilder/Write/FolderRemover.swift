import CUnionPressSystem
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Deletes a folder and everything in it, the folders below its top level
/// on all cores. Deleting a built site (36,000 files at 10,000 pages) is
/// kernel time, which two cores spend in little more than half the time of
/// one (0.35 s against 0.6 s on tmpfs). Links are removed, never followed.
enum FolderRemover {
    /// A folder's entry as the kernel lists it.
    private struct Entry {
        var name: [UInt8]
        /// nil when the listing does not say (some file systems): asked with `fstatat`.
        var isFolder: Bool?
    }

    /// True when nothing is left at `path`. Failures are not reported one
    /// by one: whatever is left, the caller can delete the slow way, which
    /// says why it cannot.
    @discardableResult
    static func remove(_ path: String) -> Bool {
        let top = path.withCString { open($0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
        guard top >= 0 else {
            if errno == ENOENT { return true }
            // A file or a link where a folder was expected: removed itself.
            return path.withCString { unlink($0) == 0 || errno == ENOENT }
        }
        // Work in two levels: the top folders' entries are deleted in
        // parallel, then the top folders, then the top itself.
        var folders: [(descriptor: Int32, name: [UInt8])] = []
        var units: [(parent: Int32, entry: Entry)] = []
        for entry in entries(of: top) {
            guard isFolder(entry, in: top) else {
                removeEntry(entry.name, in: top, folder: false)
                continue
            }
            let descriptor = openFolder(entry.name, in: top)
            guard descriptor >= 0 else { continue }
            folders.append((descriptor, entry.name))
            units += entries(of: descriptor).map { (descriptor, $0) }
        }
        let work = units
        let removeUnit: @Sendable (Int) -> Void = { index in
            let (parent, entry) = work[index]
            if isFolder(entry, in: parent) {
                removeTree(entry.name, in: parent, depth: 1)
            } else {
                removeEntry(entry.name, in: parent, folder: false)
            }
        }
        // The few folders an update in place leaves are not worth waking a second thread for.
        if work.count < 64 {
            for index in work.indices { removeUnit(index) }
        } else {
            DispatchQueue.concurrentPerform(iterations: work.count, execute: removeUnit)
        }
        for folder in folders {
            close(folder.descriptor)
            removeEntry(folder.name, in: top, folder: true)
        }
        close(top)
        return path.withCString { rmdir($0) == 0 || errno == ENOENT }
    }

    /// Deletes the folder `name` in `parent` and everything in it, depth
    /// first; past a depth no site reaches, it stops (what is left stays).
    private static func removeTree(_ name: [UInt8], in parent: Int32, depth: Int) {
        guard depth < 64 else { return }
        let descriptor = openFolder(name, in: parent)
        guard descriptor >= 0 else { return }
        for entry in entries(of: descriptor) {
            if isFolder(entry, in: descriptor) {
                removeTree(entry.name, in: descriptor, depth: depth + 1)
            } else {
                removeEntry(entry.name, in: descriptor, folder: false)
            }
        }
        close(descriptor)
        removeEntry(name, in: parent, folder: true)
    }

    private static func isFolder(_ entry: Entry, in parent: Int32) -> Bool {
        if let known = entry.isFolder { return known }
        var info = stat()
        let found = withName(entry.name) { fstatat(parent, $0, &info, AT_SYMLINK_NOFOLLOW) == 0 }
        return found && info.st_mode & S_IFMT == S_IFDIR
    }

    private static func openFolder(_ name: [UInt8], in parent: Int32) -> Int32 {
        withName(name) { openat(parent, $0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
    }

    private static func removeEntry(_ name: [UInt8], in parent: Int32, folder: Bool) {
        _ = withName(name) { unlinkat(parent, $0, folder ? AT_REMOVEDIR : 0) }
    }

    private static func withName<T>(_ name: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
        (name + [0]).withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
        }
    }

    /// Every entry of an open folder but `.` and `..`, read before any is deleted.
    private static func entries(of descriptor: Int32) -> [Entry] {
        var result: [Entry] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 32 * 1024, alignment: 8)
        defer { buffer.deallocate() }
        // A linux_dirent64 record: inode (8 bytes), offset (8), record length (2), type (1), then the name and a NUL.
        let nameOffset = 19
        while true {
            let count = unionpress_read_folder(descriptor, buffer.baseAddress, UInt(buffer.count))
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return result }
            var offset = 0
            while offset + nameOffset <= count {
                let length = Int(buffer.loadUnaligned(fromByteOffset: offset + 16, as: UInt16.self))
                guard length > nameOffset, offset + length <= count else { return result }
                let name = Array(UnsafeRawBufferPointer(rebasing: buffer[(offset + nameOffset)..<(offset + length)]).prefix { $0 != 0 })
                let type = buffer[offset + 18]
                if name != [0x2E] && name != [0x2E, 0x2E] && !name.isEmpty {
                    result.append(Entry(name: name, isFolder: type == UInt8(DT_UNKNOWN) ? nil : type == UInt8(DT_DIR)))
                }
                offset += length
            }
        }
    }
}
