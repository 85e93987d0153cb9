/// A precomputed collation key for one name under one `NameOrder`: compare keys instead of
/// names when the same names are compared many times.
///
/// Keys are byte strings compared lexicographically; how they are built is the collation:
///
/// Stroke key of one character (`stroke`, `stroke-fullname`, and the pinyin tie-break):
/// stroke count, then the stroke classes one by one (横 1 竖 2 撇 3 点 4 折 5), then a
/// tie-break for characters whose sequences are identical: 干 before 于, 巴 before 孔,
/// otherwise by code point. (The five classes cannot tell 竖 from 竖钩 or one 折 from
/// another, so 113 groups of the 3,500 level-1 characters share a sequence, e.g. 吕/同,
/// 甲/申, 田/由; official lists separate them by stroke subtype, which this data lacks.) A character that has only a stroke count (a few rare
/// 通用规范 characters) sorts after every character of that count with a full sequence;
/// a character without any data sorts after all known characters, by code point.
///
/// `stroke`: key of the first character, then whether the name has at most two characters
/// (单名在前: 王蒙 before 王文教), then the keys of the following characters.
/// `stroke-fullname`: the keys of all characters.
/// `pinyin`: toneless letters of all syllables (ü as u, syllable by syllable), then ü,
/// then tones 1-4 and neutral, then the stroke keys. Latin words take part as lowercase
/// letters; characters without a reading sort after all letters, by code point.
public struct NameSortKey: Sendable, Hashable, Comparable {
    let bytes: [UInt8]

    public init(_ name: String, order: NameOrder) {
        switch order {
        case .asWritten: bytes = []
        case .stroke: bytes = Self.strokeKey(NameCharacters.scalars(of: name), singleNameFirst: true)
        case .strokeFullName: bytes = Self.strokeKey(NameCharacters.scalars(of: name), singleNameFirst: false)
        case .pinyin: bytes = Self.pinyinKey(name)
        }
    }

    public static func < (lhs: NameSortKey, rhs: NameSortKey) -> Bool {
        lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }

    // MARK: Stroke keys

    static let noDataMarker: UInt8 = 0xFF
    private static let fullSequence: UInt8 = 0
    private static let countOnly: UInt8 = 1

    /// Characters whose stroke sequences are identical to another's, placed right after it
    /// (the official lists print 干 before 于 and 巴 before 孔).
    private static let placedAfter: [UInt32: UInt32] = [
        0x4E8E: 0x5E72,    // 于 after 干
        0x5B54: 0x5DF4,    // 孔 after 巴
    ]

    private static func strokeKey(_ scalars: [Unicode.Scalar], singleNameFirst: Bool) -> [UInt8] {
        var key: [UInt8] = []
        key.reserveCapacity(scalars.count * 16 + 1)
        for (position, scalar) in scalars.enumerated() {
            appendStrokeKey(of: scalar, to: &key)
            if position == 0, singleNameFirst {
                key.append(scalars.count <= 2 ? 0 : 1)
            }
        }
        return key
    }

    static func appendStrokeKey(of scalar: Unicode.Scalar, to key: inout [UInt8]) {
        let table = HanziTable.shared
        if let sequence = table.strokeSequence(of: scalar.value) {
            key.append(UInt8(clamping: sequence.count))
            key.append(fullSequence)
            key.append(contentsOf: sequence)
        } else if let count = table.strokeCountOnly(of: scalar.value) {
            key.append(UInt8(clamping: count))
            key.append(countOnly)
        } else {
            key.append(noDataMarker)
        }
        let tie = placedAfter[scalar.value].map { $0 << 1 | 1 } ?? scalar.value << 1
        key.append(UInt8(truncatingIfNeeded: tie >> 16))
        key.append(UInt8(truncatingIfNeeded: tie >> 8))
        key.append(UInt8(truncatingIfNeeded: tie))
    }

    // MARK: Pinyin keys

    private static let syllableEnd: UInt8 = 1
    private static let levelEnd: UInt8 = 0
    private static let unknownReading: UInt8 = 0xFE

    private static func pinyinKey(_ name: String) -> [UInt8] {
        let units = NameReading.units(of: name)
        let table = HanziTable.shared
        var key: [UInt8] = []
        key.reserveCapacity(units.count * 24)
        for unit in units {
            switch unit {
            case .syllable(let reading, _):
                key.append(contentsOf: table.syllableLetters[reading.syllable])
            case .word(let word):
                key.append(contentsOf: word.utf8)
            case .unreadable(let scalar):
                key.append(unknownReading)
                key.append(UInt8(truncatingIfNeeded: scalar.value >> 16))
                key.append(UInt8(truncatingIfNeeded: scalar.value >> 8))
                key.append(UInt8(truncatingIfNeeded: scalar.value))
            }
            key.append(syllableEnd)
        }
        key.append(levelEnd)
        for unit in units {
            if case .syllable(let reading, _) = unit {
                key.append(table.syllableHasUmlaut[reading.syllable] ? 1 : 0)
            } else {
                key.append(0)
            }
        }
        for unit in units {
            if case .syllable(let reading, _) = unit {
                key.append(UInt8(reading.tone))
            } else {
                key.append(0)
            }
        }
        for unit in units {
            for scalar in unit.scalars { appendStrokeKey(of: scalar, to: &key) }
        }
        return key
    }
}
