import Diagnostics
import Foundation
import FrontMatter
import SiteModel

/// Reads `_site.yml`, every `_index.md` and every page's front matter, in
/// parallel, and checks them against the schema. Problems are collected, not
/// thrown, so one run reports all of them.
struct SiteParser: Sendable {
    let contentRoot: URL
    /// Paths in messages are shown relative to the site root (`content/news/a.md`).
    let displayPrefix: String
    let baseURLOverride: String?
    let workers: Int

    /// `known`: pages to take from the last build's snapshot instead of reading their files.
    func parse(_ tree: ContentTree, known: KnownPages? = nil) async -> ParsedSite {
        var diagnostics: [Diagnostic] = []
        var config = SiteConfig()
        // _site.yml and every _index.md, for telling an incremental build
        // whether anything but pages changed.
        var settingsHash = ContentHash()
        if let siteFile = tree.siteFile {
            switch readFile(siteFile) {
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
            case .success(let file):
                settingsHash.add(file.bytes[...])
                do {
                    let root = try FrontMatterParser.parseDocument(file.bytes)
                    var reader = FieldReader(file: file.path, source: file.text)
                    config = SiteConfig.read(root, reader: &reader)
                    diagnostics += reader.diagnostics
                } catch {
                    diagnostics.append(error.diagnostic(file: file.path, source: file.text))
                }
            }
        }
        if let baseURLOverride {
            config.baseURL = SiteConfig.normalizedBaseURL(baseURLOverride)
        }

        // A folder is a section when it has an _index.md or holds pages (itself or below);
        // a folder of static files only is just copied.
        var folderWithPages: Set<String> = []
        for page in tree.pages {
            var path = page.sectionPath
            while !path.isEmpty, folderWithPages.insert(path).inserted {
                guard let slash = path.lastIndex(of: "/") else { break }
                path = String(path[..<slash])
            }
        }
        var sections: [String: SectionInfo] = [:]
        for (path, index) in tree.sections.sorted(by: { $0.key < $1.key }) where (index ?? nil) != nil || folderWithPages.contains(path) {
            let name = String(path.split(separator: "/").last ?? Substring(path))
            let (info, problems) = readSection(path: path, title: name, indexFile: index, hash: &settingsHash)
            sections[path] = info
            diagnostics += problems
        }
        var (home, homeProblems) = readSection(path: "", title: config.title, indexFile: tree.homeIndex, hash: &settingsHash)
        if tree.homeIndex == nil { home.title = config.title }
        diagnostics += homeProblems

        let schema = PageSchema(config: config)
        let files = tree.pages
        let sectionKinds = sections.mapValues(\.defaultKind)
        let results = await ParallelMap.map(files, workers: workers) { file in
            if let reused = known?.page(file.id) {
                return (page: Page?.some(reused.page), diagnostics: [Diagnostic](), fingerprint: PageFingerprint?.some(reused.fingerprint), known: true)
            }
            let parsed = parsePage(file, schema: schema, defaultKind: Self.defaultKind(for: file.sectionPath, in: sectionKinds))
            return (parsed.page, parsed.diagnostics, parsed.fingerprint, known: false)
        }
        var pages: [Page] = []
        var fingerprints: [String: PageFingerprint] = [:]
        fingerprints.reserveCapacity(results.count)
        var fromSnapshot = 0
        for (file, result) in zip(files, results) {
            if let page = result.page { pages.append(page) }
            if let fingerprint = result.fingerprint { fingerprints[file.id] = fingerprint }
            diagnostics += result.diagnostics
            if result.known { fromSnapshot += 1 }
        }
        pages.sort { $0.id < $1.id }
        return ParsedSite(
            config: config, home: home, sections: sections, pages: pages, resources: tree.resources, diagnostics: diagnostics,
            fingerprints: fingerprints, settingsHash: settingsHash.value, pagesFromSnapshot: fromSnapshot
        )
    }

    /// One page read again as `parse` read it, for `serve` after an edit.
    func parseAgain(
        _ file: ContentTree.PageFile, config: SiteConfig, sectionKinds: [String: PageKind]
    ) -> (page: Page?, diagnostics: [Diagnostic], fingerprint: PageFingerprint?) {
        parsePage(file, schema: PageSchema(config: config), defaultKind: Self.defaultKind(for: file.sectionPath, in: sectionKinds))
    }

    /// The nearest section (itself or an ancestor) with a `kind` decides a page's default kind.
    private static func defaultKind(for sectionPath: String, in kinds: [String: PageKind]) -> PageKind {
        var path = sectionPath
        while !path.isEmpty {
            if let kind = kinds[path], kind != .article { return kind }
            guard let slash = path.lastIndex(of: "/") else { break }
            path = String(path[..<slash])
        }
        return .article
    }

    private func displayPath(_ relative: String) -> String {
        displayPrefix + relative
    }

    private func readFile(_ relative: String) -> Result<SourceFile, Diagnostic> {
        // open/read for the thousands of pages; a file that fails that way is
        // read again through Foundation, whose error messages the diagnostics show.
        if let bytes = try? FileBytes.read(contentRoot.path + "/" + relative, atMost: SourceFile.maxBytes) {
            return .success(SourceFile(path: displayPath(relative), bytes: bytes))
        }
        do {
            return .success(try SourceFile.read(contentRoot.appendingPathComponent(relative), displayPath: displayPath(relative)))
        } catch {
            return .failure(.error("cannot read this file: \(error.localizedDescription)", at: SourceLocation(file: displayPath(relative), line: 1, column: 1)))
        }
    }

    private func readSection(path: String, title: String, indexFile: String??, hash: inout ContentHash) -> (SectionInfo, [Diagnostic]) {
        hash.add(path)
        guard let indexFile = indexFile ?? nil else {
            return SectionSchema.section(path: path, defaultTitle: title, source: nil, file: nil, text: "")
        }
        switch readFile(indexFile) {
        case .failure(let diagnostic):
            return (SectionInfo(path: path, title: title), [diagnostic])
        case .success(let file):
            hash.add(file.bytes[...])
            do {
                let source = try FrontMatterParser.parsePage(file.bytes)
                return SectionSchema.section(path: path, defaultTitle: title, source: source, file: file.path, text: file.text)
            } catch {
                return (SectionInfo(path: path, title: title), [error.diagnostic(file: file.path, source: file.text)])
            }
        }
    }

    private func parsePage(
        _ file: ContentTree.PageFile, schema: PageSchema, defaultKind: PageKind
    ) -> (page: Page?, diagnostics: [Diagnostic], fingerprint: PageFingerprint?) {
        let source: SourceFile
        switch readFile(file.id) {
        case .failure(let diagnostic): return (nil, [diagnostic], nil)
        case .success(let read): source = read
        }
        let parsed: PageSource
        do {
            parsed = try FrontMatterParser.parsePage(source.bytes)
        } catch {
            return (nil, [error.diagnostic(file: source.path, source: source.text)], nil)
        }
        let input = PageSchema.Input(
            id: file.id, sectionPath: file.sectionPath, fileSlug: file.fileSlug, isBundle: file.isBundle,
            defaultKind: defaultKind, source: parsed, bytes: source.bytes
        )
        let (page, diagnostics) = schema.page(from: input, file: source.path)
        return (page, diagnostics, PageFingerprint(bytes: source.bytes, body: parsed.body))
    }
}
