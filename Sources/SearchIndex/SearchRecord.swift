/// A page's index terms in compact form (about three bytes a term), made
/// while the page renders and turned into postings when the index is written.
public struct SearchRecord: Sendable, Equatable {
    /// Gram keys ascending, each as a varint of `(key delta << 3) | field bits`.
    var grams: [UInt8]
    var gramCount: Int
    /// Where in `grams` each key range of `SearchGram.partitionBounds`
    /// begins, and the key before it, so each range can be read on its own
    /// (the index is inverted one range per thread).
    var partitionStarts: [PartitionStart]
    /// Folded words with their field bits, sorted.
    var words: [(String, UInt8)]

    struct PartitionStart: Sendable, Equatable {
        var offset: Int32
        var previousKey: UInt64
    }

    /// A page with nothing to index.
    public static let empty = SearchRecord(
        grams: [], gramCount: 0, partitionStarts: [PartitionStart](repeating: PartitionStart(offset: 0, previousKey: 0), count: SearchGram.partitions),
        words: []
    )

    public static func == (lhs: SearchRecord, rhs: SearchRecord) -> Bool {
        lhs.grams == rhs.grams && lhs.words.elementsEqual(rhs.words) { $0.0 == $1.0 && $0.1 == $1.1 }
    }

    /// Every term with its fields, for tests and tools: grams then words.
    public var terms: [(term: String, fields: SearchField)] {
        var result: [(String, SearchField)] = []
        forEachGram { key, bits in result.append((SearchGram.term(key), SearchField(rawValue: bits))) }
        for (word, bits) in words { result.append((word, SearchField(rawValue: bits))) }
        return result
    }

    func forEachGram(_ body: (UInt64, UInt8) -> Void) {
        for partition in 0..<SearchGram.partitions { forEachGram(in: partition, body) }
    }

    /// The byte range of one key range's grams.
    func bytes(of partition: Int) -> Range<Int> {
        let start = partition < partitionStarts.count ? Int(partitionStarts[partition].offset) : grams.count
        let end = partition + 1 < partitionStarts.count ? Int(partitionStarts[partition + 1].offset) : grams.count
        return min(start, grams.count)..<min(max(start, end), grams.count)
    }

    func forEachGram(in partition: Int, _ body: (UInt64, UInt8) -> Void) {
        let range = bytes(of: partition)
        var reader = ByteReader(grams, offset: range.lowerBound)
        var key = partition < partitionStarts.count ? partitionStarts[partition].previousKey : 0
        while reader.offset < range.upperBound, let value = reader.varint() {
            key &+= value >> 3
            body(key, UInt8(value & 7))
        }
    }
}

extension SearchRecord {
    /// A record of gram entries `(key << 3) | field bits` in ascending key order.
    init(entries: [UInt64], words: [(String, UInt8)]) {
        // A varint takes at most ten bytes (seven for the 45 bits of a gram entry).
        let scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: entries.count * 10)
        defer { scratch.deallocate() }
        var length = 0
        var partitionStarts = [PartitionStart](repeating: PartitionStart(offset: 0, previousKey: 0), count: SearchGram.partitions)
        let bounds = SearchGram.partitionBounds
        var partition = 0
        var previousKey: UInt64 = 0
        for entry in entries {
            let key = entry >> 3
            while partition < bounds.count && key >= bounds[partition] {
                partition += 1
                partitionStarts[partition] = PartitionStart(offset: Int32(truncatingIfNeeded: length), previousKey: previousKey)
            }
            let v = (key &- previousKey) << 3 | (entry & 7)
            if v < 1 << 49 {
                // LEB128 without a loop on the length, which varies from
                // gram to gram and would be mispredicted: seven bytes are
                // written, and only the first `count` kept.
                let count = max(1, (64 - v.leadingZeroBitCount + 6) / 7)
                for byte in 0..<7 {
                    let more: UInt8 = byte < count - 1 ? 0x80 : 0
                    scratch[length + byte] = UInt8(truncatingIfNeeded: v >> UInt64(7 * byte)) & 0x7F | more
                }
                length += count
            } else {
                var rest = v
                while rest >= 0x80 {
                    scratch[length] = UInt8(truncatingIfNeeded: rest) | 0x80
                    length += 1
                    rest >>= 7
                }
                scratch[length] = UInt8(truncatingIfNeeded: rest)
                length += 1
            }
            previousKey = key
        }
        for later in (partition + 1)..<SearchGram.partitions {
            partitionStarts[later] = PartitionStart(offset: Int32(truncatingIfNeeded: length), previousKey: previousKey)
        }
        // Copied to an array of the exact size: every page's record is kept until the index is written.
        self.init(grams: Array(scratch[0..<length]), gramCount: entries.count, partitionStarts: partitionStarts, words: words)
    }

    /// The gram entries, ascending.
    var entries: [UInt64] {
        var result: [UInt64] = []
        result.reserveCapacity(gramCount)
        forEachGram { key, bits in result.append(key << 3 | UInt64(bits)) }
        return result
    }
}
