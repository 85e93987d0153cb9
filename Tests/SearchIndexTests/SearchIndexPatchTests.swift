import Testing
@testable import SearchIndex

/// Patching an index for changed pages gives exactly the shards a full
/// write of the new records gives, and refuses when the shard count would change.
@Suite struct SearchIndexPatchTests {
    static let pages = [
        page("厦门市总创新发展枫桥经验", meta: ["新就业形态"], body: "外卖骑手收到赔偿金后致谢，12天解决。"),
        page("百名工会安全生产监督员", body: "辽源市总扎实推进安全生产工作 safety first。"),
        page("最美职工年度人物", names: ["于虹", "周虎"], body: "名单如下。"),
        page("武威市举办职工技能运动会", body: "赛场一角，职工技能比武。"),
    ]

    func shards(_ files: [String: [UInt8]]) -> [String: [UInt8]] {
        files.filter { $0.key.hasPrefix("search/s/") }
    }

    /// Small shards make the shard count move with a few terms: then the
    /// patch must refuse; otherwise it must equal the full write.
    @Test(arguments: [64, 100, 256, 700, 1024, 12 * 1024])
    func aPatchWritesWhatAFullWriteWrites(targetShardBytes: Int) throws {
        let before = InMemoryIndex(Self.pages, targetShardBytes: targetShardBytes)
        var after = Self.pages
        after[1].body = "辽源市总全面推进安全生产和职工书屋建设 safety second。"
        after[2].names = ["于虹", "陈坤"]
        let expected = InMemoryIndex(after, targetShardBytes: targetShardBytes)
        var files = before.files
        let changes = [1, 2].map { SearchIndexPatch.Change(document: $0, old: Self.pages[$0].record(), new: after[$0].record()) }
        let result = SearchIndexPatch.apply(
            changes, shardCount: before.summary.shards, sizing: before.summary.sizing, targetShardBytes: targetShardBytes,
            readShard: { files[SearchLayout.shard($0)] }, emit: { path, bytes in files[path] = bytes }
        )
        guard expected.summary.shards == before.summary.shards else {
            #expect(result == nil)
            #expect(files == before.files)
            return
        }
        let patched = try #require(result)
        #expect(shards(files) == shards(expected.files))
        #expect(patched.sizing == expected.summary.sizing)
        #expect(patched.shardsWritten > 0 && patched.shardsWritten <= before.summary.shards)
    }

    @Test func aPatchThatWouldChangeTheShardCountWritesNothing() throws {
        let before = InMemoryIndex(Self.pages, targetShardBytes: 4096)
        #expect(before.summary.shards == 1)
        var longer = Self.pages
        var scalars = String.UnicodeScalarView()
        for step in 0..<3000 { scalars.append(Unicode.Scalar(0x4E00 + (step * 7919) % 20000) ?? "字") }
        longer[3].body = String(scalars)
        var emitted = 0
        let result = SearchIndexPatch.apply(
            [SearchIndexPatch.Change(document: 3, old: Self.pages[3].record(), new: longer[3].record())],
            shardCount: 1, sizing: before.summary.sizing, targetShardBytes: 4096,
            readShard: { before.files[SearchLayout.shard($0)] }, emit: { _, _ in emitted += 1 }
        )
        #expect(result == nil)
        #expect(emitted == 0)
    }

    @Test func aDamagedShardRefusesThePatch() {
        let before = InMemoryIndex(Self.pages)
        var after = Self.pages
        after[0].body = "全新的正文。"
        let result = SearchIndexPatch.apply(
            [SearchIndexPatch.Change(document: 0, old: Self.pages[0].record(), new: after[0].record())],
            shardCount: before.summary.shards, sizing: before.summary.sizing,
            readShard: { _ in [0x05, 0x01] }, emit: { _, _ in }
        )
        #expect(result == nil)
    }

    @Test func recordsSurviveStorage() throws {
        for document in Self.pages {
            let record = document.record()
            #expect(SearchRecord(stored: record.stored()) == record)
        }
        let stored = Self.pages[0].record().stored()
        #expect(SearchRecord(stored: Array(stored.dropLast())) == nil)
        #expect(SearchRecord(stored: stored + [0]) == nil)
    }
}
