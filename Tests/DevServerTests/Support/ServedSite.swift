import DevServer
import Foundation
import Synchronization

/// A site in a temporary folder, served by an in-process DevServer on a
/// free loopback port; `stop()` ends the server and removes the folder.
final class ServedSite: Sendable {
    let root: URL
    let port: Int
    /// Where the server builds the site (a temporary folder of its own).
    let outputFolder: String
    private let log: EventLog
    private let server: Task<DevServerError?, Never>

    static let files: [String: String] = [
        "content/_site.yml": """
        title: 测试工会网
        base_url: https://news.example.org/
        """,
        "content/_index.md": """
        ---
        title: 首页
        ---
        欢迎访问。
        """,
        "content/news/_index.md": """
        ---
        title: 地方实践
        ---
        """,
        "content/news/a.md": """
        ---
        title: 初稿标题
        date: 2025-06-06
        ---
        第一版正文。
        """,
        "content/news/通知.md": """
        ---
        title: 放假通知
        date: 2025-06-05
        ---
        通知正文。
        """,
        "content/news/draft.md": """
        ---
        title: 尚未发布的草稿
        date: 2025-06-04
        draft: true
        ---
        草稿正文。
        """,
        "content/news/future.md": """
        ---
        title: 未来的报道
        date: 2099-01-01
        ---
        还没到时间。
        """,
    ]

    /// Writes the site and starts serving it; returns once the first build
    /// finished and the server listens (or throws after 60 seconds).
    static func start(files: [String: String] = ServedSite.files) async throws -> ServedSite {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("unionpress-serve-test-\(UUID().uuidString)")
        for (path, text) in files {
            try write(text, to: root.appendingPathComponent(path))
        }
        var options = DevServerOptions(root: root.path)
        options.port = 0
        options.workers = 2
        let log = EventLog()
        let server = Task { () -> DevServerError? in
            do throws(DevServerError) {
                try await DevServer(options: options).run(onEvent: { log.append($0) })
                return nil
            } catch {
                return error
            }
        }
        guard let listening = await log.wait(timeoutSeconds: 60, for: { events in
            events.lazy.compactMap { event -> (Int, String)? in
                if case .listening(_, let port, let folder) = event { return (port, folder) }
                return nil
            }.first
        }) else {
            server.cancel()
            let failure = await server.value
            try? FileManager.default.removeItem(at: root)
            throw ServedSiteError.notListening(failure?.description ?? "no listening event")
        }
        return ServedSite(root: root, port: listening.0, outputFolder: listening.1, log: log, server: server)
    }

    private init(root: URL, port: Int, outputFolder: String, log: EventLog, server: Task<DevServerError?, Never>) {
        self.root = root
        self.port = port
        self.outputFolder = outputFolder
        self.log = log
        self.server = server
    }

    /// Cancels the server, waits for it to end, removes the site.
    @discardableResult
    func stop() async -> DevServerError? {
        server.cancel()
        let failure = await server.value
        try? FileManager.default.removeItem(at: root)
        return failure
    }

    var events: [DevServerEvent] { log.events }

    /// Saves the way many editors do: into a hidden temporary file beside
    /// the target, then renamed over it.
    func save(_ path: String, _ text: String) throws {
        let target = root.appendingPathComponent(path)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).tmp")
        try Self.write(text, to: temporary)
        guard rename(temporary.path, target.path) == 0 else { throw ServedSiteError.rename(path) }
    }

    private static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}

enum ServedSiteError: Error {
    case notListening(String)
    case rename(String)
}

/// Collects a server's events for tests to wait on.
final class EventLog: Sendable {
    private let stored = Mutex<[DevServerEvent]>([])

    func append(_ event: DevServerEvent) {
        stored.withLock { $0.append(event) }
    }

    var events: [DevServerEvent] { stored.withLock { $0 } }

    /// Polls until `match` finds something in the events, for at most
    /// `timeoutSeconds`.
    func wait<T: Sendable>(timeoutSeconds: Double, for match: @Sendable ([DevServerEvent]) -> T?) async -> T? {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while Date() < deadline {
            if let found = match(events) { return found }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }
}
