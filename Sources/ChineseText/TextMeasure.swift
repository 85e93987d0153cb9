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
        var count = 0
        var inWord = false
        var pendingJoiner = false      // a joiner after a word, kept if the word goes on
        var lastWasDigit = false
        for scalar in text.unicodeScalars {
            if isCJK(scalar) {
                count += 1
                inWord = false
                pendingJoiner = false
            } else if isWordCharacter(scalar) {
                let digit = scalar.properties.numericType != nil
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
