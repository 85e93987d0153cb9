/// Orders names of people as official Chinese name lists do; see `NameOrder` and, for the
/// exact collation, `NameSortKey`.
public enum NameSorter {
    /// Sorts items by the name each one carries. Stable: items whose names collate equal
    /// keep their order. Each name's key is computed once.
    public static func sorted<T>(_ items: [T], by order: NameOrder, name: (T) -> String) -> [T] {
        guard order != .asWritten, items.count > 1 else { return items }
        let keys = items.map { NameSortKey(name($0), order: order) }
        let positions = keys.indices.sorted { left, right in
            keys[left] == keys[right] ? left < right : keys[left] < keys[right]
        }
        return positions.map { items[$0] }
    }

    /// Whether `a` comes before `b` (an `areInIncreasingOrder` predicate). Builds both
    /// keys on every call: for sorting many names use `sorted(_:by:name:)` or `NameSortKey`.
    public static func compare(_ a: String, _ b: String, by order: NameOrder) -> Bool {
        guard order != .asWritten else { return false }
        return NameSortKey(a, order: order) < NameSortKey(b, order: order)
    }

    /// The characters of a name (ignored separators aside) that have no full stroke
    /// sequence, in order of first appearance: such a name is placed by the fallback rule
    /// (a rare character with only a stroke count after the others of that count; a
    /// character without data, or a non-Han character, after all known characters),
    /// which `check` should warn about.
    public static func charactersWithoutStrokeData(in name: String) -> [Character] {
        var seen: Set<UInt32> = []
        var result: [Character] = []
        for scalar in NameCharacters.scalars(of: name)
        where HanziTable.shared.strokeSequence(of: scalar.value) == nil && seen.insert(scalar.value).inserted {
            result.append(Character(scalar))
        }
        return result
    }
}
