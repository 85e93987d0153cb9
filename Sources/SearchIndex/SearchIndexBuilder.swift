import Dispatch

/// Turns the pages' records into the index files: postings grouped by term,
/// terms spread over shard files by hash so a query fetches only the few
/// shards its terms are in.
///
/// Records are added in document order, oldest page first: a document's
/// number is its rank by age (the newest page has the highest), so ranking
/// "then newer first" needs no dates in the index, postings are ascending
/// runs that delta-encode well, and a new page (usually the newest) is added
/// at the end without moving any other.
public struct SearchIndexBuilder: Sendable {
    /// One term's postings: `varint((docDelta << 1) | hasFields)` and, when the
    /// flag is set, one byte of field bits (the common case, body only, has none).
    struct Postings: Sendable {
        var bytes: [UInt8] = []
        var last = -1
        var count = 0

        init() {}

        /// Postings that go on after `last` (-1: from the start).
        init(last: Int) {
            self.last = last
        }

        mutating func add(_ document: Int, _ bits: UInt8) {
            let delta = UInt64(last < 0 ? document : document - last)
            let flagged = bits != SearchField.body.rawValue
            Varint.append(delta << 1 | (flagged ? 1 : 0), to: &bytes)
            if flagged { bytes.append(bits) }
            last = document
            count += 1
        }
    }

    /// The records in document order, inverted when the index is written.
    private var records: [SearchRecord] = []
    public private(set) var documentCount = 0

    public init() {}

    /// Adds the next document (numbered in call order).
    public mutating func add(_ record: SearchRecord) {
        records.append(record)
        documentCount += 1
    }

    /// The postings of every term: a gram table per key range, and the
    /// words. Each key range, and the words, is a task of its own, run on
    /// as many threads as there are cores: no task reads another's bytes.
    private func invert() -> (grams: [GramTable], words: [String: Postings]) {
        let partitions = SearchGram.partitions
        let records = self.records
        let results = UnsafeMutableBufferPointer<(GramTable?, [String: Postings]?)>.allocate(capacity: partitions + 1)
        results.initialize(repeating: (nil, nil))
        defer { results.deinitialize().deallocate() }
        // Each task writes only its own element.
        nonisolated(unsafe) let slots = results
        DispatchQueue.concurrentPerform(iterations: partitions + 1) { task in
            if task == partitions {
                var words: [String: Postings] = [:]
                for (document, record) in records.enumerated() {
                    for (word, bits) in record.words { words[word, default: Postings()].add(document, bits) }
                }
                slots[task] = (nil, words)
            } else {
                slots[task] = (GramTable(records, partition: task), nil)
            }
        }
        return (results.prefix(partitions).compactMap(\.0), results[partitions].1 ?? [:])
    }

    /// What `write` produced, for the build's report.
    public struct Summary: Sendable, Equatable {
        public var documents: Int
        public var terms: Int
        public var shards: Int
        /// Shard files and the manifest (fragments are counted by the caller).
        public var bytes: Int
        /// The largest shard file.
        public var largestShard: Int
        /// The estimate the shard count was made from; `SearchIndexPatch` needs it.
        public var sizing: Int
    }

    /// Writes the shard files and the manifest through `emit` (path relative
    /// to the output folder, bytes). Shards hold about `targetShardBytes`
    /// each; a term's postings are never split.
    public func write(targetShardBytes: Int = 12 * 1024, _ emit: (String, [UInt8]) throws -> Void) rethrows -> Summary {
        let (grams, words) = invert()
        var total = 0
        for table in grams {
            for postings in table.postings { total += postings.bytes.count + Self.gramOverhead }
        }
        for (word, postings) in words { total += postings.bytes.count + word.utf8.count + Self.wordOverhead }
        let shardCount = Self.shardCount(sizing: total, targetShardBytes: targetShardBytes)

        // Terms by shard, then each shard's terms in byte order of the term.
        var members = [[(term: String, postings: Postings)]](repeating: [], count: shardCount)
        for table in grams {
            for (key, postings) in zip(table.keys, table.postings) {
                let (first, second) = SearchGram.scalars(key)
                let shard = Int(SearchShardHash.hash(gram: first, second) % UInt32(shardCount))
                members[shard].append((SearchGram.term(key), postings))
            }
        }
        for (word, postings) in words {
            members[Int(SearchShardHash.hash(word) % UInt32(shardCount))].append((word, postings))
        }
        var bytesWritten = 0
        var largest = 0
        for shard in 0..<shardCount {
            var entries = members[shard]
            members[shard] = []
            entries.sort { $0.term.utf8.lexicographicallyPrecedes($1.term.utf8) }
            let bytes = Self.shardFile(entries)
            bytesWritten += bytes.count
            largest = max(largest, bytes.count)
            try emit(SearchLayout.shard(shard), bytes)
        }
        let manifest = Self.manifest(documents: documentCount, shards: shardCount)
        try emit(SearchLayout.manifest, manifest)
        bytesWritten += manifest.count
        return Summary(
            documents: documentCount, terms: grams.reduce(0) { $0 + $1.keys.count } + words.count, shards: shardCount, bytes: bytesWritten, largestShard: largest,
            sizing: total
        )
    }

    /// What a term counts for in the estimate that sets the number of shards,
    /// beside its postings' bytes (a word adds its own length).
    static let gramOverhead = 8
    static let wordOverhead = 6

    static func shardCount(sizing: Int, targetShardBytes: Int) -> Int {
        max(1, min(1 << 20, (sizing + targetShardBytes - 1) / max(1, targetShardBytes)))
    }

    /// A shard: `varint(termCount)`, then per term `varint(utf8Length)`,
    /// the term, `varint(documentCount)`, `varint(postingsLength)`; then the
    /// postings of every term in the same order.
    static func shardFile(_ entries: [(term: String, postings: Postings)]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entries.reduce(16) { $0 + $1.postings.bytes.count + $1.term.utf8.count + 6 })
        Varint.append(UInt64(entries.count), to: &bytes)
        for entry in entries {
            Varint.append(UInt64(entry.term.utf8.count), to: &bytes)
            bytes.append(contentsOf: entry.term.utf8)
            Varint.append(UInt64(entry.postings.count), to: &bytes)
            Varint.append(UInt64(entry.postings.bytes.count), to: &bytes)
        }
        for entry in entries { bytes.append(contentsOf: entry.postings.bytes) }
        return bytes
    }
}

extension SearchIndexBuilder {
    /// The manifest's bytes: format version, document and shard counts.
    public static func manifest(documents: Int, shards: Int) -> [UInt8] {
        Array("{\"version\":\(SearchIndexFormat.version),\"documents\":\(documents),\"shards\":\(shards),\"per_folder\":\(SearchLayout.fragmentsPerFolder)}\n".utf8)
    }
}

/// The index format's version, written in the manifest and checked by the reader.
public enum SearchIndexFormat {
    public static let version = 2
}
