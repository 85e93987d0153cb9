/// Gives a plain (unquoted) scalar its type, exactly as the YAML 1.2 core
/// schema does (null, booleans, integers, floats, else string), plus YAML 1.1
/// timestamps for dates and date-times. `12:30`, `yes` and `on` stay strings;
/// `007` is the integer 7.
enum ScalarResolver {
    /// A scalar that has the shape of a number or date but no valid value
    /// (`2025-02-30`, an integer beyond 64 bits).
    struct Problem: Error {
        var message: String
    }

    static func resolve(_ bytes: [UInt8], _ start: Int, _ end: Int) throws(Problem) -> YAMLValue {
        guard end > start else { return .null }
        let first = bytes[start]
        switch first {
        case 0x7E: // ~
            if end - start == 1 { return .null }
        case 0x6E, 0x4E: // n N
            if matches(bytes, start, end, "null", "Null", "NULL") { return .null }
        case 0x74, 0x54: // t T
            if matches(bytes, start, end, "true", "True", "TRUE") { return .bool(true) }
        case 0x66, 0x46: // f F
            if matches(bytes, start, end, "false", "False", "FALSE") { return .bool(false) }
        case ASCII.zero...ASCII.nine, ASCII.plus, ASCII.minus, ASCII.period:
            if let number = try number(bytes, start, end) { return number }
            if ASCII.isDigit(first), let timestamp = try timestamp(bytes, start, end) { return timestamp }
        default:
            break
        }
        return .string(String(decoding: bytes[start..<end], as: UTF8.self))
    }

    private static func matches(_ bytes: [UInt8], _ start: Int, _ end: Int, _ words: StaticString...) -> Bool {
        for word in words where word.utf8CodeUnitCount == end - start {
            let equal = word.withUTF8Buffer { buffer in
                var index = 0
                while index < buffer.count {
                    if buffer[index] != bytes[start + index] { return false }
                    index += 1
                }
                return true
            }
            if equal { return true }
        }
        return false
    }

    // MARK: Numbers

