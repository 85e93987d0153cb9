/// First and last Unicode scalar of a UTF-8 byte range, without building a
/// String. Input comes from cmark, which only emits valid UTF-8; a broken
/// sequence still yields nil rather than a crash.
enum UTF8Scalars {
    static func first(of bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        guard let lead = bytes.first else { return nil }
        let length: Int
        switch lead {
        case 0..<0x80: return Unicode.Scalar(lead)
        case 0xC0..<0xE0: length = 2
        case 0xE0..<0xF0: length = 3
        case 0xF0..<0xF8: length = 4
        default: return nil
        }
        guard bytes.count >= length else { return nil }
        return decode(UnsafeBufferPointer(rebasing: bytes[0..<length]))
    }

    static func last(of bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        guard !bytes.isEmpty else { return nil }
        var start = bytes.count - 1
        while start > 0, bytes.count - start < 4, bytes[start] & 0xC0 == 0x80 {
            start -= 1
        }
        return decode(UnsafeBufferPointer(rebasing: bytes[start...]))
    }

    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return nil
    }
}
