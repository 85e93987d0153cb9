import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Everything a build's output depends on besides the pages: the
/// generator, the options, the templates, `_site.yml` and the `_index.md`
/// files, which sections there are, and the files copied beside the pages
/// and where they go.
/// Two builds with the same key differ only where pages differ, which
/// `OutputKeys` follows output by output.
enum SiteStructure {
    static func key(root: URL, options: BuildOptions, outputPath: String, tree: ContentTree, parsed: ParsedSite, site: Site) -> UInt64 {
        var hasher = StableHasher()
        hasher.add(number: optionsKey(options, outputPath: outputPath))
        BuildState.walk(root.path + "/templates", relative: "templates", hasher: &hasher, depth: 0)
        hasher.add("settings \(parsed.settingsHash)")
        // A folder holding pages is a section even without an _index.md, and sections are in every page's menu.
        hasher.add("sections")
        for section in site.sections.keys.sorted() { hasher.add(section) }
        hasher.add("resources")
        let content = root.path + "/content/"
        for resource in tree.resources.map(\.path).sorted() {
            var info = stat()
            // stat follows a link: a linked image that changed changes the key.
            if stat(content + resource, &info) == 0 {
                hasher.add("\(resource) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_ino)")
            } else {
                hasher.add("\(resource) missing")
            }
        }
        // Where each is copied to: a bundle whose page moves takes its files along,
        // which only a full render copies.
        hasher.add("resource outputs")
        for (source, output) in site.resourceOutputs.sorted(by: { $0.key < $1.key }) {
            hasher.add(source)
            hasher.add(output)
        }
        for list in [tree.skippedLinks, tree.loopingLinks, tree.unusableNames, tree.tooDeep] {
            hasher.add("\(list.count)")
            for name in list { hasher.add(name) }
        }
        return hasher.value
    }

    /// The generator and the options that change output.
    static func optionsKey(_ options: BuildOptions, outputPath: String) -> UInt64 {
        var hasher = StableHasher()
        hasher.add("cache format \(BuildCache.formatVersion) snapshot format \(SiteSnapshot.formatVersion)")
        hasher.add(BuildState.executableStamp())
        hasher.add("drafts \(options.includeDrafts) future \(options.includeFuture) search \(options.search)")
        hasher.add("base \(options.baseURL ?? "")")
        hasher.add("output \(outputPath)")
        hasher.add("head \(options.extraHead)")
        return hasher.value
    }
}
