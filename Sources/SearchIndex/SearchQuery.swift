/// A query as the index sees it: parts separated by spaces or punctuation,
/// each a phrase that must occur in one field of a page. A part's terms are
/// the words and enough bigrams to cover its Chinese characters (every other
/// pair, plus the last); the fragment check then confirms the whole phrase.
public struct SearchQuery: Sendable, Equatable {
    public struct Part: Sendable, Equatable {
        /// The folded scalars of the phrase.
        public var scalars: [UInt32]
        public var terms: [String]
        /// True when the terms alone prove the phrase (one term that is the
        /// whole part), so no fragment check can drop a match.
        public var isExact: Bool
    }

    public var parts: [Part]

    /// Longer queries are cut, so no query fetches an unbounded number of shards.
    public static let maxLength = 64
    /// A part is looked up by at most this many terms; the fragment check
    /// still confirms all of it.
    public static let maxTermsPerPart = 4

    public init(_ text: String) {
        var parts: [Part] = []
        var run: [UInt32] = []
        func finishRun() {
            if !run.isEmpty { parts.append(Self.part(run)) }
            run.removeAll()
        }
        for scalar in text.unicodeScalars.prefix(Self.maxLength) {
            let v = SearchCharacters.fold(scalar.value)
            if SearchCharacters.isGram(v) || SearchCharacters.isWord(v) {
                run.append(v)
            } else {
                finishRun()
            }
        }
        finishRun()
        self.parts = parts
    }

    /// Every term of every part, once each, in first-use order.
    public var terms: [String] {
        var seen = Set<String>()
        return parts.flatMap(\.terms).filter { seen.insert($0).inserted }
    }

    private static func part(_ scalars: [UInt32]) -> Part {
        var terms: [String] = []
        var index = 0
        var segments = 0
        while index < scalars.count {
            var end = index + 1
            let gram = SearchCharacters.isGram(scalars[index])
            while end < scalars.count, SearchCharacters.isGram(scalars[end]) == gram { end += 1 }
            segments += 1
            let segment = Array(scalars[index..<end])
            if !gram {
                terms.append(string(segment))
            } else if segment.count == 1 {
                terms.append(string(segment))
            } else {
                var start = 0
                while start + 1 < segment.count {
                    terms.append(string(Array(segment[start...start + 1])))
                    start += 2
                }
                if segment.count % 2 == 1 { terms.append(string(Array(segment[(segment.count - 2)...]))) }
            }
            index = end
        }
        let exact = segments == 1 && terms.count == 1
        return Part(scalars: scalars, terms: Array(terms.prefix(maxTermsPerPart)), isExact: exact)
    }

    private static func string(_ scalars: [UInt32]) -> String {
        var view = String.UnicodeScalarView()
        for value in scalars { if let scalar = Unicode.Scalar(value) { view.append(scalar) } }
        return String(view)
    }

    /// True when the folded phrase occurs in `text`, with whole words at its
    /// ends: a part starting with a letter or digit must not start inside a
    /// word, and likewise at its end. Chinese characters match anywhere.
    public static func occurs(_ phrase: [UInt32], in text: String) -> Bool {
        firstOccurrence(phrase, in: text.unicodeScalars.map { SearchCharacters.fold($0.value) }) != nil
    }

    static func firstOccurrence(_ phrase: [UInt32], in text: [UInt32]) -> Int? {
        guard let first = phrase.first, let last = phrase.last, phrase.count <= text.count else { return nil }
        let wordStart = SearchCharacters.isWord(first)
        let wordEnd = SearchCharacters.isWord(last)
        var start = 0
        while start + phrase.count <= text.count {
            if text[start] == first, text[start..<(start + phrase.count)].elementsEqual(phrase) {
                let end = start + phrase.count
                let leftOK = !wordStart || start == 0 || !SearchCharacters.isWord(text[start - 1])
                let rightOK = !wordEnd || end == text.count || !SearchCharacters.isWord(text[end])
                if leftOK && rightOK { return start }
            }
            start += 1
        }
        return nil
    }
}
