/// A calendar date as written (`2025-06-06`), without a time zone.
public struct YAMLDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public static func < (lhs: YAMLDate, rhs: YAMLDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `2025-06-06`.
    public var description: String {
        TimeText.digits(year, 4) + "-" + TimeText.digits(month, 2) + "-" + TimeText.digits(day, 2)
    }

    /// Whether the date exists in the proleptic Gregorian calendar.
    public var isValid: Bool {
        (1...12).contains(month) && day >= 1 && day <= YAMLDate.daysIn(month: month, year: year)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// Zero-padded number formatting without Foundation.
enum TimeText {
    static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// `+08:00`, `-05:00`, `+00:00`.
    static func offset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        return sign + digits(minutes / 60, 2) + ":" + digits(minutes % 60, 2)
    }
}
