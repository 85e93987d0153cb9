/// A page's index terms in compact form (about three bytes a term), made
/// while the page renders and turned into postings when the index is written.
public struct SearchRecord: Sendable, Equatable {
    /// Gram keys ascending, each as a varint of `(key delta << 3) | field bits`.
    var grams: [UInt8]
    var gramCount: Int
    /// Where in `grams` each key range of `SearchGram.partitionBounds`
    /// begins; the deltas start again from 0 there, so each range can be
    /// read on its own (the index is inverted one range per thread).
    var partitionStarts: [Int32]
    /// Folded words with their field bits, sorted.
    var words: [(String, UInt8)]

    /// A page with nothing to index.
    public static let empty = SearchRecord(
        grams: [], gramCount: 0, partitionStarts: [Int32](repeating: 0, count: SearchGram.partitions), words: []
    )

    public static func == (lhs: SearchRecord, rhs: SearchRecord) -> Bool {
        lhs.grams == rhs.grams && lhs.partitionStarts == rhs.partitionStarts && lhs.words.elementsEqual(rhs.words) { $0.0 == $1.0 && $0.1 == $1.1 }
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
        let start = partition < partitionStarts.count ? Int(partitionStarts[partition]) : grams.count
        let end = partition + 1 < partitionStarts.count ? Int(partitionStarts[partition + 1]) : grams.count
        return min(start, grams.count)..<min(max(start, end), grams.count)
    }

    func forEachGram(in partition: Int, _ body: (UInt64, UInt8) -> Void) {
        let range = bytes(of: partition)
        var reader = ByteReader(grams, offset: range.lowerBound)
        var key: UInt64 = 0
        while reader.offset < range.upperBound, let value = reader.varint() {
            key += value >> 3
            body(key, UInt8(value & 7))
        }
    }
}
