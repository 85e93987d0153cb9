/// Finds the first byte that is not part of well-formed UTF-8 (no overlong
/// forms, no surrogates, nothing above U+10FFFF).
enum UTF8Check {
    static func firstInvalidOffset(in bytes: [UInt8], from start: Int, to end: Int) -> Int? {
        var index = start
        while index < end {
            if bytes[index] < 0x80 {
                index += 1
                continue
            }
            let length = sequenceLength(bytes, at: index, end: end)
            if length == 0 { return index }
            index += length
        }
        return nil
    }

    /// The length of the well-formed multi-byte sequence whose lead byte is at
    /// `index`, or 0 when it is not well-formed.
    @inline(__always)
    static func sequenceLength(_ bytes: [UInt8], at index: Int, end: Int) -> Int {
            let lead = bytes[index]
            let length: Int
            var lowest: UInt8 = 0x80
            var highest: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lowest = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; highest = 0x9F
            case 0xF0: length = 4; lowest = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; highest = 0x8F
            default: return 0
            }
            guard index + length <= end else { return 0 }
            let second = bytes[index + 1]
            guard second >= lowest && second <= highest else { return 0 }
            var next = index + 2
            while next < index + length {
                guard bytes[next] & 0xC0 == 0x80 else { return 0 }
                next += 1
            }
            return length
    }
}
