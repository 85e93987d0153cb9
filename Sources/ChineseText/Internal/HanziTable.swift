/// The decoded stroke and pinyin tables, built once from the generated string literals on
/// first use and shared read-only (a `static let` is initialised lazily and thread-safely).
struct HanziTable: Sendable {
    static let shared = HanziTable()

    static let unifiedFirst: UInt32 = 0x4E00
    static let unifiedLast: UInt32 = 0x9FFF
    static let noReading: UInt16 = 4095

    /// Stroke classes 1...5 of all characters, back to back.
    private let strokeClasses: [UInt8]
    /// For U+4E00 + i: strokes at `unifiedStrokeStart[i] ..< unifiedStrokeStart[i + 1]`.
    private let unifiedStrokeStart: [UInt32]
    private let otherStrokes: [UInt32: Range<Int>]
    private let countOnly: [UInt32: Int]
    private let unifiedReadings: [UInt16]
    private let otherReadings: [UInt32: UInt16]

    /// Toneless syllables as written (with ü), in dictionary order.
    let syllables: [String]
    /// The same syllables as ASCII letters for collation (ü as u, ê as e).
    let syllableLetters: [[UInt8]]
    let syllableHasUmlaut: [Bool]
    private let syllableIndex: [String: Int]

    private init() {
        var classes: [UInt8] = []
        classes.reserveCapacity(280_000)
        var starts: [UInt32] = [0]
        starts.reserveCapacity(Int(Self.unifiedLast - Self.unifiedFirst) + 2)
        let unified = Self.bytesWithoutNewlines(StrokeData.unifiedIdeographs)
        var position = 0
        while position < unified.count {
            if unified[position] == UInt8(ascii: "-") {
                position += 1
            } else {
                position = Self.decodeStrokes(unified, from: position, into: &classes)
            }
            starts.append(UInt32(classes.count))
        }

        var others: [UInt32: Range<Int>] = [:]
        var counts: [UInt32: Int] = [:]
        for (codePoint, entry) in Self.codePointLines(StrokeData.otherCharacters) {
            if entry.first == UInt8(ascii: "#") {
                counts[codePoint] = entry.dropFirst().reduce(0) { $0 * 10 + Int($1 &- UInt8(ascii: "0")) }
            } else {
                let start = classes.count
                _ = Self.decodeStrokes(entry, from: 0, into: &classes)
                others[codePoint] = start ..< classes.count
            }
        }

        let pinyin = Self.bytesWithoutNewlines(PinyinData.unifiedIdeographs)
        var readings: [UInt16] = []
        readings.reserveCapacity(pinyin.count / 2)
        for offset in stride(from: 0, to: pinyin.count - 1, by: 2) {
            readings.append(Self.base64Pair(pinyin[offset], pinyin[offset + 1]))
        }
        var otherReadings: [UInt32: UInt16] = [:]
        for (codePoint, entry) in Self.codePointLines(PinyinData.otherCharacters) where entry.count == 2 {
            otherReadings[codePoint] = Self.base64Pair(entry[0], entry[1])
        }

        let syllables = PinyinData.syllables.split(separator: " ").map(String.init)
        strokeClasses = classes
        unifiedStrokeStart = starts
        otherStrokes = others
        countOnly = counts
        unifiedReadings = readings
        self.otherReadings = otherReadings
        self.syllables = syllables
        syllableLetters = syllables.map { syllable in
            syllable.unicodeScalars.map { scalar in
                switch scalar {
                case "ü": UInt8(ascii: "u")
                case "ê": UInt8(ascii: "e")
                default: UInt8(truncatingIfNeeded: scalar.value)
                }
            }
        }
        syllableHasUmlaut = syllables.map { $0.unicodeScalars.contains("ü") }
        var index: [String: Int] = [:]
        for (position, syllable) in syllables.enumerated() { index[syllable] = position }
        syllableIndex = index
    }

    // MARK: Strokes

