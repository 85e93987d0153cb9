/// The byte format of the build cache: LEB128 numbers and length-prefixed
/// bytes. Reading never traps: a damaged or truncated cache reads as nil,
/// and the build then starts from scratch.
struct CacheWriter {
    private(set) var bytes: [UInt8] = []

    mutating func number(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func int(_ value: Int) {
        number(UInt64(bitPattern: Int64(value)))
    }

    mutating func data(_ value: [UInt8]) {
        int(value.count)
        bytes += value
    }

    mutating func string(_ value: String) {
        int(value.utf8.count)
        bytes += value.utf8
    }
}

struct CacheReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func number() -> UInt64? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count, shift < 64 {
            let byte = bytes[offset]
            offset += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
        return nil
    }

    mutating func int() -> Int? {
        number().map { Int(Int64(bitPattern: $0)) }
    }

    /// A count of items still to read: never more than the bytes left, so a
    /// damaged count cannot ask for a huge allocation.
    mutating func count() -> Int? {
        guard let value = int(), value >= 0, value <= bytes.count - offset else { return nil }
        return value
    }

    mutating func data() -> [UInt8]? {
        guard let length = count() else { return nil }
        defer { offset += length }
        return Array(bytes[offset..<(offset + length)])
    }

    mutating func string() -> String? {
        guard let length = count() else { return nil }
        defer { offset += length }
        return String(decoding: bytes[offset..<(offset + length)], as: UTF8.self)
    }
}
