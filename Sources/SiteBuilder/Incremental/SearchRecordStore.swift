import Foundation
import SearchIndex
#if canImport(Glibc)
import Glibc
#endif

/// The file of every page's search record, beside the build cache. A full
/// build writes it anew; a build that renders a few pages appends their new
/// records, so the offsets the previous cache holds stay valid until the new
/// cache replaces it.
struct SearchRecordStore {
    let path: String

    /// Appends records and tells where each went. Writes go out in large
    /// pieces; `close` writes the rest, after which `failed` is final.
    struct Appender {
        private let descriptor: Int32
        private(set) var offset: Int
        private(set) var failed = false
        private var pending: [UInt8] = []
        private static let pieceBytes = 1 << 20

        init?(path: String, truncating: Bool) {
            descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (truncating ? O_TRUNC : 0), 0o644)
            guard descriptor >= 0 else { return nil }
            let end = lseek(descriptor, 0, SEEK_END)
            guard end >= 0 else {
                Glibc.close(descriptor)
                return nil
            }
            offset = Int(end)
        }

        /// The record's offset and length; nil once a write failed.
        mutating func append(_ record: SearchRecord) -> (offset: Int, length: Int)? {
            append(stored: record.stored())
        }

        /// A record already in its stored form.
        mutating func append(stored bytes: [UInt8]) -> (offset: Int, length: Int)? {
            guard !failed else { return nil }
            pending += bytes
            defer { offset += bytes.count }
            if pending.count >= Self.pieceBytes { flush() }
            return failed ? nil : (offset, bytes.count)
        }

        private mutating func flush() {
            if !pending.isEmpty, !failed, !CacheFile.write(descriptor, pending) { failed = true }
            pending.removeAll(keepingCapacity: true)
        }

        mutating func close() {
            flush()
            Glibc.close(descriptor)
        }
    }

    /// Reads records by offset and length.
    struct Reader {
        private let descriptor: Int32

        init?(path: String) {
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return nil }
        }

        func record(offset: Int, length: Int) -> SearchRecord? {
            storedBytes(offset: offset, length: length).flatMap(SearchRecord.init(stored:))
        }

        /// A record as stored, not decoded.
        func storedBytes(offset: Int, length: Int) -> [UInt8]? {
            guard offset >= 0 else { return nil }
            return CacheFile.read(descriptor, offset: offset, length: length)
        }

        /// The file's size in bytes.
        var size: Int {
            var info = stat()
            return fstat(descriptor, &info) == 0 ? Int(info.st_size) : 0
        }

        func close() {
            Glibc.close(descriptor)
        }
    }
}
