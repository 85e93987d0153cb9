import CUnionPressSystem
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Makes a build atomic: files go into a staging folder beside the output
/// folder, which replaces the output only when everything succeeded. Killed at
/// any moment, the output folder is either the old site or the new one.
struct Publisher: Sendable {
    let output: URL
    /// Whether to try the one-call swap first; tests turn it off to check
    /// the two-rename fallback that other systems use.
    var swapsAtomically = true

    var staging: URL { sibling(".staging") }
    var retired: URL { sibling(".old") }
    /// The list of an update in place, present while it is being applied.
    var journal: URL { sibling(".journal") }

    private func sibling(_ suffix: String) -> URL {
        output.deletingLastPathComponent().appendingPathComponent("." + output.lastPathComponent + suffix)
    }

    /// Clears what a killed run left behind, restoring the old site if the
    /// run died between its two renames. Runs before anything else, so even a
    /// build that then fails leaves a complete output folder.
    func recover() throws {
        let files = FileManager.default
        // A run killed while moving changed files into place: finish the moves.
        if let list = files.contents(atPath: journal.path) {
            try apply(Self.entries(in: list))
            try files.removeItem(at: journal)
        }
        // A run killed between its two renames left the old site under `.old`.
        if !files.fileExists(atPath: output.path), files.fileExists(atPath: retired.path) {
            try files.moveItem(at: retired, to: output)
        }
        for leftover in [staging, retired] where files.fileExists(atPath: leftover.path) {
            // The fast way first; whatever it leaves, the slow way removes or says why not.
            if !FolderRemover.remove(leftover.path) { try files.removeItem(at: leftover) }
        }
    }

    /// Files every build writes: a folder holding them all is a site this
    /// tool built, which may be replaced.
    static let builtFiles: Set<String> = ["index.html", "404.html", "feed.xml", "sitemap.xml"]

    /// Why the output folder must not be replaced, or nil when it may be: it
    /// does not exist, is empty, or holds what a build writes. A build
    /// replaces the whole folder, so a mistyped `--output` must never take
    /// someone's own folder (or a file) with it.
    func reasonNotToReplace() -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: output.path, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else { return "it is a file, not a folder" }
        let entries = Set((try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? [])
        if entries.isEmpty || Self.builtFiles.isSubset(of: entries) { return nil }
        return "it holds files a build did not write (a built site has \(Self.builtFiles.sorted().joined(separator: ", ")))"
    }

    /// Makes an empty staging folder.
    func prepare() throws {
        try recover()
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    }

    /// Puts the staging folder in place of the output folder.
    func publish() throws {
        let files = FileManager.default
        if files.fileExists(atPath: output.path) {
            // One system call swaps the two folders, so there is no moment without a site.
            if swapsAtomically, unionpress_exchange_paths(staging.path, output.path) == 0 {
                FolderRemover.remove(staging.path)
                return
            }
            try files.moveItem(at: output, to: retired)
            try files.moveItem(at: staging, to: output)
            FolderRemover.remove(retired.path)
        } else {
            try files.moveItem(at: staging, to: output)
        }
    }

    /// Updates the output folder in place from the staging folder, which
    /// holds only the files that changed: each is renamed over its old
    /// version, so a reader sees the old file or the new one, never half of
    /// one; `removals` are deleted. The list goes to the journal first, so a
    /// run killed halfway is completed by the next run's `recover`, before
    /// anything else. Costs in proportion to the change, not to the site.
    func commitChanges(removing removals: [String]) throws {
        var entries = OutputListing.files(under: staging.path).sorted().map { "+" + $0 }
        entries += removals.sorted().map { "-" + $0 }
        let list = Data(entries.joined(separator: "\0").utf8)
        let pending = sibling(".journal.new")
        try list.write(to: pending)
        // The rename is the moment the update counts as made.
        guard rename(pending.path, journal.path) == 0 else { throw OutputWriteError(path: journal.lastPathComponent, code: errno) }
        try apply(entries)
        try FileManager.default.removeItem(at: journal)
        FolderRemover.remove(staging.path)
    }

    private static func entries(in list: Data) -> [String] {
        String(decoding: list, as: UTF8.self).split(separator: "\0").map(String.init)
    }

    /// `+path`: move the staged file into place (already moved: nothing to
    /// do); `-path`: delete it from the output. Paths are relative and
    /// checked, so a damaged journal cannot reach outside the output folder.
    private func apply(_ entries: [String]) throws {
        for entry in entries {
            let path = String(entry.dropFirst())
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else { continue }
            let target = output.path + "/" + path
            if entry.hasPrefix("-") {
                unlink(target)
                // Folders left empty go too, as a full build would not make
                // them: a server answers a bare folder with 403, not the 404 page.
                var folder = parts.dropLast()
                while !folder.isEmpty, rmdir(output.path + "/" + folder.joined(separator: "/")) == 0 {
                    folder = folder.dropLast()
                }
                continue
            }
            let source = staging.path + "/" + path
            var info = stat()
            guard lstat(source, &info) == 0 else { continue }
            if rename(source, target) != 0 {
                guard errno == ENOENT else { throw OutputWriteError(path: path, code: errno) }
                try FileManager.default.createDirectory(
                    atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true
                )
                guard rename(source, target) == 0 else { throw OutputWriteError(path: path, code: errno) }
            }
        }
    }

    /// Drops the staging folder of a failed build.
    func discard() {
        if !FolderRemover.remove(staging.path) { try? FileManager.default.removeItem(at: staging) }
    }
}
