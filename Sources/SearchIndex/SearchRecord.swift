/// A page's index terms in compact form (about three bytes a term), made
/// while the page renders and turned into postings when the index is written.
public struct SearchRecord: Sendable, Equatable {
    /// Gram keys ascending, each as a varint of `(key delta << 3) | field bits`.
    var grams: [UInt8]
    var gramCount: Int
    /// Folded words with their field bits, sorted.
    var words: [(String, UInt8)]

    /// A page with nothing to index.
    public static let empty = SearchRecord(grams: [], gramCount: 0, words: [])

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
        var reader = ByteReader(grams)
        var key: UInt64 = 0
        while let value = reader.varint() {
            key += value >> 3
            body(key, UInt8(value & 7))
        }
    }
}
