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
        var out = FragmentWriter()
        out.bytes.reserveCapacity(body.utf8.count + 1024)
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
        return out.bytes
    }
}

/// Writes JSON straight into UTF-16LE bytes, escaping on code units.
private struct FragmentWriter {
    var bytes: [UInt8] = []

    @inline(__always)
    mutating func unit(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    mutating func raw(_ ascii: StaticString) {
        ascii.withUTF8Buffer { for byte in $0 { unit(UInt16(byte)) } }
    }

    mutating func string(_ text: String) {
        unit(0x22)
        for value in text.utf16 {
            switch value {
            case 0x22, 0x5C:
                unit(0x5C)
                unit(value)
            case 0x0A: raw("\\n")
            case 0x09: raw("\\t")
            case 0x0D: raw("\\r")
            case 0..<0x20:
                raw("\\u00")
                let digits: [UInt16] = Array("0123456789abcdef".utf16)
                unit(digits[Int(value >> 4)])
                unit(digits[Int(value & 0xF)])
            default:
                unit(value)
            }
        }
        unit(0x22)
    }

    mutating func array(_ texts: [String]) {
        unit(0x5B)
        for (position, text) in texts.enumerated() {
            if position > 0 { unit(0x2C) }
            string(text)
        }
        unit(0x5D)
    }
}
