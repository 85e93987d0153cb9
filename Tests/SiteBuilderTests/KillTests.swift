import Foundation
import Testing
@testable import SiteBuilder

/// A build killed at any moment (SIGKILL: no cleanup runs) leaves the output
/// folder either exactly as it was or exactly the new complete site, and the
/// next run clears what the killed one left behind.
@Suite(.serialized) struct KillTests {
    /// The `unionpress` executable SwiftPM built next to this test bundle.
    static var executable: URL? {
        let candidates = [
            Bundle.module.bundleURL.deletingLastPathComponent(),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(),
            Bundle.main.bundleURL,
        ].map { $0.appendingPathComponent("unionpress") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Every file under `folder` (hidden ones too) with its bytes; symbolic
    /// links and other odd entries are recorded so that they fail comparisons.
    static func snapshot(_ folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        let base = folder.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [:] }
        while let relative = enumerator.nextObject() as? String {
            let path = base + "/" + relative
            let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
            switch type {
            case .typeDirectory?: continue
            case .typeRegular?: result[relative] = FileManager.default.contents(atPath: path) ?? Data("(unreadable)".utf8)
            default: result[relative] = Data("(not a regular file)".utf8)
            }
        }
        return result
    }

    /// Two versions of a site with `count` pages that share most paths but
    /// differ in every page's text and in some files: page `i` of version
    /// `v` exists for `v*50 <= i < count + v*50`.
    static func writeSite(version: Int, count: Int, into root: URL) throws {
        let content = root.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        try Data("title: 中断测试 v\(version)\nbase_url: https://example.org/\n".utf8).write(to: content.appendingPathComponent("_site.yml"))
        for section in 0..<6 {
            try FileManager.default.createDirectory(at: content.appendingPathComponent("s\(section)"), withIntermediateDirectories: true)
        }
        for index in (version * 50)..<(count + version * 50) {
            let text = """
            ---
            title: 第\(index)篇（第\(version)版）
            date: 2025-0\(index % 6 + 1)-\(10 + index % 18)
            tags: [专题\(index % 30), 版本\(version)]
            ---
            第\(index)篇的正文，第\(version)版。职工之家建设情况。

            第二段，见[首页](/)。

            """
            try Data(text.utf8).write(to: content.appendingPathComponent("s\(index % 6)/p\(index).md"))
        }
    }

    static func run(_ executable: URL, root: URL, output: URL) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["build", "--root", root.path, "--output", output.path, "--quiet"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// When to kill a build: a moment after it starts, or the moment a
    /// path (relative to the output's parent folder) is created by this run,
    /// plus a delay. Events rather than times, so that every phase is hit on
    /// a fast machine and a slow one alike.
    enum KillPoint: CustomStringConvertible {
        case afterStart(TimeInterval)
        case created(String, then: TimeInterval)
        /// After a page only the new site has appears in public/ (the swap happened).
        case swapped(then: TimeInterval)

        var description: String {
            switch self {
            case .afterStart(let delay): "\(delay) s after the start"
            case .created(let path, let delay): "\(delay) s after \(path) appeared"
            case .swapped(let delay): "\(delay) s after the swap"
            }
        }
    }

    /// A path's identity (inode and modification time), to tell a file this
    /// run made from one a killed run left behind.
    static func identity(_ url: URL) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path) else { return nil }
        return "\(attributes[.systemFileNumber] ?? 0)/\((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
    }

    /// Runs a build and kills it at `point`; returns whether it finished first.
    static func runAndKill(_ executable: URL, root: URL, output: URL, at point: KillPoint) throws -> Bool {
        let parent = output.deletingLastPathComponent()
        var watched: (url: URL, before: String?, delay: TimeInterval)?
        if case .created(let path, let delay) = point {
            let url = parent.appendingPathComponent(path)
            watched = (url, identity(url), delay)
        }
        let process = try run(executable, root: root, output: output)
        switch point {
        case .afterStart(let delay):
            Thread.sleep(forTimeInterval: delay)
        case .created, .swapped:
            let deadline = Date().addingTimeInterval(60)
            while let watched, process.isRunning, Date() < deadline {
                if let now = identity(watched.url), now != watched.before { break }
                usleep(500)
            }
            Thread.sleep(forTimeInterval: watched?.delay ?? 0)
        }
        let finished = !process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return finished
    }

