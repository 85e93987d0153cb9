/// Fans live-reload events out to every connected page. Each page's
/// event-stream response iterates its own stream; a closed connection
/// removes its client.
public actor ReloadBroadcaster {
    private var clients: [Int: AsyncStream<ServerSentEvent>.Continuation] = [:]
    private var nextID = 0
    private var isFinished = false

    public init() {}

    /// How many pages are listening right now.
    public var clientCount: Int { clients.count }

    /// A stream of the events sent from now on, which ends when the
    /// broadcaster finishes.
    public func subscribe() -> AsyncStream<ServerSentEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: ServerSentEvent.self, bufferingPolicy: .bufferingNewest(16))
        guard !isFinished else {
            continuation.finish()
            return stream
        }
        let id = nextID
        nextID += 1
        clients[id] = continuation
        continuation.onTermination = { _ in
            Task { await self.remove(id) }
        }
        return stream
    }

    public func send(_ event: ServerSentEvent) {
        for continuation in clients.values {
            continuation.yield(event)
        }
    }

    /// Ends every stream, so their responses complete and the server can
    /// shut down; later subscribers get an ended stream.
    public func finish() {
        isFinished = true
        for continuation in clients.values {
            continuation.finish()
        }
        clients.removeAll()
    }

    private func remove(_ id: Int) {
        clients[id] = nil
    }
}
