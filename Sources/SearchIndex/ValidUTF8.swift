/// One scalar from UTF-8 that a `String` holds, so it is valid: decoded
/// without the checks a byte stream from outside would need.
enum ValidUTF8 {
    /// The scalar whose lead byte (not ASCII) is at `index`; moves `index` past it.
    @inline(__always)
    static func multiByteScalar(_ bytes: UnsafeBufferPointer<UInt8>, lead: UInt32, at index: inout Int) -> UInt32 {
        let scalar: UInt32
        if lead < 0xE0 {
            scalar = (lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
            index += 2
        } else if lead < 0xF0 {
            scalar = (lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
            index += 3
        } else {
            scalar = (lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
            index += 4
        }
        return scalar
    }
}
