import Foundation

/// Reads a written index and answers queries the way `search.js` does in the
/// browser: postings intersected per part, candidates ordered by the best
/// field their terms share then by recency, fragments fetched in order and
/// checked for the whole phrase until the first `limit` results are certain.
/// Used by the tests and benchmarks; the site itself only ships the script.
public struct SearchIndexReader {
    public struct Hit: Sendable, Equatable {
        /// Numbered oldest first: the newest page has the highest number.
        public var document: Int
        public var url: String
        public var title: String
        /// 2 title or names, 1 other front matter, 0 body.
        public var tier: Int
    }

    public struct Result: Sendable, Equatable {
        public var hits: [Hit]
        /// Pages whose postings match; exact when every part is one term.
        public var candidates: Int
        public var isExactCount: Bool
        /// Every file read for this query (manifest excluded) and their bytes.
        public var filesRead: [String]
        public var bytesRead: Int
    }

    public enum ReadError: Error, Equatable {
        case missing(String)
        case malformed(String)
    }

    private let load: (String) -> [UInt8]?
    public let documents: Int
    public let shards: Int

    /// `load` returns a file's bytes by its path relative to the output
    /// folder (`search/index.json`, ...), or nil when it does not exist.
    public init(load: @escaping (String) -> [UInt8]?) throws(ReadError) {
        self.load = load
        guard let bytes = load(SearchLayout.manifest) else { throw .missing(SearchLayout.manifest) }
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
              object["version"] as? Int == SearchIndexFormat.version,
              let documents = object["documents"] as? Int, let shards = object["shards"] as? Int, shards > 0
        else { throw .malformed(SearchLayout.manifest) }
        self.documents = documents
        self.shards = shards
    }

    public func search(_ text: String, limit: Int = 10) throws(ReadError) -> Result {
        let query = SearchQuery(text)
        var files: [String] = []
        var bytesRead = 0
        guard !query.parts.isEmpty else { return Result(hits: [], candidates: 0, isExactCount: true, filesRead: [], bytesRead: 0) }

        var postings: [String: [(Int, UInt8)]] = [:]
        var shardCache: [Int: [String: [(Int, UInt8)]]] = [:]
        for term in query.terms {
            let shard = Int(SearchShardHash.hash(term) % UInt32(shards))
            if shardCache[shard] == nil {
                let path = SearchLayout.shard(shard)
                guard let bytes = load(path) else { throw .missing(path) }
                files.append(path)
                bytesRead += bytes.count
                guard let parsed = Self.parseShard(bytes) else { throw .malformed(path) }
                shardCache[shard] = parsed
            }
            postings[term] = shardCache[shard]?[term] ?? []
        }

        // Per document: the lowest over parts of the best tier its terms share.
        var upper: [Int: Int]?
        for part in query.parts {
            var shared: [Int: UInt8]?
            for term in part.terms {
                let list = postings[term] ?? []
                if var current = shared {
                    var next: [Int: UInt8] = [:]
                    for (document, bits) in list { if let have = current[document] { next[document] = have & bits } }
                    current = next
                    shared = current
                } else {
                    shared = Dictionary(list, uniquingKeysWith: |)
                }
            }
            var tiers: [Int: Int] = [:]
            for (document, bits) in shared ?? [:] {
                let tier = SearchField(rawValue: bits).tier
                guard tier >= 0 else { continue }
                if let previous = upper { if let had = previous[document] { tiers[document] = min(had, tier) } } else { tiers[document] = tier }
            }
            upper = tiers
        }
        let candidates = (upper ?? [:]).map { (document: $0.key, tier: $0.value) }.sorted(by: Self.ranksBefore)
        let exactCount = query.parts.allSatisfy(\.isExact)

        var verified: [(document: Int, tier: Int, url: String, title: String)] = []
        var next = 0
        let batch = max(1, limit)
        let maxFetched = max(limit * 5, 50)
        while true {
            verified.sort { Self.ranksBefore(($0.document, $0.tier), ($1.document, $1.tier)) }
            let certain = next < candidates.count
                ? verified.prefix { !Self.ranksBefore(candidates[next], ($0.document, $0.tier)) }.count
                : verified.count
            if certain >= limit || next >= candidates.count || next >= maxFetched { break }
            let end = min(candidates.count, next + batch)
            for candidate in candidates[next..<end] {
                let path = SearchLayout.fragment(candidate.document)
                guard let bytes = load(path) else { throw .missing(path) }
                files.append(path)
                bytesRead += bytes.count
                guard let fragment = Fragment(bytes) else { throw .malformed(path) }
                let tier = query.parts.map { fragment.tier(of: $0.scalars) }.min() ?? -1
                if tier >= 0 { verified.append((candidate.document, tier, fragment.url, fragment.title)) }
            }
            next = end
        }
        let hits = verified.prefix(limit).map { Hit(document: $0.document, url: $0.url, title: $0.title, tier: $0.tier) }
        return Result(hits: Array(hits), candidates: candidates.count, isExactCount: exactCount, filesRead: files, bytesRead: bytesRead)
    }

    /// Higher tier first, then the newer page (higher number).
    static func ranksBefore(_ a: (document: Int, tier: Int), _ b: (document: Int, tier: Int)) -> Bool {
        a.tier != b.tier ? a.tier > b.tier : a.document > b.document
    }

    static func parseShard(_ bytes: [UInt8]) -> [String: [(Int, UInt8)]]? {
        var reader = ByteReader(bytes)
        guard let count = reader.varint(), count < UInt64(bytes.count) + 1 else { return nil }
        var heads: [(String, Int)] = []
        for _ in 0..<Int(count) {
            guard let length = reader.varint(), let term = reader.take(Int(clamping: length)),
                  reader.varint() != nil, let size = reader.varint() else { return nil }
            heads.append((String(decoding: term, as: UTF8.self), Int(clamping: size)))
        }
        var result: [String: [(Int, UInt8)]] = [:]
        for (term, size) in heads {
            guard let slice = reader.take(size) else { return nil }
            var postings = ByteReader(Array(slice))
            var list: [(Int, UInt8)] = []
            var document = -1
            while !postings.isAtEnd {
                guard let value = postings.varint() else { return nil }
                let delta = Int(clamping: value >> 1)
                document = document < 0 ? delta : document + delta
                var bits = SearchField.body.rawValue
                if value & 1 == 1 { guard let byte = postings.byte() else { return nil }; bits = byte }
                list.append((document, bits))
            }
            result[term] = list
        }
        return result
    }

    /// A fragment file decoded.
    struct Fragment {
        var url: String
        var title: String
        var names: [String]
        var meta: [String]
        var body: String

        init?(_ bytes: [UInt8]) {
            guard bytes.count % 2 == 0 else { return nil }
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var index = 0
            while index < bytes.count {
                units.append(UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8)
                index += 2
            }
            let text = String(decoding: units, as: UTF16.self)
            guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                  let url = object["u"] as? String, let title = object["t"] as? String,
                  let names = object["n"] as? [String], let meta = object["m"] as? [String], let body = object["b"] as? String
            else { return nil }
            self.url = url
            self.title = title
            self.names = names
            self.meta = meta
            self.body = body
        }

        func tier(of phrase: [UInt32]) -> Int {
            if SearchQuery.occurs(phrase, in: title) || names.contains(where: { SearchQuery.occurs(phrase, in: $0) }) { return 2 }
            if meta.contains(where: { SearchQuery.occurs(phrase, in: $0) }) { return 1 }
            return SearchQuery.occurs(phrase, in: body) ? 0 : -1
        }
    }
}
