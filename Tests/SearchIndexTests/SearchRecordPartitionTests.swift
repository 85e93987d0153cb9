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

/// The fragment writer decodes UTF-8 itself: astral characters become
/// surrogate pairs, and ASCII is escaped as JSON needs.
@Suite struct SearchFragmentTests {
    private func reference(_ document: SearchDocument) -> [UInt8] {
        func ascii(_ text: String) -> [UInt16] { Array(text.utf16) }
        func quote(_ text: String) -> [UInt16] {
            var out = ascii("\"")
            for unit in text.utf16 {
                switch unit {
                case 0x22: out += ascii("\\\"")
                case 0x5C: out += ascii("\\\\")
                case 0x0A: out += ascii("\\n")
                case 0x09: out += ascii("\\t")
                case 0x0D: out += ascii("\\r")
                case 0..<0x20: out += ascii("\\u00" + (unit < 0x10 ? "0" : "") + String(unit, radix: 16))
                default: out.append(unit)
                }
            }
            return out + ascii("\"")
        }
        func array(_ texts: [String]) -> [UInt16] {
            ascii("[") + texts.map(quote).joined(separator: ascii(",")) + ascii("]")
        }
        let json: [UInt16] = ascii("{\"u\":") + quote(document.url) + ascii(",\"t\":") + quote(document.title)
            + ascii(",\"d\":") + quote(document.date) + ascii(",\"s\":") + quote(document.section)
            + ascii(",\"n\":") + array(document.names) + ascii(",\"m\":") + array(document.meta)
            + ascii(",\"b\":") + quote(document.body) + ascii("}")
        return json.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $0 >> 8)] }
    }

    @Test func fragmentIsUTF16LEJSON() {
        let document = SearchDocument(
            url: "/a/\u{7F}/", title: "𠀀字 \"引号\" \\ 😀", date: "2025年6月7日", section: "栏目",
            names: ["于虹", "é\u{301}"], meta: [], body: "第一行\n第二行\t\r\u{01}\u{1F}ＡＩ 𪚥"
        )
        #expect(document.fragment() == reference(document))
        let empty = SearchDocument(url: "", title: "", date: "", section: "", names: [], meta: [], body: "")
        #expect(empty.fragment() == reference(empty))
    }
}
