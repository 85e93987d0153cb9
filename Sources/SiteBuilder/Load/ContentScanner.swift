import Foundation
import SiteModel

/// Walks content/ and sorts what it finds into pages, sections, bundle
/// resources and files to copy. Names starting with `_` or `.` are never
/// pages; symbolic links that lead outside content/, or back to a folder
/// that contains them, are not followed; names that cannot be part of a URL
/// (see `URLPath.isSafeSegment`) are set aside for an error.
struct ContentScanner {
    let contentRoot: URL

    /// Deeper folders are reported, not read.
    static let maxDepth = 32

    func scan() throws -> ContentTree {
        var tree = ContentTree()
        let rootPath = contentRoot.resolvingSymlinksInPath().path
        try scanDirectory(relative: "", section: "", tree: &tree, rootPath: rootPath, depth: 0, ancestors: [rootPath], realFolder: rootPath)
        return tree
    }

    /// The real path of a folder, to recognise a link back to one being read.
    private func realPath(_ relative: String) -> String {
        contentRoot.appendingPathComponent(relative).resolvingSymlinksInPath().path
    }

    /// Sets aside a name that cannot become a folder under public/ or a URL segment.
    private static func isUsable(_ name: String, path: String, tree: inout ContentTree) -> Bool {
        if URLPath.isSafeSegment(name) { return true }
        tree.unusableNames.append(path)
        return false
    }

    private enum EntryType { case file, directory, outside, other }

    /// An entry of a folder; `plainFolder` when readdir said it is a folder
    /// (not a link to one), so its real path is its folder's plus its name.
    private struct Entry {
        var name: String
        var type: EntryType
        var plainFolder: Bool
    }

    /// The folder's entries, sorted by name, with their types from readdir's
    /// d_type, so most entries cost no stat call.
    private func entries(of relative: String, rootPath: String) throws -> [Entry] {
        let folder = relative.isEmpty ? contentRoot.path : contentRoot.path + "/" + relative
        guard let directory = opendir(folder) else {
            throw CocoaError(.fileReadNoPermission, userInfo: [NSFilePathErrorKey: folder])
        }
        defer { closedir(directory) }
        var result: [Entry] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let path = relative.isEmpty ? name : relative + "/" + name
            let entryType: EntryType
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): entryType = .file
            case Int32(DT_DIR): entryType = .directory
            default: entryType = type(of: path, rootPath: rootPath)
            }
            result.append(Entry(name: name, type: entryType, plainFolder: Int32(entry.pointee.d_type) == Int32(DT_DIR)))
        }
        return result.sorted { $0.name < $1.name }
    }

    /// The type of an entry readdir could not tell: symbolic links are
    /// followed only when they stay inside content/.
    private func type(of relative: String, rootPath: String) -> EntryType {
        // lstat first, as FileManager's attributes would: only a symbolic link needs more.
        var info = stat()
        guard lstat(contentRoot.path + "/" + relative, &info) == 0 else { return .other }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFLNK: break
        default: return .other
        }
        let url = contentRoot.appendingPathComponent(relative)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path) else { return .other }
        var fileType = attributes[.type] as? FileAttributeType
        if fileType == .typeSymbolicLink {
            let target = url.resolvingSymlinksInPath().path
            guard target == rootPath || target.hasPrefix(rootPath + "/") else { return .outside }
            fileType = (try? FileManager.default.attributesOfItem(atPath: target))?[.type] as? FileAttributeType
        }
        switch fileType {
        case .typeRegular?: return .file
        case .typeDirectory?: return .directory
        default: return .other
        }
    }

    private static func join(_ base: String, _ name: String) -> String {
        base.isEmpty ? name : base + "/" + name
    }

    private func scanDirectory(relative: String, section: String, tree: inout ContentTree, rootPath: String, depth: Int, ancestors: Set<String>, realFolder: String) throws {
        guard depth < Self.maxDepth else {
            tree.tooDeep.append(relative)
            return
        }
        for entry in try entries(of: relative, rootPath: rootPath) {
            let (name, entryType) = (entry.name, entry.type)
            let path = Self.join(relative, name)
            if entryType == .outside {
                tree.skippedLinks.append(path)
                continue
            }
            if relative.isEmpty && name == "_site.yml" && entryType == .file {
                tree.siteFile = path
                continue
            }
            if name == "_index.md" && entryType == .file {
                if relative.isEmpty { tree.homeIndex = path } else { tree.sections[relative] = .some(path) }
                continue
            }
            if name.hasPrefix("_") || name.hasPrefix(".") { continue }
            if entryType != .other, !Self.isUsable(name, path: path, tree: &tree) { continue }
            switch entryType {
            case .directory:
                // A folder that is not a link is where its folder is, under its own name.
                let real = entry.plainFolder ? realFolder + "/" + name : realPath(path)
                if ancestors.contains(real) {
                    tree.loopingLinks.append(path)
                    continue
                }
                if type(of: Self.join(path, "index.md"), rootPath: rootPath) == .file {
                    tree.pages.append(.init(id: Self.join(path, "index.md"), sectionPath: relative, fileSlug: name, isBundle: true))
                    try scanBundle(relative: path, owner: Self.join(path, "index.md"), inner: "", tree: &tree, rootPath: rootPath, depth: depth + 1, ancestors: ancestors.union([real]), realFolder: real)
                } else {
                    if tree.sections[path] == nil { tree.sections[path] = .some(nil) }
                    try scanDirectory(relative: path, section: path, tree: &tree, rootPath: rootPath, depth: depth + 1, ancestors: ancestors.union([real]), realFolder: real)
                }
            case .file:
                if name.hasSuffix(".md") {
                    tree.pages.append(.init(id: path, sectionPath: relative, fileSlug: String(name.dropLast(3)), isBundle: false))
                } else {
                    tree.resources.append(.init(path: path, ownerPage: nil, pathInBundle: nil))
                }
            case .outside, .other:
                continue
            }
        }
    }

    private func scanBundle(relative: String, owner: String, inner: String, tree: inout ContentTree, rootPath: String, depth: Int, ancestors: Set<String>, realFolder: String) throws {
        guard depth < Self.maxDepth else {
            tree.tooDeep.append(relative)
            return
        }
        for entry in try entries(of: relative, rootPath: rootPath) {
            let (name, entryType) = (entry.name, entry.type)
            let path = Self.join(relative, name)
            let innerPath = Self.join(inner, name)
            if name.hasPrefix("_") || name.hasPrefix(".") || (inner.isEmpty && name == "index.md") { continue }
            if entryType != .other, entryType != .outside, !Self.isUsable(name, path: path, tree: &tree) { continue }
            switch entryType {
            case .directory:
                // A folder that is not a link is where its folder is, under its own name.
                let real = entry.plainFolder ? realFolder + "/" + name : realPath(path)
                if ancestors.contains(real) {
                    tree.loopingLinks.append(path)
                    continue
                }
                try scanBundle(relative: path, owner: owner, inner: innerPath, tree: &tree, rootPath: rootPath, depth: depth + 1, ancestors: ancestors.union([real]), realFolder: real)
            case .file:
                tree.resources.append(.init(path: path, ownerPage: owner, pathInBundle: innerPath))
            case .outside:
                tree.skippedLinks.append(path)
            case .other:
                continue
            }
        }
    }
}
