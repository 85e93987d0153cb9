import SearchIndex

/// The byte format of the build cache: LEB128 numbers (the search index's
/// `Varint`) and length-prefixed text. Reading never traps: a damaged or
/// truncated cache reads as nil, and the build then starts from scratch.
struct CacheWriter {
    private(set) var bytes: [UInt8] = []
    private let interning: Bool
    /// When interning: each distinct string's number, in order of first use.
    private var numbers: [String: Int] = [:]
    private var table: [String] = []

    /// `interning`: each distinct string written with `shared` is written
    /// once, in a table put in front by `interned()`, and by its number after
    /// that (a site's tags, sections and file names recur on thousands of pages).
    init(interning: Bool = false) {
        self.interning = interning
    }

    /// The table of strings, then the bytes written.
    func interned() -> [UInt8] {
        var front = CacheWriter()
        front.int(table.count)
        for string in table { front.string(string) }
        return front.bytes + bytes
    }

    mutating func number(_ value: UInt64) {
        Varint.append(value, to: &bytes)
    }

    mutating func int(_ value: Int) {
        number(UInt64(bitPattern: Int64(value)))
    }

    mutating func reserve(_ count: Int) {
        bytes.reserveCapacity(count)
    }

    /// Bytes written before, as they are.
    mutating func raw(_ written: ArraySlice<UInt8>) {
        bytes += written
    }

    /// Writes what `body` writes prefixed by its length in bytes, so that a
    /// reader knows where it ends without reading it (`CacheReader.measured`).
    mutating func measured(_ body: (inout CacheWriter) -> Void) {
        var part = CacheWriter(interning: interning)
        swap(&part.numbers, &numbers)
        swap(&part.table, &table)
        body(&part)
        swap(&part.numbers, &numbers)
        swap(&part.table, &table)
        int(part.bytes.count)
        bytes += part.bytes
    }

    /// A string that recurs: by its number in the table when interning.
    mutating func shared(_ value: String) {
        if interning {
            let next = table.count
            let number = numbers[value, default: next]
            if number == next {
                numbers[value] = next
                table.append(value)
            }
            int(number)
            return
        }
        string(value)
    }

    mutating func string(_ value: String) {
        int(value.utf8.count)
        bytes += value.utf8
    }
}

struct CacheReader {
    private var reader: ByteReader
    /// The strings of an interned file (`CacheWriter.interned()`).
    private var table: [String]?

    private let byteCount: Int

    init(_ bytes: [UInt8]) {
        reader = ByteReader(bytes)
        byteCount = bytes.count
    }

    /// Reads a file written by `CacheWriter.interned()` (from `offset` on); nil when its table is damaged.
    init?(interned bytes: [UInt8], from offset: Int = 0) {
        reader = ByteReader(bytes, offset: offset)
        byteCount = bytes.count
        guard let count = count() else { return nil }
        var strings: [String] = []
        strings.reserveCapacity(count)
        for _ in 0..<count {
            guard let string = string() else { return nil }
            strings.append(string)
        }
        table = strings
    }

    var isAtEnd: Bool { reader.isAtEnd }
    /// How many bytes have been read.
    var position: Int { byteCount - reader.remaining }

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

    /// Moves `count` bytes on; false when fewer are left.
    mutating func skip(_ count: Int) -> Bool {
        count >= 0 && reader.take(count) != nil
    }

    /// Everything not read yet.
    mutating func rest() -> ArraySlice<UInt8>? {
        reader.take(reader.remaining)
    }

    /// What `CacheWriter.measured` wrote: a reader of it alone (which must
    /// end at `end`), this reader moved past it.
    mutating func measured() -> (part: CacheReader, end: Int)? {
        guard let length = count() else { return nil }
        let part = self
        guard reader.take(length) != nil else { return nil }
        return (part, position)
    }

    /// A string written with `CacheWriter.shared`.
    mutating func shared() -> String? {
        if let table {
            guard let number = int(), table.indices.contains(number) else { return nil }
            return table[number]
        }
        return string()
    }

    mutating func string() -> String? {
        guard let length = count(), let bytes = reader.take(length) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
