import Diagnostics
import Foundation
import Hummingbird
import ServiceLifecycle
import SiteBuilder

/// What `unionpress serve` runs: builds the site (drafts and future pages
/// included) into a temporary folder, serves it over HTTP, and rebuilds
/// when content/, templates/ or content/_site.yml change, telling open
/// pages to reload (or to show the build's errors).
public struct DevServer: Sendable {
    public let options: DevServerOptions

    public init(options: DevServerOptions) {
        self.options = options
    }

    /// Runs until the task is cancelled or, with `stopOnSignals`, until
    /// SIGINT (Ctrl-C) or SIGTERM. Build results and the server's address
    /// arrive through `onEvent`, in order. The temporary folder is removed
    /// on the way out.
    public func run(stopOnSignals: Bool = false, onEvent: @escaping @Sendable (DevServerEvent) -> Void) async throws(DevServerError) {
        let rootURL = URL(fileURLWithPath: options.root).standardizedFileURL
        var isDirectory: ObjCBool = false
        let content = rootURL.appendingPathComponent("content")
        guard FileManager.default.fileExists(atPath: content.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DevServerError("no content/ folder in \(options.root): run this in a site folder, or pass --root")
        }
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("unionpress-serve-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        } catch {
            throw DevServerError("cannot make a temporary folder: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: temporary) }
        let output = temporary.appendingPathComponent("site")

        let watcher: FileWatcher
        do {
            watcher = try FileWatcher(root: rootURL, folders: ["content", "templates"], debounceMilliseconds: options.debounceMilliseconds)
        } catch {
            throw DevServerError("cannot watch the site for changes: \(error)")
        }
        defer { watcher.stop() }

        var buildOptions = BuildOptions(root: rootURL.path, now: 0)
        buildOptions.output = output.path
        buildOptions.stateFolder = temporary.appendingPathComponent("state").path
        buildOptions.includeDrafts = true
        buildOptions.includeFuture = true
        buildOptions.workers = options.workers
        let broadcaster = ReloadBroadcaster()
        let rebuilder = SiteRebuilder(options: buildOptions, broadcaster: broadcaster)
        let responder = SiteResponder(folder: SiteFolder(root: output), rebuilder: rebuilder, broadcaster: broadcaster)

        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        var application = Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname(options.host, port: options.port), serverName: nil),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? options.port)
                portContinuation.finish()
            }
        )
        // The terminal shows build results; the server's own log would only add noise.
        application.logger.logLevel = .critical

        let session = ServeSession(
            host: options.host, ports: ports, watcher: watcher, rebuilder: rebuilder,
            broadcaster: broadcaster, outputFolder: output.path, onEvent: onEvent
        )
        // Shutdown runs in reverse order: the session first (ending the
        // pages' event streams), then the server. Whichever service ends,
        // or fails, ends the other.
        var configuration = ServiceGroupConfiguration(
            services: [.init(service: application), .init(service: session)],
            logger: application.logger
        )
        // Past this, shutdown stops waiting for open connections.
        configuration.maximumGracefulShutdownDuration = .seconds(3)
        let group = ServiceGroup(configuration: configuration)
        if stopOnSignals {
            guard StopSignals.install(onStop: { Task { await group.triggerGracefulShutdown() } }) else {
                throw DevServerError("cannot handle Ctrl-C: \(String(cString: strerror(errno)))")
            }
        }
        do {
            try await group.run()
        } catch {
            if Task.isCancelled { return }
            throw DevServerError("cannot serve on \(options.host):\(options.port): \(error)")
        }
    }

    /// The host as it goes into a URL: a wildcard address is reached over
    /// loopback, and an IPv6 address needs brackets.
    static func urlHost(_ host: String) -> String {
        switch host {
        case "0.0.0.0": return "127.0.0.1"
        case "::": return "[::1]"
        default: return host.contains(":") ? "[\(host)]" : host
        }
    }
}

/// Where and how `serve` listens.
public struct DevServerOptions: Sendable {
    /// The site folder (holding content/).
    public var root: String
    /// The address to listen on; loopback by default, so the site is not
    /// visible to other machines.
    public var host = "127.0.0.1"
    /// 0 picks a free port.
    public var port = 1313
    /// Parallel build workers; 0 means one per core.
    public var workers = 0
    /// How long changes must be quiet before a rebuild starts.
    public var debounceMilliseconds = 100

    public init(root: String) {
        self.root = root
    }
}

/// What happened in a serve session, for the terminal (and tests).
public enum DevServerEvent: Sendable {
    /// The server is listening and the first build finished (or failed).
    case listening(url: String, port: Int, folder: String)
    /// Files changed (paths relative to the site folder); a build starts.
    case rebuilding(changes: [String])
    case built(BuildReport, seconds: Double)
    /// The build failed; the previous good site stays served for files
    /// other than pages, which show the diagnostics.
    case failed([Diagnostic])
}

/// Why `serve` could not start or stopped.
public struct DevServerError: Error, Sendable, CustomStringConvertible {
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}
