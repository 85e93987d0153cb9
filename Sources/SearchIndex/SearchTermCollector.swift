/// Splits a page's fields into index terms: every Han/kana/Hangul character
/// and every pair of adjacent ones (so any run of them can be found without
/// word segmentation), and whole words of letters and digits, folded.
struct SearchTermCollector {
    /// Distinct grams as `(key << 3) | field bits` in an open-addressing
    /// table (0 is empty: no gram key is 0), so repeated characters cost a
    /// probe rather than a sort entry. Kept at most half full.
    private var table = [UInt64](repeating: 0, count: 4096)
    private var used = 0
    /// Field bits of the BMP gram characters (U+3000 to U+D7FF, where all
    /// but a few astral ones are) by scalar: a unigram there costs an array
    /// access instead of a table probe.
    private var unigramFields = [UInt8](repeating: 0, count: Self.unigramEnd - Self.unigramStart)
    /// The unigrams in `unigramFields`, in order of first appearance.
    private var unigrams: [UInt32] = []
    private static let unigramStart = 0x3000
    private static let unigramEnd = 0xD800
    private var words: [String: UInt8] = [:]
    /// The current word's folded UTF-8, reused from word to word.
    private var word: [UInt8] = []

    /// Text is read in pieces of at most this many bytes; the table is grown
    /// before each piece to hold every gram the piece can add, so inserting
    /// needs no check.
    private static let pieceBytes = 768

    mutating func add(_ text: String, field: SearchField) {
        var text = text
        text.withUTF8 { bytes in add(bytes, bits: field.rawValue) }
    }

    private mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, bits: UInt8) {
        var previousGram: UInt32 = 0
        var wordLength = 0
        var offset = 0
        while offset < bytes.count {
            var end = min(bytes.count, offset + Self.pieceBytes)
            // End the piece on a scalar's first byte.
            while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
            // Gram characters take three or four bytes, and each adds at most two grams.
            let room = 2 * ((end - offset) / 3 + 1)
            while (used + room) * 2 > table.count { grow() }
            // Moved out and back so the table closure mutates them in place.
            var used = self.used
            var word = self.word
            var words = self.words
            self.word = []
            var unigrams = self.unigrams
            self.unigrams = []
            self.words = [:]
            unigramFields.withUnsafeMutableBufferPointer { unigramFields in
                table.withUnsafeMutableBufferPointer { table in
                    let mask = table.count - 1
                    @inline(__always) func insert(_ key: UInt64) {
                        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
                        while true {
                            let entry = table[slot]
                            if entry == 0 {
                                table[slot] = key << 3 | UInt64(bits)
                                used += 1
                                return
                            }
                            if entry >> 3 == key {
                                table[slot] = entry | UInt64(bits)
                                return
                            }
                            slot = (slot + 1) & mask
                        }
                    }
                    @inline(__always) func flushWord() {
                        if wordLength <= SearchCharacters.maxWordLength {
                            words[String(decoding: word, as: UTF8.self), default: 0] |= bits
                        }
                        word.removeAll(keepingCapacity: true)
                        wordLength = 0
                    }
                    var index = offset
                    while index < end {
                        // Strings hold valid UTF-8: decode without checks.
                        let lead = UInt32(bytes[index])
                        let scalar: UInt32
                        if lead < 0x80 {
                            scalar = lead
                            index += 1
                        } else {
                            scalar = ValidUTF8.multiByteScalar(bytes, lead: lead, at: &index)
                        }
                        let v = SearchCharacters.fold(scalar)
                        if SearchCharacters.isGram(v) {
                            if wordLength > 0 { flushWord() }
                            if v >= Self.unigramStart && v < Self.unigramEnd {
                                let slot = Int(v) - Self.unigramStart
                                let old = unigramFields[slot]
                                if old == 0 { unigrams.append(v) }
                                unigramFields[slot] = old | bits
                            } else {
                                insert(UInt64(v))
                            }
                            if previousGram != 0 { insert(SearchGram.key(previousGram, v)) }
                            previousGram = v
                        } else if SearchCharacters.isWord(v) {
                            previousGram = 0
                            wordLength += 1
                            if wordLength <= SearchCharacters.maxWordLength {
                                // Word characters are below U+0250: one or two bytes.
                                if v < 0x80 {
                                    word.append(UInt8(truncatingIfNeeded: v))
                                } else {
                                    word.append(UInt8(truncatingIfNeeded: 0xC0 | v >> 6))
                                    word.append(UInt8(truncatingIfNeeded: 0x80 | v & 0x3F))
                                }
                            }
                        } else {
                            previousGram = 0
                            if wordLength > 0 { flushWord() }
                        }
                    }
                    if end == bytes.count && wordLength > 0 { flushWord() }
                }
            }
            self.unigrams = unigrams
            self.used = used
            self.word = word
            self.words = words
            offset = end
        }
    }

    private mutating func grow() {
        let old = table
        table = [UInt64](repeating: 0, count: old.count * 2)
        let mask = table.count - 1
        table.withUnsafeMutableBufferPointer { table in
            for entry in old where entry != 0 {
                var slot = Int(truncatingIfNeeded: ((entry >> 3) &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
                while table[slot] != 0 { slot = (slot + 1) & mask }
                table[slot] = entry
            }
        }
    }

    func record() -> SearchRecord {
        // Branch-free compaction: a page's table is about half empty, which
        // a branch on each slot would mispredict.
        var entries = [UInt64](unsafeUninitializedCapacity: used + 1) { buffer, count in
            var filled = 0
            table.withUnsafeBufferPointer { table in
                for entry in table {
                    buffer[filled] = entry
                    filled += entry == 0 ? 0 : 1
                    if filled == used { break }
                }
            }
            count = filled
        }
        KeySort.sort(&entries)
        // Unigrams of the array are below every gram of the table (those are
        // astral or compatibility characters, or pairs): they go first.
        var arrayUnigrams = unigrams.map { UInt64($0) << 3 | UInt64(unigramFields[Int($0) - Self.unigramStart]) }
        KeySort.sort(&arrayUnigrams)
        entries = arrayUnigrams + entries
        return SearchRecord(entries: entries, words: words.map { ($0.key, $0.value) }.sorted { $0.0 < $1.0 })
    }
}

/// Keys for one- and two-character terms: a unigram is its scalar value, a
/// bigram `(first << 21) | second`, which is always larger.
enum SearchGram {
    /// Key ranges inverted separately: where ranges 1… begin. Chosen so each
    /// holds about an eighth of the postings of Chinese news text (unigrams
    /// are a third of them); any bounds give the same index.
    static let partitionBounds: [UInt64] = [0x5E00, 0x7A00, 0x4E20 << 21, 0x52A0 << 21, 0x5DE0 << 21, 0x6730 << 21, 0x8000 << 21]
    static var partitions: Int { partitionBounds.count + 1 }

    @inline(__always)
    static func key(_ first: UInt32, _ second: UInt32) -> UInt64 {
        UInt64(first) << 21 | UInt64(second)
    }

    static func scalars(_ key: UInt64) -> (UInt32, UInt32?) {
        key < 1 << 21 ? (UInt32(key), nil) : (UInt32(key >> 21), UInt32(key & 0x1F_FFFF))
    }

    static func term(_ key: UInt64) -> String {
        let (first, second) = scalars(key)
        var view = String.UnicodeScalarView()
        if let scalar = Unicode.Scalar(first) { view.append(scalar) }
        if let second, let scalar = Unicode.Scalar(second) { view.append(scalar) }
        return String(view)
    }
}
