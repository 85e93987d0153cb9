import Foundation

/// Turns a `timezone` setting into a UTC offset. Site time zones in this
/// domain have no daylight saving, so one offset serves every date.
enum TimeZones {
    static func offsetSeconds(_ name: String) -> Int? {
        if let offset = parseOffset(name) { return offset }
        guard let zone = TimeZone(identifier: name) else { return nil }
        // A fixed reference instant keeps the build independent of today's date.
        return zone.secondsFromGMT(for: Date(timeIntervalSince1970: 1_750_000_000))
    }

    /// `+08:00`, `-05:30`, `UTC`.
    private static func parseOffset(_ text: String) -> Int? {
        if text == "UTC" || text == "Z" { return 0 }
        let scalars = Array(text.utf8)
        guard scalars.count == 6, scalars[0] == UInt8(ascii: "+") || scalars[0] == UInt8(ascii: "-"), scalars[3] == UInt8(ascii: ":") else { return nil }
        guard let hours = Int(text.dropFirst().prefix(2)), let minutes = Int(text.suffix(2)), hours < 24, minutes < 60 else { return nil }
        let value = hours * 3600 + minutes * 60
        return scalars[0] == UInt8(ascii: "-") ? -value : value
    }
}