    @Test func killedBuildsLeaveTheOldSiteOrTheNewOne() throws {
        let executable = try #require(Self.executable, "build the unionpress executable first (swift build)")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("unionpress-kill-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let count = 600
        let roots = [work.appendingPathComponent("site-a"), work.appendingPathComponent("site-b")]
        for (version, root) in roots.enumerated() {
            try Self.writeSite(version: version, count: count, into: root)
        }
        let parent = work.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let output = parent.appendingPathComponent("public")

        // The complete trees, each from an uninterrupted build (the same input gives the same bytes).
        var trees: [[String: Data]] = []
        for root in roots {
            let process = try Self.run(executable, root: root, output: output)
            process.waitUntilExit()
            try #require(process.terminationStatus == 0)
            trees.append(Self.snapshot(output))
        }
        try #require(trees[0].count > count && trees[1].count > count)
        try #require(trees[0] != trees[1] && Set(trees[0].keys) != Set(trees[1].keys))
        var current = 1  // public/ now holds version 1

        // A page only the new version has: it appears in public/ at the swap.
        func onlyInNew(_ version: Int) -> String {
            let index = version == 0 ? 10 : count + 10
            return "public/s\(index % 6)/p\(index)/index.html"
        }
        // Loading, writing pages, writing lists, and the end of a build in
        // fine steps (the last files, the swap, removing the old site), interleaved
        // so that a slow machine that runs out of time still covers every phase.
        let early: [KillPoint] = [
            .afterStart(0), .created(".public.staging", then: 0), .afterStart(0.02),
            .created(".public.staging/s1/p61/index.html", then: 0), .created(".public.staging/s3/p303/index.html", then: 0),
            .created(".public.staging/index.html", then: 0), .created(".public.staging/tags/index.html", then: 0),
        ]
        let late: [KillPoint] = [0, 0.0005, 0.001, 0.002, 0.004, 0.008, 0.016, 0.03].map { .created(".public.staging/sitemap.xml", then: $0) }
        let swapped: [KillPoint] = [0, 0.002, 0.01].map { .swapped(then: $0) }
        var points: [KillPoint] = []
        for index in 0..<max(early.count, late.count) {
            if index < early.count { points.append(early[index]) }
            if index < late.count { points.append(late[index]) }
            if index < swapped.count { points.append(swapped[index]) }
        }
        var kept = 0
        var replaced = 0
        let budget = Date().addingTimeInterval(40)
        for point in points where Date() < budget {
            let next = 1 - current
            var resolved = point
            if case .swapped(let delay) = point { resolved = .created(onlyInNew(next), then: delay) }
            let finished = try Self.runAndKill(executable, root: roots[next], output: output, at: resolved)
            let tree = Self.snapshot(output)
            let state = trees.firstIndex(of: tree)
            #expect(state != nil, "killed \(resolved): public/ is neither site (\(tree.count) files)")
            let leftovers = Set(try FileManager.default.contentsOfDirectory(atPath: parent.path))
            #expect(leftovers.isSubset(of: ["public", ".public.staging", ".public.old"]), "\(leftovers.sorted())")
            if let state {
                if finished { #expect(state == next, "a finished build published its site") }
                if state == current { kept += 1 } else { replaced += 1 }
                current = state
            }
        }
        // The kills right at the start interrupted builds, the ones after the new page appeared in public/ came after the swap.
        #expect(kept >= 1 && replaced >= 1, "kept \(kept), replaced \(replaced)")

        // The next full run clears what the killed ones left and publishes its site.
        let next = 1 - current
        let process = try Self.run(executable, root: roots[next], output: output)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(Self.snapshot(output) == trees[next])
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["public"])
    }

