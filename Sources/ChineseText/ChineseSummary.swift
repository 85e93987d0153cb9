/// Cuts a plain-text paragraph down to a teaser.
///
/// Rule (content format, "summary"): characters are user-perceived characters (one Chinese
/// character is one; a character is never split). Surrounding whitespace, including the
/// full-width indent 　　, is trimmed first.
/// 1. If the text has at most `maxCharacters` characters, it is returned whole.
/// 2. Otherwise the result is the longest prefix of at most `maxCharacters` characters that
///    ends at a sentence end: one of 。！？； together with the closing marks (” ’ 」 』 ） 》)
///    and further end marks directly after it (。” or ？！), which must all fit in the limit.
/// 3. If the first `maxCharacters` characters hold no sentence end, they are cut there,
///    trailing whitespace is dropped, and "……" is appended.
/// A limit of 0 or less gives "".
public enum ChineseSummary {
    public static let ellipsis = "……"

    public static func cut(_ text: String, maxCharacters: Int) -> String {
        guard maxCharacters > 0 else { return "" }
        let trimmed = trimmingWhitespace(text)
        var index = trimmed.startIndex
        var count = 0
        var completeEnd: String.Index?    // end of the last complete run of end marks
        var runEnd: String.Index?         // end of the run of end marks being read
        while index < trimmed.endIndex {
            let character = trimmed[index]
            if count == maxCharacters {
                // The text does not fit. A run of end marks that goes on past the limit
                // (。” with ” outside) does not count.
                let runGoesOn = runEnd != nil && (isSentenceEnd(character) || isClosingMark(character))
                if let end = runGoesOn ? completeEnd : (runEnd ?? completeEnd) {
                    return String(trimmed[..<end])
                }
                return trimmingWhitespace(trimmed[..<index]) + ellipsis
            }
            count += 1
            index = trimmed.index(after: index)
            if isSentenceEnd(character) || (runEnd != nil && isClosingMark(character)) {
                runEnd = index
            } else if let end = runEnd {
                completeEnd = end
                runEnd = nil
            }
        }
        return trimmed
    }

    /// Whether `character` is one of 。！？；. Tested on its one scalar
    /// rather than through a `Set<Character>`, whose hashing normalizes
    /// every character: none of these has a canonical equivalent, so a
    /// character equals one of them exactly when it is that single scalar.
    private static func isSentenceEnd(_ character: Character) -> Bool {
        switch singleScalar(of: character) {
        case 0x3002, 0xFF01, 0xFF1F, 0xFF1B: true
        default: false
        }
    }

    /// Whether `character` is one of ” ’ 」 』 ） 》 (see `isSentenceEnd`).
    private static func isClosingMark(_ character: Character) -> Bool {
        switch singleScalar(of: character) {
        case 0x201D, 0x2019, 0x300D, 0x300F, 0xFF09, 0x300B: true
        default: false
        }
    }

    /// The scalar value of a character made of one scalar; nil otherwise.
    @inline(__always)
    private static func singleScalar(of character: Character) -> UInt32? {
        var scalars = character.unicodeScalars.makeIterator()
        guard let first = scalars.next(), scalars.next() == nil else { return nil }
        return first.value
    }

    private static func trimmingWhitespace<S: StringProtocol>(_ text: S) -> String {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
              let last = text.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(text[first ... last])
    }
}