    /// The stroke classes (1...5) of a code point, or nil without a full sequence.
    func strokeSequence(of codePoint: UInt32) -> ArraySlice<UInt8>? {
        if codePoint >= Self.unifiedFirst, codePoint <= Self.unifiedLast {
            let offset = Int(codePoint - Self.unifiedFirst)
            guard offset + 1 < unifiedStrokeStart.count else { return nil }
            let start = Int(unifiedStrokeStart[offset]), end = Int(unifiedStrokeStart[offset + 1])
            return start < end ? strokeClasses[start ..< end] : nil
        }
        guard let range = otherStrokes[codePoint] else { return nil }
        return strokeClasses[range]
    }

    /// A stroke count known without a sequence (Unihan kTotalStrokes), for the few
    /// 通用规范 characters that have no sequence.
    func strokeCountOnly(of codePoint: UInt32) -> Int? {
        countOnly[codePoint]
    }

    func strokeCount(of codePoint: UInt32) -> Int? {
        if let sequence = strokeSequence(of: codePoint) { return sequence.count }
        return countOnly[codePoint]
    }

    // MARK: Readings

    /// The customary Mandarin reading: syllable index and tone (1...4, 5 = neutral).
    func reading(of codePoint: UInt32) -> PinyinReading? {
        let value: UInt16?
        if codePoint >= Self.unifiedFirst, codePoint <= Self.unifiedLast {
            let offset = Int(codePoint - Self.unifiedFirst)
            value = offset < unifiedReadings.count ? unifiedReadings[offset] : nil
        } else {
            value = otherReadings[codePoint]
        }
        guard let value, value != Self.noReading else { return nil }
        return PinyinReading(syllable: Int(value / 5), tone: Int(value % 5) + 1)
    }

    /// Looks up a reading written with a tone number, e.g. "shan4" or "lü3".
    func reading(numbered: String) -> PinyinReading? {
        guard let last = numbered.last, let tone = last.wholeNumberValue, (1 ... 5).contains(tone),
              let syllable = syllableIndex[String(numbered.dropLast())]
        else { return nil }
        return PinyinReading(syllable: syllable, tone: tone)
    }

    // MARK: Decoding helpers

    private static func bytesWithoutNewlines(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 where byte != UInt8(ascii: "\n") { bytes.append(byte) }
        return bytes
    }

    /// Decodes one stroke entry starting at `position`; returns the position after it.
    /// 'A'...'Y' hold two strokes, 'a'...'e' one last stroke, '.' ends an even entry.
    private static func decodeStrokes(_ bytes: [UInt8], from position: Int, into classes: inout [UInt8]) -> Int {
        var position = position
        while position < bytes.count {
            let symbol = bytes[position]
            position += 1
            switch symbol {
            case UInt8(ascii: "A") ... UInt8(ascii: "Y"):
                let pair = symbol - UInt8(ascii: "A")
                classes.append(pair / 5 + 1)
                classes.append(pair % 5 + 1)
            case UInt8(ascii: "a") ... UInt8(ascii: "e"):
                classes.append(symbol - UInt8(ascii: "a") + 1)
                return position
            default:
                return position
            }
        }
        return position
    }

    /// Lines of the form `HEX:entry`.
    private static func codePointLines(_ text: String) -> [(UInt32, [UInt8])] {
        text.utf8.split(separator: UInt8(ascii: "\n")).compactMap { line in
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")),
                  let codePoint = UInt32(String(decoding: line[..<colon], as: UTF8.self), radix: 16)
            else { return nil }
            return (codePoint, Array(line[line.index(after: colon)...]))
        }
    }

    private static func base64Pair(_ high: UInt8, _ low: UInt8) -> UInt16 {
        UInt16(base64Digit(high)) * 64 + UInt16(base64Digit(low))
    }

    private static func base64Digit(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "0") ... UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A") ... UInt8(ascii: "Z"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a") ... UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 36
        case UInt8(ascii: "+"): 62
        default: 63
        }
    }
}
