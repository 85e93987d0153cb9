/// The postings of the grams in one key range (`SearchGram.partitionBounds`):
/// gram keys in order of first appearance, their postings at the same index.
struct GramTable {
    private(set) var keys: [UInt64] = []
    private(set) var postings: [SearchIndexBuilder.Postings] = []

    @inline(__always)
    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// Inverts the grams of one key range of every record, numbering
    /// documents in record order. Keys are found through open addressing
    /// (-1 is empty, at most half full): millions of look-ups for a large
    /// site, each cheaper than a `Dictionary`'s seeded hashing. All state is
    /// local, so no append copies a shared array.
    init(_ records: [SearchRecord], partition: Int) {
        var keys: [UInt64] = []
        var postings: [SearchIndexBuilder.Postings] = []
        var slots = [Int32](repeating: -1, count: 1 << 12)
        for (document, record) in records.enumerated() {
            let range = record.bytes(of: partition)
            // At most one gram per byte of the range.
            if (keys.count + range.count) * 2 > slots.count {
                var size = slots.count
                while (keys.count + range.count) * 2 > size { size *= 2 }
                slots = [Int32](repeating: -1, count: size)
                let mask = size - 1
                for (index, key) in keys.enumerated() {
                    var slot = Self.slot(key, mask)
                    while slots[slot] >= 0 { slot = (slot + 1) & mask }
                    slots[slot] = Int32(index)
                }
            }
            let mask = slots.count - 1
            var reader = ByteReader(record.grams, offset: range.lowerBound)
            var key = partition < record.partitionStarts.count ? record.partitionStarts[partition].previousKey : 0
            while reader.offset < range.upperBound, let value = reader.varint() {
                key &+= value >> 3
                let bits = UInt8(truncatingIfNeeded: value & 7)
                var slot = Self.slot(key, mask)
                while true {
                    let index = Int(slots[slot])
                    if index < 0 {
                        slots[slot] = Int32(keys.count)
                        keys.append(key)
                        var new = SearchIndexBuilder.Postings()
                        new.add(document, bits)
                        postings.append(new)
                        break
                    }
                    if keys[index] == key {
                        postings[index].add(document, bits)
                        break
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
        self.keys = keys
        self.postings = postings
    }
}
