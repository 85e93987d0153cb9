/// The characters of a printed name that take part in sorting.
///
/// Ignored (kept for display, skipped for sorting): whitespace of every kind (including the
/// full-width U+3000 used to pad two-character names, 田　华), the name dots · • ‧ ・ ･ ∙ ⋅
/// and . ．, the hyphens - ‐ ‑ －, zero-width and format characters, and variation
/// selectors.
enum NameCharacters {
    static func scalars(of name: String) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(name.unicodeScalars.count)
        for scalar in name.unicodeScalars where !isIgnored(scalar) {
            result.append(scalar)
        }
        return result
    }

    static func isIgnored(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00B7, 0x2022, 0x2027, 0x30FB, 0xFF65, 0x2219, 0x22C5, 0x002E, 0xFF0E:
            return true    // name dots
        case 0x002D, 0x2010, 0x2011, 0xFF0D:
            return true    // hyphens
        case 0xFE00 ... 0xFE0F, 0xE0100 ... 0xE01EF:
            return true    // variation selectors
        default:
            if scalar.properties.isWhitespace { return true }
            return scalar.properties.generalCategory == .format
        }
    }

    /// Han ideographs (the CJK Unified Ideographs blocks and compatibility ideographs).
    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3400 ... 0x4DBF, 0x4E00 ... 0x9FFF, 0xF900 ... 0xFAFF, 0x20000 ... 0x323AF:
            return true
        default:
            return false
        }
    }
}
