/// Character classes used by the CJK rules (soft breaks, emphasis flanking,
/// heading anchors). Only called for the few characters next to a soft break,
/// a `*`/`_` run or inside a heading, so the Unicode property lookups stay off
/// the hot path.
enum CharacterClass {
    /// Whitespace as CommonMark (and cmark 0.30) defines it for flanking:
    /// tab, line feed, form feed, carriage return, space, and category Zs.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0C, 0x0D, 0x20: return true
        // The whole of category Zs, which Unicode keeps stable.
        case 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// Punctuation as cmark 0.30 defines it: ASCII punctuation, or a Unicode
    /// character of a P category (full-width `，。：“”《》` are all P).
    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return isASCIIPunctuation(UInt8(scalar.value)) }
        if isIdeograph(scalar) { return false }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// Punctuation that opens: brackets and opening quotes (`（《「“`).
    static func isOpeningPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .openPunctuation, .initialPunctuation: return true
        default: return false
        }
    }

    /// Punctuation that cannot begin a phrase: closing brackets and quotes,
    /// and the marks that end a clause or sentence (`，。、；：！？…`).
    static func isClosingPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x21, 0x2C, 0x2E, 0x3A, 0x3B, 0x3F, 0x2026, 0x3001, 0x3002,
             0xFF01, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F:
            return true
        default:
            switch scalar.properties.generalCategory {
            case .closePunctuation, .finalPunctuation: return true
            default: return false
            }
        }
    }

    static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: return true
        default: return false
        }
    }

    /// A character of a script written without spaces between words, or the
    /// punctuation and full-width forms that go with it: Han ideographs,
    /// kana, bopomofo, the CJK Symbols and Punctuation block (`。《》`), and the
    /// half-width and full-width forms (`，：！`). Hangul is left out: Korean
    /// separates words with spaces, so a line break there is a space.
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x2E80 { return false }
        switch value {
        case 0x2E80...0x2FDF,   // CJK radicals, Kangxi radicals
             0x2FF0...0x2FFF,   // ideographic description characters
             0x3000...0x303F,   // CJK symbols and punctuation
             0x3040...0x30FF,   // hiragana, katakana
             0x3100...0x312F,   // bopomofo
             0x3190...0x31FF,   // kanbun, bopomofo extended, strokes, katakana extension
             0x3200...0x33FF,   // enclosed CJK, CJK compatibility
             0x3400...0x4DBF,   // extension A
             0x4E00...0x9FFF,   // unified ideographs
             0xF900...0xFAFF,   // compatibility ideographs
             0xFE10...0xFE1F,   // vertical forms
             0xFE30...0xFE6F,   // compatibility forms, small form variants
             0xFF00...0xFFEF,   // half-width and full-width forms
             0x1B000...0x1B16F, // kana supplement and extensions
             0x20000...0x3FFFF: // extensions B and later, compatibility supplement
            return true
        default:
            return false
        }
    }

    /// A Han ideograph (a letter), the commonest character of the text.
    static func isIdeograph(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF: return true
        default: return false
        }
    }

    /// Punctuation shared by Chinese and Western text (`“” ‘’ —— …… ·`): it
    /// takes its side from the character on the other side of a line break.
    static func isSharedPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00B7, 0x2014, 0x2015, 0x2018, 0x2019, 0x201C, 0x201D, 0x2025, 0x2026, 0x2E3A, 0x2E3B:
            return true
        default:
            return false
        }
    }

    /// Whether a soft line break between `before` and `after` joins the two
    /// lines without a space: both sides are CJK or shared punctuation, and at
    /// least one side is CJK (`“好”\n“对”` keeps its space, as in English).
    static func joinsWithoutSpace(_ before: Unicode.Scalar, _ after: Unicode.Scalar) -> Bool {
        let beforeCJK = isCJK(before)
        let afterCJK = isCJK(after)
        guard beforeCJK || afterCJK else { return false }
        return (beforeCJK || isSharedPunctuation(before)) && (afterCJK || isSharedPunctuation(after))
    }
}
