#if canImport(Glibc)
import Glibc
#endif

/// The files under a folder, relative to it: what an incremental build
/// staged, to be moved into the output (`Publisher.commitChanges`).
enum OutputListing {
    static func files(under folder: String) -> [String] {
        var result: [String] = []
        collect(folder, relative: "", into: &result, depth: 0)
        return result
    }

    private static func collect(_ folder: String, relative: String, into result: inout [String], depth: Int) {
        // Outputs are a few folders deep; deeper is not ours.
        guard depth < 64, let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let path = relative.isEmpty ? name : relative + "/" + name
            var isFolder = entry.pointee.d_type == UInt8(DT_DIR)
            if entry.pointee.d_type == UInt8(DT_UNKNOWN) {
                var info = stat()
                isFolder = lstat(folder + "/" + name, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
            }
            if isFolder {
                collect(folder + "/" + name, relative: path, into: &result, depth: depth + 1)
            } else {
                result.append(path)
            }
        }
    }
}
