/// One event on the live-reload stream, in the text/event-stream format.
public struct ServerSentEvent: Sendable, Equatable {
    /// The event's name: what the browser script listens for.
    public var name: String
    /// The payload; may span lines.
    public var data: String

    public init(name: String, data: String = "") {
        self.name = name
        self.data = data
    }

    /// Tells a page to reload itself: a build succeeded.
    public static let reload = ServerSentEvent(name: "reload")

    /// Carries a failed build's diagnostics, as the terminal shows them
    /// (without colour), for the page's overlay. Not named `error`, which
    /// EventSource also fires for a lost connection.
    public static func buildError(_ text: String) -> ServerSentEvent {
        ServerSentEvent(name: "build-error", data: text)
    }

    /// Sent first on every connection. The id changes with each build, so a
    /// page that reconnects after missing a build (or a restarted server)
    /// knows it is out of date.
    public static func hello(_ buildID: String) -> ServerSentEvent {
        ServerSentEvent(name: "hello", data: buildID)
    }

    /// The bytes on the wire: every data line gets its own `data:` field,
    /// and a blank line ends the event.
    public var wireFormat: String {
        var text = "event: \(name)\n"
        let lines = data.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        for line in lines {
            text += line.isEmpty ? "data:\n" : "data: \(line)\n"
        }
        return text + "\n"
    }
}
