import ServiceLifecycle

/// The builder side of a serve session, run as a service beside the HTTP
/// server: the first build once the server listens, then one build per
/// batch of changes. On graceful shutdown it stops watching and ends every
/// page's event stream, so the server has no open response left to wait
/// for.
struct ServeSession: Service {
    let host: String
    /// The port the server listens on, once it does.
    let ports: AsyncStream<Int>
    let watcher: FileWatcher
    let rebuilder: SiteRebuilder
    let broadcaster: ReloadBroadcaster
    let outputFolder: String
    let onEvent: @Sendable (DevServerEvent) -> Void

    func run() async throws {
        await withGracefulShutdownHandler {
            // Builds need the address (links are absolute), so the first
            // one starts once the server is listening.
            guard let port = await ports.cancelOnGracefulShutdown().first(where: { _ in true }) else { return }
            let url = "http://\(DevServer.urlHost(host)):\(port)/"
            await rebuilder.setBaseURL(url)
            onEvent(await rebuilder.rebuild())
            onEvent(.listening(url: url, port: port, folder: outputFolder))
            for await changes in watcher.changes {
                onEvent(.rebuilding(changes: changes))
                onEvent(await rebuilder.rebuild(changes: changes))
            }
        } onGracefulShutdown: {
            watcher.stop()
            Task { await broadcaster.finish() }
        }
        await broadcaster.finish()
    }
}
