/// Gives documents new numbers in written shards without inverting the
/// records again: what a date edit needs, since documents are numbered
/// oldest first and a page that moves in time shifts the pages between its
/// old and new place by one. Only the postings runs holding a moved document
/// are decoded, sorted again and encoded; every other byte is copied.
public struct SearchIndexRenumbering: Sendable {
    /// The new number of each old one.
    private let newNumbers: [Int32]
    /// The old numbers that change lie in this range.
    private let moved: ClosedRange<Int>

    /// Nil when `newNumbers` is not a permutation of `0..<count` or
    /// moves nothing.
    public init?(newNumbers: [Int]) {
        var seen = [Bool](repeating: false, count: newNumbers.count)
        var lowest = Int.max
        var highest = Int.min
        for (old, new) in newNumbers.enumerated() {
            guard new >= 0, new < newNumbers.count, new <= Int(Int32.max), !seen[new] else { return nil }
            seen[new] = true
            if new != old {
                lowest = min(lowest, old)
                highest = max(highest, old)
            }
        }
        guard lowest <= highest else { return nil }
        self.newNumbers = newNumbers.map { Int32($0) }
        self.moved = lowest...highest
    }

    /// The shard with every document at its new number, and by how much the
    /// shard's postings grew (for the estimate behind the shard count); nil
    /// when the shard is damaged or names a document past the count.
    func renumber(_ shard: [UInt8]) -> (bytes: [UInt8], postingsGrowth: Int)? {
        var reader = ByteReader(shard)
        guard let count = reader.varint(), count <= UInt64(shard.count) else { return nil }
        var heads: [(term: Range<Int>, documents: UInt64, length: Int)] = []
        heads.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let length = reader.varint(), length <= UInt64(reader.remaining) else { return nil }
            let term = reader.offset..<reader.offset + Int(length)
            reader.offset = term.upperBound
            guard let documents = reader.varint(), let postingsLength = reader.varint(), postingsLength <= UInt64(shard.count) else { return nil }
            heads.append((term, documents, Int(postingsLength)))
        }
        var runs: [[UInt8]?] = []
        runs.reserveCapacity(heads.count)
        var growth = 0
        var scratch: [(document: Int32, bits: UInt8)] = []
        var runStart = reader.offset
        for head in heads {
            guard head.length <= shard.count - runStart else { return nil }
            let run = runStart..<runStart + head.length
            runStart += head.length
            guard let renumbered = renumber(run: run, of: shard, documents: head.documents, scratch: &scratch) else { return nil }
            if let renumbered { growth += renumbered.count - head.length }
            runs.append(renumbered)
        }
        guard runStart == shard.count else { return nil }
        if runs.allSatisfy({ $0 == nil }) { return (shard, 0) }

        var bytes: [UInt8] = []
        bytes.reserveCapacity(shard.count + growth + 16)
        Varint.append(count, to: &bytes)
        for (head, run) in zip(heads, runs) {
            Varint.append(UInt64(head.term.count), to: &bytes)
            bytes.append(contentsOf: shard[head.term])
            Varint.append(head.documents, to: &bytes)
            Varint.append(UInt64(run?.count ?? head.length), to: &bytes)
        }
        var copyStart = reader.offset
        for (head, run) in zip(heads, runs) {
            if let run { bytes += run } else { bytes.append(contentsOf: shard[copyStart..<copyStart + head.length]) }
            copyStart += head.length
        }
        return (bytes, growth)
    }

    /// The run encoded again with the new numbers, `.some(nil)` when no
    /// document in it moves, nil when it is damaged. Documents outside the
    /// moved range keep their numbers, so the bytes before it are kept, and
    /// after it only the first delta changes: the scan stops there.
    private func renumber(run: Range<Int>, of shard: [UInt8], documents: UInt64, scratch: inout [(document: Int32, bits: UInt8)]) -> [UInt8]?? {
        scratch.removeAll(keepingCapacity: true)
        let count = newNumbers.count
        let lowest = moved.lowerBound
        let highest = moved.upperBound
        var anyMoved = false
        var middleStart = run.upperBound
        var beforeMiddle = -1
        // The first posting past the moved range: its document, bits and where the rest starts.
        var after: (document: Int, bits: UInt8, rest: Int)?
        let valid: Bool = shard.withUnsafeBufferPointer { buffer in
            var offset = run.lowerBound
            var last = -1
            while offset < run.upperBound {
                let start = offset
                var value: UInt64 = 0
                var shift: UInt64 = 0
                while true {
                    guard offset < run.upperBound, shift < 64 else { return false }
                    let byte = buffer[offset]
                    offset += 1
                    value |= UInt64(byte & 0x7F) << shift
                    if byte < 0x80 { break }
                    shift += 7
                }
                let delta = value >> 1
                guard delta < UInt64(count) else { return false }
                let document = last < 0 ? Int(delta) : last + Int(delta)
                guard document < count, document > last else { return false }
                var bits = SearchField.body.rawValue
                if value & 1 == 1 {
                    guard offset < run.upperBound else { return false }
                    bits = buffer[offset]
                    offset += 1
                }
                if document > highest {
                    after = (document, bits, offset)
                    return true
                }
                if document >= lowest {
                    if scratch.isEmpty {
                        middleStart = start
                        beforeMiddle = last
                    }
                    let new = newNumbers[document]
                    if Int(new) != document { anyMoved = true }
                    scratch.append((new, bits))
                }
                last = document
            }
            return true
        }
        guard valid, UInt64(scratch.count) <= documents else { return nil }
        guard anyMoved else { return .some(nil) }
        scratch.sort { $0.document < $1.document }
        var bytes = Array(shard[run.lowerBound..<middleStart])
        var postings = SearchIndexBuilder.Postings(last: beforeMiddle)
        for posting in scratch { postings.add(Int(posting.document), posting.bits) }
        if let after { postings.add(after.document, after.bits) }
        bytes += postings.bytes
        if let after { bytes.append(contentsOf: shard[after.rest..<run.upperBound]) }
        return .some(bytes)
    }
}
