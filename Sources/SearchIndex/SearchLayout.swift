/// Where the index files go, relative to the output folder. `search.js`
/// builds the same paths from the manifest.
public enum SearchLayout {
    public static let folder = "search"
    /// The manifest: format version, document and shard counts.
    public static let manifest = "search/index.json"
    /// Fragments are grouped in folders of this many documents.
    public static let fragmentsPerFolder = 1000

    public static func shard(_ number: Int) -> String { "search/s/\(number).bin" }

    public static func fragment(_ document: Int) -> String {
        "search/d/\(document / fragmentsPerFolder)/\(document).u16"
    }
}