    /// Integers `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`; floats
    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?.inf`, `.nan`.
    private static func number(_ bytes: [UInt8], _ start: Int, _ end: Int) throws(Problem) -> YAMLValue? {
        var index = start
        let sign = bytes[index]
        let signed = sign == ASCII.plus || sign == ASCII.minus
        if signed { index += 1 }
        guard index < end else { return nil }

        if bytes[index] == ASCII.period && end - index == 4 {
            if matches(bytes, index + 1, end, "inf", "Inf", "INF") {
                return .float(sign == ASCII.minus ? -Double.infinity : Double.infinity)
            }
            if !signed && matches(bytes, index + 1, end, "nan", "NaN", "NAN") { return .float(Double.nan) }
        }
        if !signed && bytes[index] == ASCII.zero && end - index > 2 {
            let marker = bytes[index + 1]
            if marker == 0x78 { return try radixInteger(bytes, index + 2, end, radix: 16) } // 0x
            if marker == 0x6F { return try radixInteger(bytes, index + 2, end, radix: 8) } // 0o
        }

        var cursor = index
        while cursor < end && ASCII.isDigit(bytes[cursor]) { cursor += 1 }
        let integerDigits = cursor - index
        if cursor == end {
            return integerDigits > 0 ? try decimalInteger(bytes, index, end, negative: sign == ASCII.minus) : nil
        }
        var fractionDigits = 0
        if bytes[cursor] == ASCII.period {
            cursor += 1
            while cursor < end && ASCII.isDigit(bytes[cursor]) {
                cursor += 1
                fractionDigits += 1
            }
        }
        if integerDigits == 0 && fractionDigits == 0 { return nil }
        if cursor < end && (bytes[cursor] == 0x65 || bytes[cursor] == 0x45) { // e E
            cursor += 1
            if cursor < end && (bytes[cursor] == ASCII.plus || bytes[cursor] == ASCII.minus) { cursor += 1 }
            let exponentStart = cursor
            while cursor < end && ASCII.isDigit(bytes[cursor]) { cursor += 1 }
            if cursor == exponentStart { return nil }
        }
        guard cursor == end else { return nil }
        // The text matched the core-schema float pattern, which Double's parser accepts.
        guard let value = Double(String(decoding: bytes[start..<end], as: UTF8.self)) else { return nil }
        return .float(value)
    }

    private static func decimalInteger(_ bytes: [UInt8], _ start: Int, _ end: Int, negative: Bool) throws(Problem) -> YAMLValue {
        // Accumulate negatively so that Int.min fits.
        var value = 0
        for index in start..<end {
            let digit = Int(bytes[index] - ASCII.zero)
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = times10.subtractingReportingOverflow(digit)
            if overflow1 || overflow2 { throw tooLarge(bytes, start, end) }
            value = next
        }
        if negative { return .int(value) }
        guard value != Int.min else { throw tooLarge(bytes, start, end) }
        return .int(-value)
    }

    private static func radixInteger(_ bytes: [UInt8], _ start: Int, _ end: Int, radix: Int) throws(Problem) -> YAMLValue? {
        var value = 0
        for index in start..<end {
            let byte = bytes[index]
            let digit: Int
            switch byte {
            case ASCII.zero...ASCII.nine: digit = Int(byte - ASCII.zero)
            case 0x61...0x66: digit = Int(byte - 0x61 + 10)
            case 0x41...0x46: digit = Int(byte - 0x41 + 10)
            default: return nil
            }
            guard digit < radix else { return nil }
            let (times, overflow1) = value.multipliedReportingOverflow(by: radix)
            let (next, overflow2) = times.addingReportingOverflow(digit)
            if overflow1 || overflow2 { throw tooLarge(bytes, start - 2, end) }
            value = next
        }
        return .int(value)
    }

    private static func tooLarge(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Problem {
        Problem(message: "the integer \(String(decoding: bytes[start..<end], as: UTF8.self)) is too large (more than 64 bits); put it in quotes if it is text")
    }

    // MARK: Dates

    /// `YYYY-MM-DD`, or `YYYY-M-D` followed by `T`/`t`/spaces, `H:MM`, optional
    /// `:SS` and fraction, and an optional zone `Z` or `±H[H][[:]MM]`.
    private static func timestamp(_ bytes: [UInt8], _ start: Int, _ end: Int) throws(Problem) -> YAMLValue? {
        var cursor = start
        func digits(_ minimum: Int, _ maximum: Int) -> Int? {
            var value = 0
            var count = 0
            while count < maximum && cursor < end && ASCII.isDigit(bytes[cursor]) {
                value = value * 10 + Int(bytes[cursor] - ASCII.zero)
                cursor += 1
                count += 1
            }
            return count >= minimum ? value : nil
        }
        func take(_ byte: UInt8) -> Bool {
            guard cursor < end && bytes[cursor] == byte else { return false }
            cursor += 1
            return true
        }

        guard let year = digits(4, 4), take(ASCII.minus) else { return nil }
        let monthStart = cursor
        guard let month = digits(1, 2), take(ASCII.minus) else { return nil }
        let dayStart = cursor
        guard let day = digits(1, 2) else { return nil }
        let date = YAMLDate(year: year, month: month, day: day)
        let text = { String(decoding: bytes[start..<end], as: UTF8.self) }

        if cursor == end {
            // A date alone needs two-digit month and day (YAML 1.1).
            guard dayStart - monthStart == 3, cursor - dayStart == 2 else { return nil }
            guard date.isValid else { throw Problem(message: "'\(text())' is not a valid date") }
            return .date(date)
        }

        if cursor < end && (bytes[cursor] == 0x54 || bytes[cursor] == 0x74) { // T t
            cursor += 1
        } else {
            let separatorStart = cursor
            while cursor < end && ASCII.isBlank(bytes[cursor]) { cursor += 1 }
            if cursor == separatorStart { return nil }
        }
        guard let hour = digits(1, 2), take(ASCII.colon), let minute = digits(2, 2) else { return nil }
        var second = 0
        var nanosecond = 0
        if take(ASCII.colon) {
            guard let seconds = digits(2, 2) else { return nil }
            second = seconds
            if take(ASCII.period) {
                var scale = 100_000_000
                while cursor < end && ASCII.isDigit(bytes[cursor]) {
                    nanosecond += Int(bytes[cursor] - ASCII.zero) * scale
                    scale /= 10
                    cursor += 1
                }
            }
        }
        var offset: Int?
        while cursor < end && ASCII.isBlank(bytes[cursor]) { cursor += 1 }
        if cursor < end {
            let sign = bytes[cursor]
            if sign == 0x5A || sign == 0x7A { // Z z
                cursor += 1
                offset = 0
            } else if sign == ASCII.plus || sign == ASCII.minus {
                cursor += 1
                guard let hours = digits(1, 2) else { return nil }
                var minutes = 0
                if cursor < end {
                    _ = take(ASCII.colon)
                    guard let value = digits(2, 2) else { return nil }
                    minutes = value
                }
                guard hours < 24 && minutes < 60 else { throw Problem(message: "'\(text())' has an invalid time zone offset") }
                offset = (hours * 3600 + minutes * 60) * (sign == ASCII.minus ? -1 : 1)
            } else {
                return nil
            }
        }
        guard cursor == end else { return nil }
        guard date.isValid else { throw Problem(message: "'\(text())' is not a valid date") }
        guard hour < 24 && minute < 60 && second < 60 else { throw Problem(message: "'\(text())' is not a valid time") }
        return .dateTime(YAMLDateTime(date: date, hour: hour, minute: minute, second: second, nanosecond: nanosecond, utcOffsetSeconds: offset))
    }
}
