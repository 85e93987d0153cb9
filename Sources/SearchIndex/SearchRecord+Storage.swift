/// A record as bytes, so a build cache can keep it for the next build:
/// `varint(gramCount)`, `varint(gramBytes)`, the grams, `varint(wordCount)`,
/// then per word `varint(utf8Length)`, the word and its field bits. The
/// partition starts are not stored: they are found again when read.
extension SearchRecord {
    public func stored() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(grams.count + words.count * 8 + 8)
        Varint.append(UInt64(gramCount), to: &bytes)
        Varint.append(UInt64(grams.count), to: &bytes)
        bytes += grams
        Varint.append(UInt64(words.count), to: &bytes)
        for (word, bits) in words {
            Varint.append(UInt64(word.utf8.count), to: &bytes)
            bytes += word.utf8
            bytes.append(bits)
        }
        return bytes
    }

    /// Nil when the bytes are not a stored record (a damaged cache).
    public init?(stored bytes: [UInt8]) {
        var reader = ByteReader(bytes)
        guard let gramCount = reader.varint(), let gramLength = reader.varint(),
              let grams = reader.take(Int(clamping: gramLength)), let wordCount = reader.varint() else { return nil }
        var words: [(String, UInt8)] = []
        for _ in 0..<min(wordCount, UInt64(bytes.count)) {
            guard let length = reader.varint(), let word = reader.take(Int(clamping: length)), let bits = reader.byte() else { return nil }
            words.append((String(decoding: word, as: UTF8.self), bits))
        }
        guard words.count == wordCount, reader.isAtEnd else { return nil }
        var entries: [UInt64] = []
        var gramReader = ByteReader(Array(grams))
        var key: UInt64 = 0
        while let value = gramReader.varint() {
            key &+= value >> 3
            entries.append(key << 3 | (value & 7))
        }
        guard UInt64(entries.count) == gramCount, gramReader.isAtEnd else { return nil }
        self.init(entries: entries, words: words)
    }
}
