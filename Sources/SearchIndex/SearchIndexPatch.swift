import Dispatch

/// Updates a written index for pages whose terms changed (a body edited,
/// or a page added after the last number: its old record is empty): only
/// the shards holding a term that a page gained, lost or moved to another
/// field are read, changed and written again, with exactly the bytes
/// `SearchIndexBuilder` would write for the same records. When pages also
/// moved in the order (a date edited), the shards holding a moved page are
/// renumbered first (`SearchIndexRenumbering`) and those that change are written.
public enum SearchIndexPatch {
    public struct Change: Sendable {
        public var document: Int
        public var old: SearchRecord
        public var new: SearchRecord

        public init(document: Int, old: SearchRecord, new: SearchRecord) {
            self.document = document
            self.old = old
            self.new = new
        }
    }

    public struct Result: Sendable, Equatable {
        /// The new estimate behind the shard count (`Summary.sizing`).
        public var sizing: Int
        public var shardsWritten: Int
        /// How many bytes the shard files grew (negative: shrank).
        public var bytesDelta: Int
    }

    /// One term's new field bits for one document (0: the term left it).
    private struct TermUpdate {
        var term: [UInt8]
        var isWord: Bool
        var document: Int
        var bits: UInt8
    }

    /// Applies the changes, reading a shard's current bytes with `readShard`
    /// and writing changed shards through `emit`. With `renumbering`, the
    /// changes' documents are the new numbers. Nil, with nothing emitted,
    /// when the index must be written anew instead: the shard count would
    /// change, or a shard is missing or damaged.
    ///
    /// `renumbered`: the shards holding a moved document (`shards(holding:)`
    /// of the moved documents' records), when known; a renumbering leaves
    /// every other shard as it is, so only these are read.
    ///
    /// `workers` above 1: the shards (a renumbering reads most) are read,
    /// patched and emitted on that many threads at once, so `readShard` and
    /// `emit` must be safe to call from several threads. The result is the same.
    public static func apply(
        _ changes: [Change], renumbering: SearchIndexRenumbering? = nil, renumbered: Set<Int>? = nil, shardCount: Int, sizing: Int,
        targetShardBytes: Int = 12 * 1024, workers: Int = 1, readShard: (Int) -> [UInt8]?, emit: (String, [UInt8]) throws -> Void
    ) throws -> Result? {
        var updatesByShard: [Int: [TermUpdate]] = [:]
        for change in changes {
            for update in termUpdates(change) {
                let shard = Int(SearchShardHash.hash(String(decoding: update.term, as: UTF8.self)) % UInt32(shardCount))
                updatesByShard[shard, default: []].append(update)
            }
        }
        let shards = renumbering == nil
            ? updatesByShard.keys.sorted() : renumbered.map { $0.union(updatesByShard.keys).sorted() } ?? Array(0..<shardCount)
        let updates = updatesByShard
        func patch(_ shard: Int) -> ShardOutcome? {
            guard let old = readShard(shard) else { return nil }
            return patched(old, renumbering: renumbering, updates: updates[shard])
        }
        // Each shard is patched alone: on several threads, each writes only its own outcome.
        let outcomes = workers > 1 && shards.count > 1 ? inParallel(shards.count, workers: workers) { patch(shards[$0]) } : shards.map(patch)
        var newSizing = sizing
        var bytesDelta = 0
        var rewritten: [(shard: Int, bytes: [UInt8])] = []
        for (shard, outcome) in zip(shards, outcomes) {
            guard let outcome else { return nil }
            newSizing += outcome.sizingDelta
            bytesDelta += outcome.bytesDelta
            if let bytes = outcome.bytes { rewritten.append((shard, bytes)) }
        }
        guard SearchIndexBuilder.shardCount(sizing: newSizing, targetShardBytes: targetShardBytes) == shardCount else { return nil }
        if workers > 1, rewritten.count > 1 {
            let rewritten = rewritten
            let failures = inParallel(rewritten.count, workers: workers) { position -> (any Error)? in
                do {
                    try emit(SearchLayout.shard(rewritten[position].shard), rewritten[position].bytes)
                    return nil
                } catch {
                    return error
                }
            }
            if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
        } else {
            for (shard, bytes) in rewritten {
                try emit(SearchLayout.shard(shard), bytes)
            }
        }
        return Result(sizing: newSizing, shardsWritten: rewritten.count, bytesDelta: bytesDelta)
    }

