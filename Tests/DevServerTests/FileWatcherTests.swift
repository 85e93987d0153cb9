import DevServer
import Foundation
import Synchronization
import Testing

/// inotify watching: recursive folders, folders made later, editor saves.
@Suite struct FileWatcherTests {
    /// A site folder with content/, watched; batches are collected as they
    /// come. Waits are bounded.
    final class Watched: Sendable {
        let root: URL
        let watcher: FileWatcher
        private let batches = Mutex<[[String]]>([])
        private let consumed = Mutex(0)
        private let reader: Task<Void, Never>

        init(debounceMilliseconds: Int = 100) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("unionpress-watch-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root.appendingPathComponent("content/news"), withIntermediateDirectories: true)
            try Data("---\ntitle: a\n---\n".utf8).write(to: root.appendingPathComponent("content/news/a.md"))
            watcher = try FileWatcher(root: root, folders: ["content", "templates"], debounceMilliseconds: debounceMilliseconds)
            let changes = watcher.changes
            let batches = Batches()
            reader = Task {
                for await batch in changes { batches.append(batch) }
            }
            self.collected = batches
        }

        private let collected: Batches

        deinit {
            watcher.stop()
            reader.cancel()
            try? FileManager.default.removeItem(at: root)
        }

        func write(_ path: String, _ text: String = "x") throws {
            let url = root.appendingPathComponent(path)
            try Data(text.utf8).write(to: url)
        }

        func makeFolder(_ path: String) throws {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(path), withIntermediateDirectories: true)
        }

        func move(_ from: String, _ to: String) {
            _ = rename(root.appendingPathComponent(from).path, root.appendingPathComponent(to).path)
        }

        /// Every path reported from the batches not yet consumed, up to and
        /// including the first batch that names `path`; nil after 30 s.
        func pathsUntil(_ path: String) async -> Set<String>? {
            let deadline = Date().addingTimeInterval(30)
            var seen = Set<String>()
            while Date() < deadline {
                for batch in collected.take() {
                    seen.formUnion(batch)
                    if batch.contains(path) { return seen }
                }
                try? await Task.sleep(for: .milliseconds(10))
            }
            return nil
        }
    }

    final class Batches: Sendable {
        private let stored = Mutex<[[String]]>([])

        func append(_ batch: [String]) {
            stored.withLock { $0.append(batch) }
        }

        /// The batches since the last call.
        func take() -> [[String]] {
            stored.withLock { batches in
                defer { batches.removeAll() }
                return batches
            }
        }
    }

    @Test func reportsEditsInNestedFolders() async throws {
        let watched = try Watched()
        try watched.write("content/news/a.md", "changed")
        #expect(await watched.pathsUntil("content/news/a.md") == ["content/news/a.md"])
    }

    @Test func watchesFoldersMadeAfterItStarted() async throws {
        let watched = try Watched()
        try watched.makeFolder("content/events")
        #expect(await watched.pathsUntil("content/events") == ["content/events"])
        try watched.write("content/events/new.md")
        #expect(await watched.pathsUntil("content/events/new.md") == ["content/events/new.md"])

        // templates/ did not exist at the start.
        try watched.makeFolder("templates")
        #expect(await watched.pathsUntil("templates") == ["templates"])
        try watched.write("templates/base.html")
        #expect(await watched.pathsUntil("templates/base.html") == ["templates/base.html"])
    }

    @Test func seesEditorsThatSaveByRenaming() async throws {
        // A longer quiet period keeps each save's two steps in one batch.
        let watched = try Watched(debounceMilliseconds: 300)
        // Vim-style: a hidden scratch file renamed over the original.
        try watched.write("content/news/.a.md.swp", "new text")
        watched.move("content/news/.a.md.swp", "content/news/a.md")
        #expect(await watched.pathsUntil("content/news/a.md") == ["content/news/a.md"])
        // sed -i style: a visible temporary name, made and renamed away.
        try watched.write("content/news/sedAbc123", "new text")
        watched.move("content/news/sedAbc123", "content/news/b.md")
        #expect(await watched.pathsUntil("content/news/b.md") == ["content/news/b.md"])
        // A removal is a change too.
        try FileManager.default.removeItem(at: watched.root.appendingPathComponent("content/news/b.md"))
        #expect(await watched.pathsUntil("content/news/b.md") == ["content/news/b.md"])
    }

    @Test func followsFoldersRenamedInsideAndForgetsFoldersMovedOut() async throws {
        let watched = try Watched()
        watched.move("content/news", "content/reports")
        #expect(await watched.pathsUntil("content/reports") == ["content/news", "content/reports"])
        try watched.write("content/reports/a.md", "edited")
        #expect(await watched.pathsUntil("content/reports/a.md") == ["content/reports/a.md"])
        // Moved out of the site: edits there are no longer the site's.
        watched.move("content/reports", "outside")
        #expect(await watched.pathsUntil("content/reports") == ["content/reports"])
        try watched.write("outside/a.md", "elsewhere")
        try watched.write("content/b.md")
        #expect(await watched.pathsUntil("content/b.md") == ["content/b.md"])
    }

    @Test func ignoresEverythingElseAtTheRoot() async throws {
        let watched = try Watched()
        try watched.write("notes.txt")
        try watched.makeFolder("public")
        try watched.write("content/news/c.md")
        #expect(await watched.pathsUntil("content/news/c.md") == ["content/news/c.md"])
    }

    @Test func scratchNames() {
        #expect(FileWatcher.isScratchName(".a.md.swp"))
        #expect(FileWatcher.isScratchName("a.md~"))
        #expect(FileWatcher.isScratchName("4913"))
        #expect(!FileWatcher.isScratchName("_index.md"))
        #expect(!FileWatcher.isScratchName("通知.md"))
    }
}
