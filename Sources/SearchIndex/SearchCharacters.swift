/// How search sees characters, shared bit for bit with `search.js`: a folding
/// that keeps one scalar per scalar (so offsets in folded text are offsets in
/// the original), and three classes. Han, kana and Hangul are indexed as
/// single characters and bigrams (no word boundaries needed); letters and
/// digits form words matched whole; everything else separates.
public enum SearchCharacters {
    /// Full-width ASCII (`ＡＢＣ１２３`) to ASCII, then upper case to lower
    /// case for ASCII and Latin-1 letters.
    @inline(__always)
    public static func fold(_ value: UInt32) -> UInt32 {
        var v = value
        if v >= 0xFF01 && v <= 0xFF5E { v -= 0xFEE0 }
        if v >= 0x41 && v <= 0x5A { return v + 0x20 }
        if v >= 0xC0 && v <= 0xDE && v != 0xD7 { return v + 0x20 }
        return v
    }

    /// Characters indexed one by one and in pairs.
    @inline(__always)
    public static func isGram(_ v: UInt32) -> Bool {
        (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0x20000 && v <= 0x323AF)
            || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0x3040 && v <= 0x30FF) || (v >= 0xAC00 && v <= 0xD7AF) || v == 0x3007
    }

    /// Characters of words (after folding): ASCII letters and digits, Latin-1
    /// and Latin Extended-A/B letters.
    @inline(__always)
    public static func isWord(_ v: UInt32) -> Bool {
        (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39)
            || (v >= 0xC0 && v <= 0x24F && v != 0xD7 && v != 0xF7)
    }

    /// Longer words are not indexed (hashes, run-together URLs).
    public static let maxWordLength = 64
}
