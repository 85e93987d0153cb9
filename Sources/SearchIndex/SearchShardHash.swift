/// Which shard file holds a term: FNV-1a over the term's scalars with a
/// final avalanche (MurmurHash3's fmix32), so the browser computes the same
/// number with `Math.imul`.
public enum SearchShardHash {
    public static func hash(_ term: String) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for scalar in term.unicodeScalars { h = (h ^ scalar.value) &* 16_777_619 }
        return finish(h)
    }

    /// The hash of a one- or two-character term given as scalars, without
    /// making the string.
    static func hash(gram first: UInt32, _ second: UInt32?) -> UInt32 {
        var h: UInt32 = (2_166_136_261 ^ first) &* 16_777_619
        if let second { h = (h ^ second) &* 16_777_619 }
        return finish(h)
    }

    @inline(__always)
    static func finish(_ value: UInt32) -> UInt32 {
        var h = value
        h ^= h >> 16
        h = h &* 0x85EB_CA6B
        h ^= h >> 13
        h = h &* 0xC2B2_AE35
        h ^= h >> 16
        return h
    }
}
