import Testing
@testable import SearchIndex

/// A record's grams are delta-coded per key range so the index can be
/// inverted one range per thread; read together they are all the grams, ascending.
@Suite struct SearchRecordPartitionTests {
    @Test func rangesTogetherAreEveryGramAscending() {
        // Unigrams and bigrams on both sides of several range bounds.
        let body = "一乙丁 工会工人 劳动模范 服务职工 龙龟 あいう 한국 〇〇 一龙 龙一"
        let record = page("", body: body).record()
        #expect(record.partitionStarts.count == SearchGram.partitions)
        var all: [UInt64] = []
        record.forEachGram { key, _ in all.append(key) }
        var byRange: [UInt64] = []
        var rangesUsed = 0
        for partition in 0..<SearchGram.partitions {
            var keys: [UInt64] = []
            record.forEachGram(in: partition) { key, _ in keys.append(key) }
            let low = partition == 0 ? 0 : SearchGram.partitionBounds[partition - 1]
            let high = partition < SearchGram.partitionBounds.count ? SearchGram.partitionBounds[partition] : UInt64.max
            #expect(keys.allSatisfy { $0 >= low && $0 < high }, "partition \(partition)")
            if !keys.isEmpty { rangesUsed += 1 }
            byRange += keys
        }
        #expect(rangesUsed >= 4)
        #expect(all == byRange)
        #expect(all == all.sorted())
        #expect(all.count == record.gramCount)
        #expect(Set(all).count == all.count)
    }

    @Test func emptyRecordHasNoGrams() {
        var count = 0
        SearchRecord.empty.forEachGram { _, _ in count += 1 }
        for partition in 0..<SearchGram.partitions { SearchRecord.empty.forEachGram(in: partition) { _, _ in count += 1 } }
        #expect(count == 0)
    }
}
