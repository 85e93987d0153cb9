/// Stroke data of single characters (mainland counting: 阝 is 2 strokes, 辶 3).
///
/// Data: the generated table in `Generated/StrokeData.swift` (rime-stroke, LGPL-3, checked
/// against Unihan kTotalStrokes; see `scripts/gen_stroke_table.py`).
public enum Strokes {
    /// The stroke sequence of a character, or nil when the table has none.
    public static func sequence(of character: Character) -> [Stroke]? {
        guard let scalar = character.unicodeScalars.first,
              let span = HanziTable.shared.strokeSequence(of: scalar.value)
        else { return nil }
        return span.compactMap(Stroke.init(rawValue:))
    }

    /// The mainland stroke count, or nil when unknown. Some rare characters have a count
    /// from Unihan but no sequence.
    public static func count(of character: Character) -> Int? {
        guard let scalar = character.unicodeScalars.first else { return nil }
        return HanziTable.shared.strokeCount(of: scalar.value)
    }
}
