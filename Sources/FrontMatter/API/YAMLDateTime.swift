/// A date and time of day as written (`2025-06-06T09:30:00+08:00`,
/// `2025-06-06 09:30`). `utcOffsetSeconds` is `nil` when the source gives
/// no zone: the site's time zone applies then, which this module does not know.
public struct YAMLDateTime: Sendable, Hashable {
    public var date: YAMLDate
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var nanosecond: Int
    public var utcOffsetSeconds: Int?

    public init(date: YAMLDate, hour: Int, minute: Int, second: Int = 0, nanosecond: Int = 0, utcOffsetSeconds: Int? = nil) {
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
        self.nanosecond = nanosecond
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// ISO 8601 with the offset always written: the source's, else `defaultOffsetSeconds`.
    /// Fractional seconds appear only when present, without trailing zeros.
    public func iso8601(defaultOffsetSeconds: Int) -> String {
        var text = date.description + "T" + TimeText.digits(hour, 2) + ":" + TimeText.digits(minute, 2)
            + ":" + TimeText.digits(second, 2)
        if nanosecond > 0 {
            var fraction = TimeText.digits(nanosecond, 9)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text + TimeText.offset(utcOffsetSeconds ?? defaultOffsetSeconds)
    }
}
