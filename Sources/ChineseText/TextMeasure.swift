/// Word counts and reading times for Chinese text.
///
/// A "word" is one CJK character (Han ideograph, kana, Hangul syllable) or one run of other
/// letters and digits (a Latin word or a number: "DeepSeek", "12351", "14.3", "1,103",
/// "don't"). Punctuation and whitespace do not count.
public enum TextMeasure {
    /// Characters read per minute: 400 is a common figure for Chinese text (published
    /// estimates for adult silent reading range from about 300 to 500).
    public static let charactersPerMinute = 400

    public static func wordCount(_ text: String) -> Int {
        // Scalars decoded from the UTF-8 bytes directly: a page's whole
        // text goes through here, and the unicodeScalars view costs more.
        var text = text
        return text.withUTF8(wordCount(utf8:))
    }

    /// `wordCount` over valid UTF-8 (a `String`'s bytes).
    private static func wordCount(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var inWord = false
        var pendingJoiner = false      // a joiner after a word, kept if the word goes on
        var lastWasDigit = false
        var offset = 0
        while offset < bytes.count {
            let scalar = decodeScalar(bytes, at: &offset)
            let kind = kind(of: scalar)
            if kind == .cjk {
                count += 1
                inWord = false
                pendingJoiner = false
            } else if kind != .other {
                let digit = kind == .digit
                if !inWord || (pendingJoiner && !continues(afterJoinerWithDigit: lastWasDigit, digit: digit)) {
                    count += 1
                }
                inWord = true
                pendingJoiner = false
                lastWasDigit = digit
            } else if inWord, !pendingJoiner, isJoiner(scalar, afterDigit: lastWasDigit) {
                pendingJoiner = true
            } else {
                inWord = false
                pendingJoiner = false
            }
        }
        return count
    }

    /// The scalar starting at `offset` of valid UTF-8, moving `offset` past it.
    @inline(__always)
    private static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at offset: inout Int) -> Unicode.Scalar {
        let lead = UInt32(bytes[offset])
        var value: UInt32
        switch lead {
        case 0..<0x80:
            offset += 1
            return Unicode.Scalar(UInt8(truncatingIfNeeded: lead))
        case 0xC0..<0xE0:
            value = (lead & 0x1F) << 6 | UInt32(bytes[offset + 1] & 0x3F)
            offset += 2
        case 0xE0..<0xF0:
            value = (lead & 0x0F) << 12 | UInt32(bytes[offset + 1] & 0x3F) << 6 | UInt32(bytes[offset + 2] & 0x3F)
            offset += 3
        default:
            value = (lead & 0x07) << 18 | UInt32(bytes[offset + 1] & 0x3F) << 12
                | UInt32(bytes[offset + 2] & 0x3F) << 6 | UInt32(bytes[offset + 3] & 0x3F)
            offset += 4
        }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    /// How `wordCount` sees a character: a CJK character, part of a word
    /// (a digit: any character with a numeric value), or neither.
    enum CharacterKind: UInt8 {
        case cjk, letter, digit, other
    }

    /// ASCII and CJK by range, the punctuation blocks Chinese text is full
    /// of from a table, the rest from Unicode properties (slow to look up).
    @inline(__always)
    static func kind(of scalar: Unicode.Scalar) -> CharacterKind {
        let value = scalar.value
        if value < 0x80 {
            if value >= 0x30 && value <= 0x39 { return .digit }
            return (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A) ? .letter : .other
        }
        if isCJK(scalar) { return .cjk }
        if let index = punctuationTableIndex(value) { return punctuationKinds[index] }
        return kindByProperties(scalar)
    }

    private static func kindByProperties(_ scalar: Unicode.Scalar) -> CharacterKind {
        if isCJK(scalar) { return .cjk }
        guard isWordCharacter(scalar) else { return .other }
        return scalar.properties.numericType != nil ? .digit : .letter
    }

    /// General Punctuation (U+2000–206F), CJK Symbols and Punctuation
    /// (U+3000–303F) and Halfwidth and Fullwidth Forms (U+FF00–FFEF), in that order.
    @inline(__always)
    private static func punctuationTableIndex(_ value: UInt32) -> Int? {
        if value >= 0x2000 && value < 0x2070 { return Int(value - 0x2000) }
        if value >= 0x3000 && value < 0x3040 { return 0x70 + Int(value - 0x3000) }
        if value >= 0xFF00 && value < 0xFFF0 { return 0xB0 + Int(value - 0xFF00) }
        return nil
    }

    /// The kinds of those blocks, worked out once from the properties themselves.
    private static let punctuationKinds: [CharacterKind] = {
        let ranges: [ClosedRange<UInt32>] = [0x2000...0x206F, 0x3000...0x303F, 0xFF00...0xFFEF]
        return ranges.flatMap { range in
            range.map { value in Unicode.Scalar(value).map(kindByProperties) ?? .other }
        }
    }()

    /// Minutes to read the text: ceil(wordCount / 400), at least 1.
    public static func readingMinutes(_ text: String) -> Int {
        readingMinutes(wordCount: wordCount(text))
    }

    /// Minutes to read a text of `wordCount` words, for callers that counted already.
    public static func readingMinutes(wordCount: Int) -> Int {
        max(1, (wordCount + charactersPerMinute - 1) / charactersPerMinute)
    }

    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3400 ... 0x4DBF, 0x4E00 ... 0x9FFF, 0xF900 ... 0xFAFF, 0x20000 ... 0x323AF,
             0x3005, 0x3007,                 // 々 〇
             0x3041 ... 0x309F, 0x30A0 ... 0x30FA, 0x30FC ... 0x30FF,    // kana
             0xAC00 ... 0xD7A3:              // Hangul syllables
            return true
        default:
            return false
        }
    }

    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        // ASCII first: Unicode property look-ups are slow and most non-CJK text is ASCII.
        if scalar.isASCII {
            let value = scalar.value
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal
    }

    /// ' ’ - _ join letters ("don't", "e-mail"); . , : join digits ("14.3", "1,103", "12:30").
    private static func isJoiner(_ scalar: Unicode.Scalar, afterDigit: Bool) -> Bool {
        switch scalar {
        case "'", "’", "-", "_": true
        case ".", ",", ":": afterDigit
        default: false
        }
    }

    /// Digit joiners only join digits: "3.5" is one number, "3.a" two words.
    private static func continues(afterJoinerWithDigit lastWasDigit: Bool, digit: Bool) -> Bool {
        !lastWasDigit || digit
    }
}
