import SearchIndex

/// The byte format of the build cache: LEB128 numbers (the search index's
/// `Varint`) and length-prefixed text. Reading never traps: a damaged or
/// truncated cache reads as nil, and the build then starts from scratch.
struct CacheWriter {
    private(set) var bytes: [UInt8] = []

    mutating func number(_ value: UInt64) {
        Varint.append(value, to: &bytes)
    }

    mutating func int(_ value: Int) {
        number(UInt64(bitPattern: Int64(value)))
    }

    mutating func string(_ value: String) {
        int(value.utf8.count)
        bytes += value.utf8
    }
}

struct CacheReader {
    private var reader: ByteReader

    init(_ bytes: [UInt8]) {
        reader = ByteReader(bytes)
    }

    var isAtEnd: Bool { reader.isAtEnd }

    mutating func number() -> UInt64? {
        reader.varint()
    }

    mutating func int() -> Int? {
        number().map { Int(Int64(bitPattern: $0)) }
    }

    /// A count of items still to read: never more than the bytes left, so a
    /// damaged count cannot ask for a huge allocation.
    mutating func count() -> Int? {
        guard let value = int(), value >= 0, value <= reader.remaining else { return nil }
        return value
    }

    mutating func string() -> String? {
        guard let length = count(), let bytes = reader.take(length) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
