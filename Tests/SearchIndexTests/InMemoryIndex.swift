import SearchIndex

/// Builds an index from documents given oldest first, numbered as the site
/// builder numbers them, into a dictionary of files.
struct InMemoryIndex {
    var files: [String: [UInt8]] = [:]
    var summary: SearchIndexBuilder.Summary

    init(_ documents: [SearchDocument], targetShardBytes: Int = 12 * 1024) {
        var builder = SearchIndexBuilder()
        var files: [String: [UInt8]] = [:]
        for (number, document) in documents.enumerated() {
            files[SearchLayout.fragment(number)] = document.fragment()
            builder.add(document.record())
        }
        summary = builder.write(targetShardBytes: targetShardBytes) { path, bytes in files[path] = bytes }
        self.files = files
    }

    func reader() throws -> SearchIndexReader {
        let files = self.files
        return try SearchIndexReader { files[$0] }
    }

    /// The titles of the first results, best first.
    func titles(_ query: String, limit: Int = 10) throws -> [String] {
        try reader().search(query, limit: limit).hits.map(\.title)
    }
}

func page(_ title: String, names: [String] = [], meta: [String] = [], body: String = "") -> SearchDocument {
    SearchDocument(url: "/\(title)/", title: title, date: "2025年6月7日", section: "栏目", names: names, meta: meta, body: body)
}
