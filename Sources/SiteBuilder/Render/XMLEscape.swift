/// Escapes text for XML content and attribute values (feeds, sitemaps).
/// Characters XML 1.0 does not allow at all (C0 controls other than tab,
/// line feed and carriage return; U+FFFE and U+FFFF) cannot be escaped, and
/// one of them makes the whole feed unreadable: they become U+FFFD.
enum XMLEscape {
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: needsWork) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                out.unicodeScalars.append("\u{FFFD}")
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The bytes that may start something to replace: the five markup
    /// characters, C0 controls, and 0xEF (the lead byte of U+FFFE and U+FFFF).
    private static func needsWork(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27 || byte == 0xEF
    }
}
