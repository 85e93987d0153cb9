/// One published page as search sees it: what is shown in a result and the
/// text that is indexed, by field.
public struct SearchDocument: Sendable, Hashable {
    /// The page's link as the site writes it (base path included).
    public var url: String
    public var title: String
    /// The date as shown (`2025年6月7日`).
    public var date: String
    /// The section's title, shown beside the date.
    public var section: String
    /// People named on a roster or profile: ranked with the title.
    public var names: [String]
    /// Kicker, subtitle, tags, region, authors and the like.
    public var meta: [String]
    /// The body without markup.
    public var body: String

    public init(url: String, title: String, date: String, section: String, names: [String], meta: [String], body: String) {
        self.url = url
        self.title = title
        self.date = date
        self.section = section
        self.names = names
        self.meta = meta
        self.body = body
    }

    /// The terms of every field, compact enough to keep for every page of a
    /// large site until the index is written.
    public func record() -> SearchRecord {
        var collector = SearchTermCollector()
        collector.add(title, field: .title)
        for name in names { collector.add(name, field: .title) }
        for text in meta { collector.add(text, field: .meta) }
        collector.add(body, field: .body)
        return collector.record()
    }

    /// The fragment file: JSON with fixed key order, stored as UTF-16LE
    /// (two bytes per Chinese character instead of UTF-8's three). Keys:
    /// `u` url, `t` title, `d` date, `s` section, `n` names, `m` meta, `b` body.
    public func fragment() -> [UInt8] {
        var out = FragmentWriter(capacity: FragmentWriter.capacity(for: [url, title, date, section, body] + names + meta))
        out.raw("{\"u\":")
        out.string(url)
        out.raw(",\"t\":")
        out.string(title)
        out.raw(",\"d\":")
        out.string(date)
        out.raw(",\"s\":")
        out.string(section)
        out.raw(",\"n\":")
        out.array(names)
        out.raw(",\"m\":")
        out.array(meta)
        out.raw(",\"b\":")
        out.string(body)
        out.raw("}")
        return out.finish()
    }
}

/// Writes JSON straight into UTF-16LE bytes, escaping on code units. Units
/// go into a buffer with room for the worst case (every unit escaped as
/// `\u00XX`), so writing one needs no capacity or uniqueness check.
private struct FragmentWriter {
    private var units: UnsafeMutableBufferPointer<UInt16>
    private var count = 0

    init(capacity: Int) {
        units = .allocate(capacity: capacity)
    }

    /// Units the fragment of these texts can take at most.
    static func capacity(for texts: [String]) -> Int {
        // A string has no more UTF-16 units than UTF-8 bytes (and counting
        // the units of a non-ASCII string is slow).
        texts.reduce(64) { $0 + 6 * $1.utf8.count + 8 }
    }

    @inline(__always)
    mutating func unit(_ value: UInt16) {
        units[count] = value
        count += 1
    }

    mutating func raw(_ ascii: StaticString) {
        ascii.withUTF8Buffer { for byte in $0 { unit(UInt16(byte)) } }
    }

    mutating func string(_ text: String) {
        unit(0x22)
        var text = text
        text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                // Strings hold valid UTF-8: decode without checks.
                let lead = UInt32(bytes[index])
                if lead < 0x80 {
                    escapeOrWrite(UInt16(lead))
                    index += 1
                    continue
                }
                let scalar = ValidUTF8.multiByteScalar(bytes, lead: lead, at: &index)
                if scalar < 0x10000 {
                    unit(UInt16(scalar))
                } else {
                    let offset = scalar - 0x10000
                    unit(UInt16(0xD800 + (offset >> 10)))
                    unit(UInt16(0xDC00 + (offset & 0x3FF)))
                }
            }
        }
        unit(0x22)
    }

    /// An ASCII unit, escaped as JSON needs.
    @inline(__always)
    private mutating func escapeOrWrite(_ value: UInt16) {
        let digits: StaticString = "0123456789abcdef"
        switch value {
        case 0x22, 0x5C:
            unit(0x5C)
            unit(value)
        case 0x0A: raw("\\n")
        case 0x09: raw("\\t")
        case 0x0D: raw("\\r")
        case 0..<0x20:
            raw("\\u00")
            digits.withUTF8Buffer { digits in
                unit(UInt16(digits[Int(value >> 4)]))
                unit(UInt16(digits[Int(value & 0xF)]))
            }
        default:
            unit(value)
        }
    }

    mutating func array(_ texts: [String]) {
        unit(0x5B)
        for (position, text) in texts.enumerated() {
            if position > 0 { unit(0x2C) }
            string(text)
        }
        unit(0x5D)
    }

    /// The units as little-endian bytes; frees the buffer.
    mutating func finish() -> [UInt8] {
        let units = self.units
        let count = self.count
        let result = [UInt8](unsafeUninitializedCapacity: 2 * count) { buffer, initialized in
            for index in 0..<count {
                buffer[2 * index] = UInt8(truncatingIfNeeded: units[index])
                buffer[2 * index + 1] = UInt8(truncatingIfNeeded: units[index] >> 8)
            }
            initialized = 2 * count
        }
        units.deallocate()
        return result
    }
}
