#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole file with open/fstat/read: for the thousands of pages a
/// build reads, `Data(contentsOf:)` and the URL it needs cost more than the
/// reading itself.
enum FileBytes {
    struct ReadError: Error, CustomStringConvertible {
        var path: String
        var code: Int32
        var description: String { "cannot read \(path): \(String(cString: strerror(code)))" }
    }

    /// The file's bytes; a folder, an unreadable file or one larger than
    /// `limit` bytes throws.
    static func read(_ path: String, atMost limit: Int = Int.max) throws(ReadError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ReadError(path: path, code: errno) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw ReadError(path: path, code: errno) }
        guard info.st_mode & S_IFMT != S_IFDIR else { throw ReadError(path: path, code: EISDIR) }
        guard info.st_size <= limit else { throw ReadError(path: path, code: EFBIG) }
        // The size is a hint: a file that shrinks meanwhile is read to its
        // end. Once a regular file's stated size is read, the read that would
        // only report its end is left out (one system call per file read).
        let size = max(Int(info.st_size), 0)
        var bytes = [UInt8](repeating: 0, count: size + 1)
        var filled = 0
        while !(size > 0 && filled == size && info.st_mode & S_IFMT == S_IFREG) {
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(bytes.count, 4096))) }
            let count = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw ReadError(path: path, code: errno)
            }
            if count == 0 { break }
            filled += count
            if filled > limit { throw ReadError(path: path, code: EFBIG) }
        }
        bytes.removeLast(bytes.count - filled)
        return bytes
    }

    /// Up to `count` bytes from the start of a file (fewer only at its
    /// end); nil when it cannot be opened or read.
    static func prefix(_ path: String, upTo count: Int) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        // Read into uninitialized storage: zeroing the whole buffer first
        // cost more than reading the small images it is used for.
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var filled = 0
            while filled < count {
                let read = Glibc.read(descriptor, buffer.baseAddress! + filled, count - filled)
                if read < 0 {
                    if errno == EINTR { continue }
                    failed = true
                    break
                }
                if read == 0 { break }
                filled += read
            }
            initialized = filled
        }
        return failed ? nil : bytes
    }
}
