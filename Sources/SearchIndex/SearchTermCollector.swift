/// Splits a page's fields into index terms: every Han/kana/Hangul character
/// and every pair of adjacent ones (so any run of them can be found without
/// word segmentation), and whole words of letters and digits, folded.
struct SearchTermCollector {
    /// Distinct grams as `(key << 3) | field bits` in an open-addressing
    /// table (0 is empty: no gram key is 0), so repeated characters cost a
    /// probe rather than a sort entry.
    private var table = [UInt64](repeating: 0, count: 4096)
    private var used = 0
    private var words: [String: UInt8] = [:]

    mutating func add(_ text: String, field: SearchField) {
        let bits = UInt64(field.rawValue)
        var previousGram: UInt32 = 0
        var word = String.UnicodeScalarView()
        var wordLength = 0
        for scalar in text.unicodeScalars {
            let v = SearchCharacters.fold(scalar.value)
            if SearchCharacters.isGram(v) {
                if wordLength > 0 { flushWord(&word, &wordLength, field) }
                insert(UInt64(v), bits)
                if previousGram != 0 { insert(SearchGram.key(previousGram, v), bits) }
                previousGram = v
            } else if SearchCharacters.isWord(v) {
                previousGram = 0
                wordLength += 1
                if wordLength <= SearchCharacters.maxWordLength, let folded = Unicode.Scalar(v) { word.append(folded) }
            } else {
                previousGram = 0
                if wordLength > 0 { flushWord(&word, &wordLength, field) }
            }
        }
        if wordLength > 0 { flushWord(&word, &wordLength, field) }
    }

    @inline(__always)
    private mutating func insert(_ key: UInt64, _ bits: UInt64) {
        if used * 2 >= table.count { grow() }
        let mask = table.count - 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
        while true {
            let entry = table[slot]
            if entry == 0 {
                table[slot] = key << 3 | bits
                used += 1
                return
            }
            if entry >> 3 == key {
                table[slot] = entry | bits
                return
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        let old = table
        table = [UInt64](repeating: 0, count: old.count * 2)
        used = 0
        for entry in old where entry != 0 { insert(entry >> 3, entry & 7) }
    }

    private mutating func flushWord(_ word: inout String.UnicodeScalarView, _ length: inout Int, _ field: SearchField) {
        if length <= SearchCharacters.maxWordLength {
            words[String(word), default: 0] |= field.rawValue
        }
        word.removeAll(keepingCapacity: true)
        length = 0
    }

    func record() -> SearchRecord {
        var entries: [UInt64] = []
        entries.reserveCapacity(used)
        for entry in table where entry != 0 { entries.append(entry) }
        KeySort.sort(&entries)
        var encoded: [UInt8] = []
        encoded.reserveCapacity(entries.count * 3)
        var previousKey: UInt64 = 0
        for entry in entries {
            let key = entry >> 3
            Varint.append((key - previousKey) << 3 | (entry & 7), to: &encoded)
            previousKey = key
        }
        return SearchRecord(grams: encoded, gramCount: entries.count, words: words.map { ($0.key, $0.value) }.sorted { $0.0 < $1.0 })
    }
}

/// Keys for one- and two-character terms: a unigram is its scalar value, a
/// bigram `(first << 21) | second`, which is always larger.
enum SearchGram {
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
