import Testing
@testable import SearchIndex

@Suite struct SearchIndexBuilderTests {
    @Test func shardFileLayoutIsExact() {
        var builder = SearchIndexBuilder()
        builder.add(page("", body: "工会").record())        // document 0
        builder.add(SearchRecord.empty)                      // document 1
        builder.add(page("工", body: "").record())           // document 2, title
        var files: [String: [UInt8]] = [:]
        let summary = builder.write(targetShardBytes: 1 << 20) { files[$0] = $1 }
        #expect(summary.shards == 1)
        #expect(summary.terms == 3)
        #expect(String(decoding: files["search/index.json"] ?? [], as: UTF8.self) == "{\"version\":2,\"documents\":3,\"shards\":1,\"per_folder\":1000}\n")
        // Terms sorted by UTF-8: 会 (E4 BC 9A), 工 (E5 B7 A5), 工会 (E5 B7 A5 E4 BC 9A).
        // 会: doc 0 body → [0<<1]. 工: doc 0 body, doc 2 title → [0, (2<<1)|1, 4]. 工会: [0].
        let expected: [UInt8] = [3,
            3, 0xE4, 0xBC, 0x9A, 1, 1,
            3, 0xE5, 0xB7, 0xA5, 2, 3,
            6, 0xE5, 0xB7, 0xA5, 0xE4, 0xBC, 0x9A, 1, 1,
            0,
            0, 5, 4,
            0]
        #expect(files["search/s/0.bin"] == expected)
    }

    @Test func outputIsTheSameWhateverTheInsertionHistory() {
        let documents = (0..<200).map { page("第\($0)篇", meta: ["标签\($0 % 7)"], body: "工会服务职工\($0)，枫桥经验在第\($0 % 13)站。") }
        let first = InMemoryIndex(documents, targetShardBytes: 512)
        let second = InMemoryIndex(documents, targetShardBytes: 512)
        #expect(first.files == second.files)
        #expect(first.summary.shards > 4)
        #expect(first.files.keys.filter { $0.hasPrefix("search/s/") }.count == first.summary.shards)
    }

    @Test func everyTermIsFoundInItsShard() throws {
        let documents = (0..<300).map { page("第\($0)篇报道", body: "编号\($0)的职工之家 No.\($0)") }
        let index = InMemoryIndex(documents, targetShardBytes: 256)
        let reader = try index.reader()
        for number in [0, 17, 150, 299] {
            let result = try reader.search("No \(number)")
            #expect(result.hits.map(\.title) == ["第\(number)篇报道"])
            #expect(result.filesRead.count == 3, "two shards (no, the number) or one, and one fragment")
        }
    }

    @Test func malformedFilesAreErrorsNotCrashes() throws {
        var index = InMemoryIndex([page("工会", body: "工会")])
        index.files["search/s/0.bin"] = [200, 200, 200]
        #expect(throws: SearchIndexReader.ReadError.malformed("search/s/0.bin")) { try index.reader().search("工会") }
        index.files["search/index.json"] = Array("{}".utf8)
        #expect(throws: SearchIndexReader.ReadError.malformed("search/index.json")) { try index.reader() }
    }
}

@Suite struct KeySortTests {
    @Test func sortsLikeTheStandardLibrary() {
        var state: UInt64 = 0x1234_5678
        for count in [0, 1, 2, 17, 100, 1000, 5000] {
            var values: [UInt64] = (0..<count).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return state >> 20
            }
            values += values.prefix(count / 3)
            var sorted = values
            KeySort.sort(&sorted)
            #expect(sorted == values.sorted())
            var ascending = values.sorted()
            KeySort.sort(&ascending)
            #expect(ascending == values.sorted())
        }
    }
}
