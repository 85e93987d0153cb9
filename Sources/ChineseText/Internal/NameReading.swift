/// A name split into reading units: one syllable per Han character (surname-aware at the
/// start), one unit per run of other letters and digits (lowercased), and Han characters
/// that have no reading.
enum NameReading {
    enum Unit: Equatable {
        /// A Han character and its reading.
        case syllable(PinyinReading, Unicode.Scalar)
        /// A run of non-Han letters and digits, lowercased.
        case word(String)
        /// A Han character (or other symbol) without a reading.
        case unreadable(Unicode.Scalar)

        var scalars: [Unicode.Scalar] {
            switch self {
            case .syllable(_, let scalar), .unreadable(let scalar): [scalar]
            case .word(let word): Array(word.unicodeScalars)
            }
        }
    }

    static func units(of name: String) -> [Unit] {
        let scalars = NameCharacters.scalars(of: name)
        let table = HanziTable.shared
        var units: [Unit] = []
        units.reserveCapacity(scalars.count)
        let surname = surnameReadings(scalars)
        var word = ""
        func flushWord() {
            if !word.isEmpty {
                units.append(.word(word.lowercased()))
                word = ""
            }
        }
        for (position, scalar) in scalars.enumerated() {
            if NameCharacters.isHan(scalar) {
                flushWord()
                let reading = position < surname.count ? surname[position] : table.reading(of: scalar.value)
                units.append(reading.map { .syllable($0, scalar) } ?? .unreadable(scalar))
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                word.unicodeScalars.append(scalar)
            } else {
                flushWord()    // punctuation between words separates them and is dropped
            }
        }
        flushWord()
        return units
    }

    /// Readings for a surname at the start of the name, from `SurnameReadings`.
    private static func surnameReadings(_ scalars: [Unicode.Scalar]) -> [PinyinReading?] {
        let table = HanziTable.shared
        if scalars.count >= 3 {
            var compound = String.UnicodeScalarView()
            compound.append(scalars[0])
            compound.append(scalars[1])
            if let readings = SurnameReadings.compound[String(compound)] {
                return readings.map { table.reading(numbered: $0) }
            }
        }
        if scalars.count >= 2, let reading = SurnameReadings.single[Character(scalars[0])] {
            return [table.reading(numbered: reading)]
        }
        return []
    }
}
