import Foundation

/// Walks content/ and sorts what it finds into pages, sections, bundle
/// resources and files to copy. Names starting with `_` or `.` are never
/// pages; symbolic links that lead outside content/ are not followed.
struct ContentScanner {
    let contentRoot: URL

    func scan() throws -> ContentTree {
        var tree = ContentTree()
        let rootPath = contentRoot.resolvingSymlinksInPath().path
        try scanDirectory(relative: "", section: "", tree: &tree, rootPath: rootPath, depth: 0)
        return tree
    }

    private func entries(of relative: String) throws -> [String] {
        let url = relative.isEmpty ? contentRoot : contentRoot.appendingPathComponent(relative)
        return try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    private enum EntryType { case file, directory, outside, other }

    private func type(of relative: String, rootPath: String) -> EntryType {
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

    private func scanDirectory(relative: String, section: String, tree: inout ContentTree, rootPath: String, depth: Int) throws {
        guard depth < 32 else { return }
        for name in try entries(of: relative) {
            let path = Self.join(relative, name)
            let entryType = type(of: path, rootPath: rootPath)
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
            switch entryType {
            case .directory:
                if type(of: Self.join(path, "index.md"), rootPath: rootPath) == .file {
                    tree.pages.append(.init(id: Self.join(path, "index.md"), sectionPath: relative, fileSlug: name, isBundle: true))
                    try scanBundle(relative: path, owner: Self.join(path, "index.md"), inner: "", tree: &tree, rootPath: rootPath, depth: depth + 1)
                } else {
                    if tree.sections[path] == nil { tree.sections[path] = .some(nil) }
                    try scanDirectory(relative: path, section: path, tree: &tree, rootPath: rootPath, depth: depth + 1)
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

    private func scanBundle(relative: String, owner: String, inner: String, tree: inout ContentTree, rootPath: String, depth: Int) throws {
        guard depth < 32 else { return }
        for name in try entries(of: relative) {
            let path = Self.join(relative, name)
            let innerPath = Self.join(inner, name)
            if name.hasPrefix("_") || name.hasPrefix(".") || (inner.isEmpty && name == "index.md") { continue }
            switch type(of: path, rootPath: rootPath) {
            case .directory:
                try scanBundle(relative: path, owner: owner, inner: innerPath, tree: &tree, rootPath: rootPath, depth: depth + 1)
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
