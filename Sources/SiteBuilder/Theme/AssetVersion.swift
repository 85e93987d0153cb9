import Foundation

/// A short digest of every asset's path and bytes, used as `?v=` on asset
/// URLs: the same assets give the same digest, so unchanged pages keep their
/// bytes, and any edit to an asset changes the URL pages ask for.
enum AssetVersion {
    /// 64-bit FNV-1a, as 16 hex digits; enough to tell versions apart, not a security hash.
    static func of(_ assets: [(path: String, asset: Theme.Asset)]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
            for byte in bytes {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            }
        }
        for (path, asset) in assets {
            mix(path.utf8)
            mix(CollectionOfOne(0))
            switch asset {
            case .embedded(let text): mix(text.utf8)
            case .file(let url): mix(FileManager.default.contents(atPath: url.path) ?? Data())
            }
            mix(CollectionOfOne(0))
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
