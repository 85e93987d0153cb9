import Synchronization
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

    /// Applies `changes` to `before`'s files and holds the result against
    /// `expected`, a full write: the same shards and estimate, or, when the
    /// shard count would change, a refusal that wrote nothing.
    func patch(
        _ before: InMemoryIndex, _ changes: [SearchIndexPatch.Change], renumbering: SearchIndexRenumbering? = nil,
        expected: InMemoryIndex, targetShardBytes: Int
    ) throws -> SearchIndexPatch.Result? {
        var files = before.files
        let result = try SearchIndexPatch.apply(
            changes, renumbering: renumbering, shardCount: before.summary.shards, sizing: before.summary.sizing,
            targetShardBytes: targetShardBytes,
            readShard: { files[SearchLayout.shard($0)] }, emit: { path, bytes in files[path] = bytes }
        )
        guard expected.summary.shards == before.summary.shards else {
            #expect(result == nil)
            #expect(files == before.files)
            return nil
        }
        let patched = try #require(result)
        #expect(shards(files) == shards(expected.files))
        #expect(patched.sizing == expected.summary.sizing)
        return patched
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
        let changes = [1, 2].map { SearchIndexPatch.Change(document: $0, old: Self.pages[$0].record(), new: after[$0].record()) }
        guard let patched = try patch(before, changes, expected: expected, targetShardBytes: targetShardBytes) else { return }
        #expect(patched.shardsWritten > 0 && patched.shardsWritten <= before.summary.shards)
    }

    /// A new page, the newest, takes the next number: patching its terms in
    /// gives what a full write with it gives, manifest aside (the caller
    /// writes one with the new count), or refuses when the shard count would change.
    @Test(arguments: [64, 100, 256, 700, 1024, 12 * 1024])
    func anAppendedPageIsPatchedIn(targetShardBytes: Int) throws {
        let before = InMemoryIndex(Self.pages, targetShardBytes: targetShardBytes)
        let added = page("新增的报道：职工书屋", meta: ["职工书屋"], body: "工会为职工建起书屋 reading room，12处。")
        let expected = InMemoryIndex(Self.pages + [added], targetShardBytes: targetShardBytes)
        let change = SearchIndexPatch.Change(document: Self.pages.count, old: .empty, new: added.record())
        guard let patched = try patch(before, [change], expected: expected, targetShardBytes: targetShardBytes) else { return }
        #expect(patched.shardsWritten > 0)
        #expect(expected.files[SearchLayout.manifest] == SearchIndexBuilder.manifest(documents: Self.pages.count + 1, shards: before.summary.shards))
    }

    /// A date edit: page 2 takes number 0 and pages 0 and 1 move up by one,
    /// while page 1's body changes too. Renumbering the written
    /// shards gives what a full write of the new order gives.
    @Test(arguments: [64, 256, 1024, 12 * 1024])
    func aRenumberedPatchWritesWhatAFullWriteWrites(targetShardBytes: Int) throws {
        let before = InMemoryIndex(Self.pages, targetShardBytes: targetShardBytes)
        var edited = Self.pages
        edited[1].body = "辽源市总全面推进安全生产和职工书屋建设 safety second。"
        let newNumbers = [1, 2, 0, 3]
        var newOrder = edited
        for (old, new) in newNumbers.enumerated() { newOrder[new] = edited[old] }
        let expected = InMemoryIndex(newOrder, targetShardBytes: targetShardBytes)
        let renumbering = try #require(SearchIndexRenumbering(newNumbers: newNumbers))
        let change = SearchIndexPatch.Change(document: 2, old: Self.pages[1].record(), new: edited[1].record())
        guard let patched = try patch(before, [change], renumbering: renumbering, expected: expected, targetShardBytes: targetShardBytes) else {
            return
        }
        #expect(patched.shardsWritten > 0)
    }

    /// Forty pages sharing many terms, moved about in many ways: one page to
    /// another place (a date edit), two pages swapped, the whole order
    /// reversed. Each renumbered index equals a full write of the new order.
    @Test(arguments: [0, 1, 2, 3, 4, 5])
    func renumberingsOfALargerIndexWriteWhatAFullWriteWrites(seed: Int) throws {
        var random = UInt64(seed + 1) &* 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((random >> 33) % UInt64(bound))
        }
        let words = ["工会", "职工", "安全生产", "枫桥经验", "外卖骑手", "技能", "劳模", "工匠", "服务", "权益", "AI", "2024"]
        let pages = (0..<40).map { number in
            page("标题\(number)\(words[number % words.count])",
                 names: number % 5 == 0 ? ["于虹"] : [],
                 meta: number % 3 == 0 ? [words[(number + 1) % words.count]] : [],
                 body: (0..<12).map { _ in words[next(words.count)] }.joined(separator: "，"))
        }
        var newNumbers = Array(0..<pages.count)
        switch seed % 3 {
        case 0:
            let from = next(pages.count)
            let to = next(pages.count)
            let moving = newNumbers.remove(at: from)
            newNumbers.insert(moving, at: to)
            newNumbers = Array(0..<pages.count).map { old in newNumbers.firstIndex(of: old) ?? old }
        case 1:
            let first = next(pages.count)
            let second = (first + 1 + next(pages.count - 1)) % pages.count
            newNumbers.swapAt(first, second)
        default:
            newNumbers.reverse()
        }
        guard let renumbering = SearchIndexRenumbering(newNumbers: newNumbers) else {
            #expect(newNumbers == Array(0..<pages.count))
            return
        }
        var newOrder = pages
        for (old, new) in newNumbers.enumerated() { newOrder[new] = pages[old] }
        for target in [512, 4096] {
            let before = InMemoryIndex(pages, targetShardBytes: target)
            let expected = InMemoryIndex(newOrder, targetShardBytes: target)
            try #require(expected.summary.shards == before.summary.shards)
            var files = before.files
            let result = try #require(try SearchIndexPatch.apply(
                [], renumbering: renumbering, shardCount: before.summary.shards, sizing: before.summary.sizing, targetShardBytes: target,
                readShard: { files[SearchLayout.shard($0)] }, emit: { path, bytes in files[path] = bytes }
            ))
            #expect(shards(files) == shards(expected.files))
            #expect(result.sizing == expected.summary.sizing)
            // Read only the shards holding a moved page: the same index.
            let moved = newNumbers.indices.filter { newNumbers[$0] != $0 }
            let holding = SearchIndexPatch.shards(holding: moved.map { pages[$0].record() }, shardCount: before.summary.shards)
            var targeted = before.files
            var read: Set<Int> = []
            let targetedResult = try #require(try SearchIndexPatch.apply(
                [], renumbering: renumbering, renumbered: holding, shardCount: before.summary.shards, sizing: before.summary.sizing,
                targetShardBytes: target,
                readShard: { shard in
                    read.insert(shard)
                    return targeted[SearchLayout.shard(shard)]
                },
                emit: { path, bytes in targeted[path] = bytes }
            ))
            #expect(shards(targeted) == shards(expected.files))
            #expect(targetedResult == result)
            #expect(read == holding)
            // On two threads at once, as builds do: the same index.
            let shared = Mutex(before.files)
            let parallelResult = try #require(try SearchIndexPatch.apply(
                [], renumbering: renumbering, renumbered: holding, shardCount: before.summary.shards, sizing: before.summary.sizing,
                targetShardBytes: target, workers: 2,
                readShard: { shard in shared.withLock { $0[SearchLayout.shard(shard)] } },
                emit: { path, bytes in shared.withLock { $0[path] = bytes } }
            ))
            #expect(shards(shared.withLock { $0 }) == shards(expected.files))
            #expect(parallelResult == result)
        }
    }

    /// Moving pages without changing any: only the shards whose bytes change are written.
    @Test func aRenumberingAloneWritesOnlyTheShardsThatChange() throws {
        let before = InMemoryIndex(Self.pages, targetShardBytes: 256)
        let newNumbers = [0, 1, 3, 2]
        var newOrder = Self.pages
        for (old, new) in newNumbers.enumerated() { newOrder[new] = Self.pages[old] }
        let expected = InMemoryIndex(newOrder, targetShardBytes: 256)
        try #require(expected.summary.shards == before.summary.shards)
        var files = before.files
        var written: [String] = []
        let result = try #require(try SearchIndexPatch.apply(
            [], renumbering: try #require(SearchIndexRenumbering(newNumbers: newNumbers)),
            shardCount: before.summary.shards, sizing: before.summary.sizing, targetShardBytes: 256,
            readShard: { files[SearchLayout.shard($0)] }, emit: { path, bytes in files[path] = bytes; written.append(path) }
        ))
        #expect(shards(files) == shards(expected.files))
        let changed = shards(expected.files).filter { before.files[$0.key] != $0.value }.keys.sorted()
        #expect(!changed.isEmpty)
        #expect(written.sorted() == changed)
        #expect(result.shardsWritten == changed.count)
    }

    @Test func onlyAPermutationThatMovesSomethingIsARenumbering() throws {
        #expect(SearchIndexRenumbering(newNumbers: [1, 0, 2]) != nil)
        #expect(SearchIndexRenumbering(newNumbers: [0, 1, 2]) == nil)
        #expect(SearchIndexRenumbering(newNumbers: [1, 1, 2]) == nil)
        #expect(SearchIndexRenumbering(newNumbers: [0, 3, 1]) == nil)
        #expect(SearchIndexRenumbering(newNumbers: [-1, 0]) == nil)
        let before = InMemoryIndex(Self.pages)
        // A shard naming a document past the count, or cut short, is refused.
        let renumbering = try #require(SearchIndexRenumbering(newNumbers: [1, 0]))
        let result = try SearchIndexPatch.apply(
            [], renumbering: renumbering, shardCount: before.summary.shards, sizing: before.summary.sizing,
            readShard: { before.files[SearchLayout.shard($0)] }, emit: { _, _ in }
        )
        #expect(result == nil)
        let cut = try SearchIndexPatch.apply(
            [], renumbering: try #require(SearchIndexRenumbering(newNumbers: [1, 0, 2, 3])), shardCount: before.summary.shards,
            sizing: before.summary.sizing, readShard: { before.files[SearchLayout.shard($0)].map { Array($0.dropLast()) } }, emit: { _, _ in }
        )
        #expect(cut == nil)
    }

    @Test func aPatchThatWouldChangeTheShardCountWritesNothing() throws {
        let before = InMemoryIndex(Self.pages, targetShardBytes: 4096)
        #expect(before.summary.shards == 1)
        var longer = Self.pages
        var scalars = String.UnicodeScalarView()
        for step in 0..<3000 { scalars.append(Unicode.Scalar(0x4E00 + (step * 7919) % 20000) ?? "字") }
        longer[3].body = String(scalars)
        var emitted = 0
        let result = try SearchIndexPatch.apply(
            [SearchIndexPatch.Change(document: 3, old: Self.pages[3].record(), new: longer[3].record())],
            shardCount: 1, sizing: before.summary.sizing, targetShardBytes: 4096,
            readShard: { before.files[SearchLayout.shard($0)] }, emit: { _, _ in emitted += 1 }
        )
        #expect(result == nil)
        #expect(emitted == 0)
    }

    @Test func aDamagedShardRefusesThePatch() throws {
        let before = InMemoryIndex(Self.pages)
        var after = Self.pages
        after[0].body = "全新的正文。"
        let result = try SearchIndexPatch.apply(
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
