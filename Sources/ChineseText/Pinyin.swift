/// Mandarin readings of names (Unihan kMandarin, the customary mainland reading), with
/// the surname reading for a surname at the start (单 Shàn, 曾 Zēng, 尉迟 Yùchí, ...; see
/// `SurnameReadings`). A heteronym elsewhere in a name gets its customary reading.
public enum Pinyin {
    /// The reading of a name: toneless lowercase syllables separated by spaces, ü kept as
    /// `ü` (吕 → "lü"). Runs of other letters and digits appear lowercased as one unit;
    /// a Han character without a reading appears as itself; separators and punctuation
    /// are dropped.
    public static func reading(of name: String) -> String {
        render(name, tones: false)
    }

    /// The reading with tone numbers (5 = neutral): 曾国藩 → "zeng1 guo2 fan1".
    public static func numberedReading(of name: String) -> String {
        render(name, tones: true)
    }

    /// The uppercase initial letter A–Z of a name's reading, for grouping an index; nil
    /// when the name does not start with a character that has a Latin reading.
    public static func initial(of name: String) -> Character? {
        guard let first = NameReading.units(of: name).first else { return nil }
        let letter: Unicode.Scalar?
        switch first {
        case .syllable(let reading, _):
            letter = HanziTable.shared.syllableLetters[reading.syllable].first.map { Unicode.Scalar($0) }
        case .word(let word):
            letter = word.unicodeScalars.first
        case .unreadable:
            letter = nil
        }
        guard let letter, ("a" ... "z").contains(letter) || ("A" ... "Z").contains(letter) else { return nil }
        return Character(Unicode.Scalar(letter.value & ~0x20) ?? letter)
    }

    private static func render(_ name: String, tones: Bool) -> String {
        let table = HanziTable.shared
        var parts: [String] = []
        for unit in NameReading.units(of: name) {
            switch unit {
            case .syllable(let reading, _):
                let syllable = table.syllables[reading.syllable]
                parts.append(tones ? syllable + String(reading.tone) : syllable)
            case .word(let word):
                parts.append(word)
            case .unreadable(let scalar):
                parts.append(String(Character(scalar)))
            }
        }
        return parts.joined(separator: " ")
    }
}