    /// An incremental build (page bodies changed) updates the output in
    /// place: killed at any moment, each file is its old version or its new
    /// one, and the next run completes the update from its journal.
    @Test func killedIncrementalBuildsLeaveEachFileOldOrNewAndTheNextRunCompletes() throws {
        let executable = try #require(Self.executable, "build the unionpress executable first (swift build)")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("unionpress-kill-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let root = work.appendingPathComponent("site")
        let output = work.appendingPathComponent("out/public")
        try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
        let count = 400
        try Self.writeSite(version: 0, count: count, into: root)
        let pages = (0..<count).map { root.appendingPathComponent("content/s\($0 % 6)/p\($0).md") }
        let original = try pages.map { try Data(contentsOf: $0) }
        // Every body changes, no front matter does: an incremental build that rewrites most files.
        let edited = original.map { Data(String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "建设情况", with: "建设新进展").utf8) }
        func write(_ versions: [Data]) throws {
            for (page, data) in zip(pages, versions) { try data.write(to: page) }
        }
        func build() throws {
            let process = try Self.run(executable, root: root, output: output)
            process.waitUntilExit()
            try #require(process.terminationStatus == 0)
        }
        try build()
        let old = Self.snapshot(output)
        try write(edited)
        try build()
        let new = Self.snapshot(output)
        try #require(old.count == new.count && old != new)

        let points: [KillPoint] = [
            .created(".public.journal", then: 0), .afterStart(0.05), .created(".public.journal", then: 0.0005),
            .created(".public.staging", then: 0.01), .created(".public.journal", then: 0.002),
        ]
        var interrupted = 0
        for point in points {
            // Back to the old site (itself an incremental build), then the edit, killed.
            try write(original)
            try build()
            try #require(Self.snapshot(output) == old)
            try write(edited)
            let finished = try Self.runAndKill(executable, root: root, output: output, at: point)
            if !finished { interrupted += 1 }
            let tree = Self.snapshot(output)
            let mixed = tree.filter { path, data in data != old[path] && data != new[path] }.keys.sorted()
            #expect(mixed.isEmpty, "killed \(point): files neither old nor new: \(mixed.prefix(5))")
            #expect(Set(tree.keys) == Set(new.keys), "killed \(point): files missing or extra")
            try build()
            #expect(Self.snapshot(output) == new, "after \(point), the next run did not complete the update")
            #expect(try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path) == ["public"])
        }
        #expect(interrupted >= 1)
    }

    @Test func recoveryRestoresTheOldSiteAfterAKillBetweenTwoRenames() throws {
        let site = try TemporarySite(["content/_site.yml": "title: t\n"])
        let publisher = Publisher(output: site.root.appendingPathComponent("public"))
        // What the fallback path (no renameat2) leaves when killed after its first rename.
        try site.write(".public.old/index.html", "old")
        try site.write(".public.staging/index.html", "half-new")
        try publisher.recover()
        #expect(site.read("public/index.html") == "old")
        #expect(!site.exists(".public.old"))
        #expect(!site.exists(".public.staging"))
    }

    @Test func recoveryDropsStaleFoldersAndKeepsTheSite() throws {
        let site = try TemporarySite(["content/_site.yml": "title: t\n", "public/index.html": "current"])
        let publisher = Publisher(output: site.root.appendingPathComponent("public"))
        // A kill after the swap leaves the old site in staging; one before it, a partial new one.
        try site.write(".public.staging/index.html", "previous")
        try site.write(".public.staging/deep/a/b/c.html", "x")
        try site.write(".public.old/index.html", "older")
        try publisher.recover()
        #expect(site.read("public/index.html") == "current")
        #expect(!site.exists(".public.old"))
        #expect(!site.exists(".public.staging"))
    }

    @Test(arguments: [true, false]) func publishingReplacesTheWholeFolder(swapsAtomically: Bool) throws {
        let site = try TemporarySite(["content/_site.yml": "title: t\n", "public/old-only.html": "old", "public/index.html": "old"])
        var publisher = Publisher(output: site.root.appendingPathComponent("public"))
        publisher.swapsAtomically = swapsAtomically
        try publisher.prepare()
        try site.write(".public.staging/index.html", "new")
        try publisher.publish()
        #expect(site.read("public/index.html") == "new")
        #expect(!site.exists("public/old-only.html"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path).sorted() == ["content", "public"])
    }
}
