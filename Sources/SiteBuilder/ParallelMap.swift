/// Runs a function over items on several tasks at once and returns the
/// results in the items' order, whatever order the tasks finish in.
enum ParallelMap {
    static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], workers: Int, _ transform: @escaping @Sendable (Item) -> Result
    ) async -> [Result] {
        let count = items.count
        if count == 0 { return [] }
        let lanes = max(1, min(workers, count))
        if lanes == 1 { return items.map(transform) }
        // Contiguous chunks, many per lane, so that the last ones running
        // leave a core idle only briefly.
        let chunkCount = min(count, lanes * 32)
        let chunkSize = (count + chunkCount - 1) / chunkCount
        return await withTaskGroup(of: (Int, [Result]).self) { group in
            var next = 0
            var running = 0
            var chunks = [[Result]?](repeating: nil, count: (count + chunkSize - 1) / chunkSize)
            func addChunk() {
                let start = next * chunkSize
                let end = min(start + chunkSize, count)
                let index = next
                group.addTask { (index, items[start..<end].map(transform)) }
                next += 1
                running += 1
            }
            while running < lanes && next * chunkSize < count { addChunk() }
            while let (index, results) = await group.next() {
                chunks[index] = results
                running -= 1
                if next * chunkSize < count { addChunk() }
            }
            return chunks.flatMap { $0 ?? [] }
        }
    }
}
