import FrontMatter

/// A publication date as written: a day, or a day and time with a UTC offset
/// (the site's offset when the source gives none).
public struct PageDate: Sendable, Hashable, Comparable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var utcOffsetSeconds: Int
    /// False for a plain date: it is shown without a time.
    public var hasTime: Bool

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, utcOffsetSeconds: Int, hasTime: Bool) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.utcOffsetSeconds = utcOffsetSeconds
        self.hasTime = hasTime
    }

    /// Reads a front matter date or date-time; `nil` for any other value.
    public init?(_ node: YAMLNode, siteOffsetSeconds: Int) {
        switch node.value {
        case .date(let date):
            self.init(year: date.year, month: date.month, day: date.day, utcOffsetSeconds: siteOffsetSeconds, hasTime: false)
        case .dateTime(let dateTime):
            self.init(
                year: dateTime.date.year, month: dateTime.date.month, day: dateTime.date.day,
                hour: dateTime.hour, minute: dateTime.minute, second: dateTime.second,
                utcOffsetSeconds: dateTime.utcOffsetSeconds ?? siteOffsetSeconds, hasTime: true
            )
        default:
            return nil
        }
    }

    /// Seconds since 1970-01-01T00:00:00Z, for ordering and the future-page check.
    public var epochSeconds: Int {
        Self.daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3_600 + minute * 60 + second - utcOffsetSeconds
    }

    public static func < (lhs: PageDate, rhs: PageDate) -> Bool {
        lhs.epochSeconds < rhs.epochSeconds
    }

    /// `2025年6月6日`, the form Chinese newspapers print.
    public var chinese: String { "\(year)年\(month)月\(day)日" }

    /// `2025-06-06`.
    public var isoDate: String { "\(Self.pad(year, 4))-\(Self.pad(month))-\(Self.pad(day))" }

    /// `2025-06-06T09:30:00+08:00`, for `<time datetime>`, Atom and sitemaps.
    public var rfc3339: String {
        let sign = utcOffsetSeconds < 0 ? "-" : "+"
        let offset = abs(utcOffsetSeconds)
        return "\(isoDate)T\(Self.pad(hour)):\(Self.pad(minute)):\(Self.pad(second))\(sign)\(Self.pad(offset / 3600)):\(Self.pad(offset % 3600 / 60))"
    }

    /// `datetime` attribute value: the date alone when no time was written.
    public var machineReadable: String { hasTime ? rfc3339 : isoDate }

    private static func pad(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of an instant seen at a UTC offset (used for `new` and the build's notion of "now").
    public static func at(epochSeconds: Int, utcOffsetSeconds: Int) -> PageDate {
        let local = epochSeconds + utcOffsetSeconds
        let days = Int((Double(local) / 86_400).rounded(.down))
        let secondsOfDay = local - days * 86_400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return PageDate(
            year: year, month: month, day: day,
            hour: secondsOfDay / 3600, minute: secondsOfDay % 3600 / 60, second: secondsOfDay % 60,
            utcOffsetSeconds: utcOffsetSeconds, hasTime: true
        )
    }
}
