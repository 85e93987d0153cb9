/// Takes reporters' names out of a printed byline, for author pages when a
/// page has no `authors`: `本报记者 李润钊 本报通讯员 潘书婷` gives 李润钊 and 潘书婷.
enum BylineNames {
    /// Role words printed before names, longest first so that 本报记者 wins over 记者.
    private static let roles = ["本报特约记者", "本报通讯员", "本报记者", "特约记者", "见习记者", "通讯员", "记者", "摄影", "摄"]

    static func names(in byline: String) -> [String] {
        namesByScalars(in: byline) ?? namesByCharacters(in: byline)
    }

    private static let roleScalars: [[UInt32]] = roles.map { $0.unicodeScalars.map(\.value) }

    /// Whether a scalar is one of the separators of `namesByCharacters`.
    @inline(__always)
    private static func isSeparator(_ value: UInt32) -> Bool {
        value == 0x20 || value == 0x3000 || value == 0x3001 || value == 0xFF0C || value == 0x2C
    }

    @inline(__always)
    private static func isNameScalar(_ value: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(value) || value == 0xB7
    }

    /// The same rule on scalars, for the usual byline whose every scalar is a
    /// separator, a CJK ideograph or a middle dot: each of those is a whole
    /// character on its own (none combines with a neighbour), so scalars and
    /// characters split, match and count alike. nil for any other byline.
    private static func namesByScalars(in byline: String) -> [String]? {
        let scalars = byline.unicodeScalars.map(\.value)
        guard scalars.allSatisfy({ isSeparator($0) || isNameScalar($0) }) else { return nil }
        var names: [String] = []
        var seen: [[UInt32]] = []
        for token in scalars.split(whereSeparator: isSeparator) {
            var name = token[...]
            var stripped = true
            while stripped {
                stripped = false
                for role in roleScalars where name.starts(with: role) {
                    name = name.dropFirst(role.count)
                    stripped = true
                }
                for role in roleScalars where name.count >= role.count && name.suffix(role.count).elementsEqual(role) {
                    name = name.dropLast(role.count)
                    stripped = true
                }
            }
            // Every scalar left is an ideograph or a middle dot.
            guard (2...4).contains(name.count) else { continue }
            let candidate = Array(name)
            if !seen.contains(candidate) {
                seen.append(candidate)
                var text = String.UnicodeScalarView()
                for value in candidate { if let scalar = Unicode.Scalar(value) { text.append(scalar) } }
                names.append(String(text))
            }
        }
        return names
    }

    private static func namesByCharacters(in byline: String) -> [String] {
        var names: [String] = []
        let tokens = byline.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" || $0 == "、" || $0 == "，" || $0 == "," })
        for token in tokens {
            var name = String(token)
            var stripped = true
            while stripped {
                stripped = false
                for role in roles where name.hasPrefix(role) {
                    name.removeFirst(role.count)
                    stripped = true
                }
                for role in roles where name.hasSuffix(role) {
                    name.removeLast(role.count)
                    stripped = true
                }
            }
            let isName = (2...4).contains(name.count) && name.unicodeScalars.allSatisfy { (0x4E00...0x9FFF).contains($0.value) || $0 == "·" }
            if isName, !names.contains(name) { names.append(name) }
        }
        return names
    }
}
