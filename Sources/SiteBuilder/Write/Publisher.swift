import CUnionPressSystem
import Foundation

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

    private func sibling(_ suffix: String) -> URL {
        output.deletingLastPathComponent().appendingPathComponent("." + output.lastPathComponent + suffix)
    }

    /// Clears what a killed run left behind, restoring the old site if the
    /// run died between its two renames. Runs before anything else, so even a
    /// build that then fails leaves a complete output folder.
    func recover() throws {
        let files = FileManager.default
        // A run killed between its two renames left the old site under `.old`.
        if !files.fileExists(atPath: output.path), files.fileExists(atPath: retired.path) {
            try files.moveItem(at: retired, to: output)
        }
        for leftover in [staging, retired] where files.fileExists(atPath: leftover.path) {
            try files.removeItem(at: leftover)
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
                try? files.removeItem(at: staging)
                return
            }
            try files.moveItem(at: output, to: retired)
            try files.moveItem(at: staging, to: output)
            try? files.removeItem(at: retired)
        } else {
            try files.moveItem(at: staging, to: output)
        }
    }

    /// Drops the staging folder of a failed build.
    func discard() {
        try? FileManager.default.removeItem(at: staging)
    }
}