    /// `body` of each of `0..<count`, on `workers` threads taking chunks in
    /// turn; each call writes only its own result.
    private static func inParallel<T>(_ count: Int, workers: Int, _ body: (Int) -> T?) -> [T?] {
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let output = results
        let chunk = (count + workers * 4 - 1) / (workers * 4)
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let body = body
            DispatchQueue.concurrentPerform(iterations: (count + chunk - 1) / chunk) { part in
                for position in (part * chunk)..<min(count, (part + 1) * chunk) { output[position] = body(position) }
            }
        }
        return Array(results)
    }

    /// What patching one shard gives: its new bytes when they changed, and
    /// how the estimate behind the shard count and the shard's size moved.
    private struct ShardOutcome {
        var bytes: [UInt8]?
        var sizingDelta = 0
        var bytesDelta = 0
    }

    /// One shard renumbered (with `renumbering`) and given its updates; nil when it is damaged.
    private static func patched(_ old: [UInt8], renumbering: SearchIndexRenumbering?, updates: [TermUpdate]?) -> ShardOutcome? {
        var outcome = ShardOutcome()
        var current = old
        if let renumbering {
            guard let renumbered = renumbering.renumber(old) else { return nil }
            current = renumbered.bytes
            outcome.sizingDelta += renumbered.postingsGrowth
        }
        guard let updates else {
            if current != old {
                outcome.bytesDelta = current.count - old.count
                outcome.bytes = current
            }
            return outcome
        }
        guard var entries = decodeShard(current) else { return nil }
        for update in updates {
            let position = entries.firstIndex { !$0.term.lexicographicallyPrecedes(update.term) }
            let overhead = update.isWord ? update.term.count + SearchIndexBuilder.wordOverhead : SearchIndexBuilder.gramOverhead
            if let position, entries[position].term == update.term {
                let before = entries[position].encodedLength
                entries[position].set(update.document, bits: update.bits)
                if entries[position].postings.isEmpty {
                    entries.remove(at: position)
                    outcome.sizingDelta -= before + overhead
                } else {
                    outcome.sizingDelta += entries[position].encodedLength - before
                }
            } else if update.bits != 0 {
                var entry = ShardEntry(term: update.term, postings: [])
                entry.set(update.document, bits: update.bits)
                entries.insert(entry, at: position ?? entries.count)
                outcome.sizingDelta += entry.encodedLength + overhead
            }
        }
        let bytes = encodeShard(entries)
        outcome.bytesDelta = bytes.count - old.count
        outcome.bytes = bytes
        return outcome
    }

    /// The shards holding the records' terms: where their documents are.
    public static func shards(holding records: [SearchRecord], shardCount: Int) -> Set<Int> {
        var shards: Set<Int> = []
        let count = UInt32(shardCount)
        for record in records {
            record.forEachGram { key, _ in shards.insert(Int(SearchShardHash.hash(SearchGram.term(key)) % count)) }
            for (word, _) in record.words { shards.insert(Int(SearchShardHash.hash(word) % count)) }
        }
        return shards
    }

    /// The terms whose field bits for the document differ between the two records.
    private static func termUpdates(_ change: Change) -> [TermUpdate] {
        var oldGrams: [UInt64: UInt8] = [:]
        change.old.forEachGram { key, bits in oldGrams[key] = bits }
        var updates: [TermUpdate] = []
        change.new.forEachGram { key, bits in
            if oldGrams.removeValue(forKey: key) != bits {
                updates.append(TermUpdate(term: Array(SearchGram.term(key).utf8), isWord: false, document: change.document, bits: bits))
            }
        }
        for key in oldGrams.keys.sorted() {
            updates.append(TermUpdate(term: Array(SearchGram.term(key).utf8), isWord: false, document: change.document, bits: 0))
        }
        var oldWords: [String: UInt8] = [:]
        for (word, bits) in change.old.words { oldWords[word] = bits }
        for (word, bits) in change.new.words where oldWords.removeValue(forKey: word) != bits {
            updates.append(TermUpdate(term: Array(word.utf8), isWord: true, document: change.document, bits: bits))
        }
        for word in oldWords.keys.sorted() {
            updates.append(TermUpdate(term: Array(word.utf8), isWord: true, document: change.document, bits: 0))
        }
        return updates
    }

    /// A term of a shard with its postings decoded: ascending documents.
    private struct ShardEntry {
        var term: [UInt8]
        var postings: [(document: Int, bits: UInt8)]

        mutating func set(_ document: Int, bits: UInt8) {
            let position = postings.firstIndex { $0.document >= document } ?? postings.count
            if position < postings.count, postings[position].document == document {
                if bits == 0 { postings.remove(at: position) } else { postings[position].bits = bits }
            } else if bits != 0 {
                postings.insert((document, bits), at: position)
            }
        }

        var encoded: [UInt8] {
            var builder = SearchIndexBuilder.Postings()
            for posting in postings { builder.add(posting.document, posting.bits) }
            return builder.bytes
        }

        var encodedLength: Int { encoded.count }
    }

    private static func decodeShard(_ bytes: [UInt8]) -> [ShardEntry]? {
        var reader = ByteReader(bytes)
        guard let count = reader.varint(), count <= UInt64(bytes.count) else { return nil }
        var heads: [(term: [UInt8], documents: Int, length: Int)] = []
        for _ in 0..<count {
            guard let length = reader.varint(), let term = reader.take(Int(clamping: length)),
                  let documents = reader.varint(), let postingsLength = reader.varint() else { return nil }
            heads.append((Array(term), Int(clamping: documents), Int(clamping: postingsLength)))
        }
        var entries: [ShardEntry] = []
        entries.reserveCapacity(heads.count)
        for head in heads {
            guard let run = reader.take(head.length) else { return nil }
            var postingsReader = ByteReader(Array(run))
            var postings: [(document: Int, bits: UInt8)] = []
            var last = -1
            while !postingsReader.isAtEnd {
                guard let value = postingsReader.varint() else { return nil }
                let delta = Int(clamping: value >> 1)
                let document = last < 0 ? delta : last + delta
                let bits = value & 1 == 1 ? postingsReader.byte() : SearchField.body.rawValue
                guard let bits else { return nil }
                postings.append((document, bits))
                last = document
            }
            guard postings.count == head.documents else { return nil }
            entries.append(ShardEntry(term: head.term, postings: postings))
        }
        guard reader.isAtEnd else { return nil }
        return entries
    }

    private static func encodeShard(_ entries: [ShardEntry]) -> [UInt8] {
        let postings = entries.map(\.encoded)
        var bytes: [UInt8] = []
        Varint.append(UInt64(entries.count), to: &bytes)
        for (entry, run) in zip(entries, postings) {
            Varint.append(UInt64(entry.term.count), to: &bytes)
            bytes += entry.term
            Varint.append(UInt64(entry.postings.count), to: &bytes)
            Varint.append(UInt64(run.count), to: &bytes)
        }
        for run in postings { bytes += run }
        return bytes
    }
}
