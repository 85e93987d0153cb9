/// Turns heading text into `id` anchors, unique within one document.
///
/// ASCII letters and digits are kept (lower-cased); other letters, marks
/// and digits (Chinese characters, `é`, full-width `Ａ１`) are kept as they
/// are; CJK and typographic punctuation (`：，“”《》——……`) is dropped, so
/// `多元共治：三级服务体系` gives `多元共治三级服务体系`; every other run of
/// spaces, ASCII punctuation and symbols becomes one `-`, trimmed at both
/// ends (`Hello, World!` gives `hello-world`). The result holds no quote,
/// `<`, `&` or space, so it is safe in an attribute and as a URL fragment.
/// A heading with nothing left is `section`. Repeats get `-1`, `-2`, … (the
/// first free one, so a heading literally named `a-1` is never shadowed).
struct HeadingAnchorAllocator {
    private var used: Set<String> = []
    private var nextSuffix: [String: Int] = [:]

    mutating func anchor(for text: String) -> String {
        let base = Self.slug(text)
        if used.insert(base).inserted { return base }
        var suffix = nextSuffix[base, default: 1]
        while true {
            let candidate = "\(base)-\(suffix)"
            suffix += 1
            if used.insert(candidate).inserted {
                nextSuffix[base] = suffix
                return candidate
            }
        }
    }

    static func slug(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var pendingHyphen = false
        for scalar in text.unicodeScalars {
            switch kind(of: scalar) {
            case .kept(let kept):
                if pendingHyphen, !result.isEmpty { result.append("-") }
                pendingHyphen = false
                result.append(kept)
            case .separator:
                pendingHyphen = true
            case .dropped:
                break
            }
        }
        return result.isEmpty ? "section" : String(result)
    }

    private enum Kind {
        case kept(Unicode.Scalar)
        case separator
        case dropped
    }

    private static func kind(of scalar: Unicode.Scalar) -> Kind {
        let value = scalar.value
        if value < 0x80 {
            switch value {
            case 0x30...0x39, 0x61...0x7A: return .kept(scalar)
            case 0x41...0x5A: return .kept(Unicode.Scalar(UInt8(value + 0x20)))
            default: return .separator
            }
        }
        if CharacterClass.isIdeograph(scalar) { return .kept(scalar) }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber:
            return .kept(scalar)
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator:
            return .dropped
        case .spaceSeparator:
            return .separator
        default:
            // Punctuation and symbols: dropped when they belong to CJK text or
            // to typography (General Punctuation), a separator otherwise.
            let typographic = (0x2010...0x205E).contains(value)
            return CharacterClass.isCJK(scalar) || CharacterClass.isSharedPunctuation(scalar) || typographic
                ? .dropped : .separator
        }
    }
}
