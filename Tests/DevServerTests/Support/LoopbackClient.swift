import Foundation
import Glibc
import Synchronization

/// One HTTP answer as the tests read it.
struct HTTPReply: Sendable {
    var status: Int
    /// Header names in lower case.
    var headers: [String: String]
    var body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }
}

enum LoopbackError: Error {
    case socket(String)
    case malformed(String)
}

/// A minimal HTTP/1.1 client over 127.0.0.1, written on raw sockets so the
/// tests need no proxy-aware client. Blocking calls run on threads of their
/// own, never on Swift's cooperative threads, which the server needs.
enum LoopbackClient {
    /// Sends one request on a fresh connection and reads the whole answer
    /// (the server closes the connection after it).
    static func request(_ path: String, port: Int, method: String = "GET") async throws -> HTTPReply {
        try await onThread {
            let socket = try connect(port: port)
            defer { close(socket) }
            try send("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n", on: socket)
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw LoopbackError.socket("recv: \(String(cString: strerror(errno)))")
                }
                if count == 0 { break }
                bytes += buffer[0..<count]
            }
            return try parse(bytes, method: method)
        }
    }

    static func get(_ path: String, port: Int) async throws -> HTTPReply {
        try await request(path, port: port)
    }

    /// Runs blocking work on a new thread and awaits its result.
    static func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    /// A connected TCP socket to 127.0.0.1, with a receive timeout so that
    /// no read waits forever.
    static func connect(port: Int) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw LoopbackError.socket("socket: \(String(cString: strerror(errno)))") }
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr = in_addr(s_addr: in_addr_t(0x7F00_0001).bigEndian)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let message = String(cString: strerror(errno))
            close(socket)
            throw LoopbackError.socket("connect to 127.0.0.1:\(port): \(message)")
        }
        return socket
    }

    static func send(_ text: String, on socket: Int32) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw LoopbackError.socket("send: \(String(cString: strerror(errno)))") }
            sent += count
        }
    }

    /// Splits the status line and headers from the body; the body is taken
    /// as Content-Length says, or de-chunked.
    static func parse(_ bytes: [UInt8], method: String) throws -> HTTPReply {
        guard let (status, headers, bodyStart) = parseHead(bytes) else { throw LoopbackError.malformed("no header end") }
        var body = Array(bytes[bodyStart...])
        if method == "HEAD" {
            body = []
        } else if headers["transfer-encoding"] == "chunked" {
            var decoder = ChunkDecoder()
            body = decoder.feed(body)
        } else if let length = headers["content-length"].flatMap(Int.init) {
            guard body.count >= length else { throw LoopbackError.malformed("short body: \(body.count) of \(length)") }
            body = Array(body[0..<length])
        }
        return HTTPReply(status: status, headers: headers, body: body)
    }

    /// The status, headers and where the body starts, once the blank line
    /// after the headers has arrived.
    static func parseHead(_ bytes: [UInt8]) -> (Int, [String: String], Int)? {
        let end: [UInt8] = [13, 10, 13, 10]
        guard bytes.count >= 4, let index = (0...(bytes.count - 4)).first(where: { Array(bytes[$0..<($0 + 4)]) == end }) else { return nil }
        let head = String(decoding: bytes[0..<index], as: UTF8.self)
        let lines = head.components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return (status, headers, index + 4)
    }
}

/// Undoes HTTP/1.1 chunked transfer encoding, as bytes arrive.
struct ChunkDecoder {
    private var pending: [UInt8] = []

    /// The body bytes complete so far.
    mutating func feed(_ bytes: [UInt8]) -> [UInt8] {
        pending += bytes
        var output: [UInt8] = []
        while let lineEnd = pending.firstIndex(of: 10) {
            let sizeText = String(decoding: pending[0..<lineEnd], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let size = Int(sizeText.split(separator: ";").first.map(String.init) ?? "", radix: 16) else { break }
            let dataStart = lineEnd + 1
            guard pending.count >= dataStart + size + 2 else { break }
            output += pending[dataStart..<(dataStart + size)]
            pending.removeFirst(dataStart + size + 2)
            if size == 0 { break }
        }
        return output
    }
}

/// A page's view of the live-reload stream: connects to the event
/// endpoint and collects events on a reading thread.
final class EventStreamClient: Sendable {
    struct Event: Sendable, Equatable {
        var name: String
        var data: String
    }

    /// What the reading thread and the test share: the events so far, and
    /// the socket, closed by whichever side finishes first under the lock
    /// (so a closed descriptor's number is never touched again).
    private final class Inbox: Sendable {
        let events = Mutex<[Event]>([])
        let socket: Mutex<Int32?>

        init(socket: Int32) {
            self.socket = Mutex(socket)
        }

        func close() {
            socket.withLock { socket in
                if let open = socket { Glibc.close(open) }
                socket = nil
            }
        }
    }

    private let inbox: Inbox
    private let consumed = Mutex(0)
    let status: Int
    let contentType: String?

    init(port: Int, path: String = "/__unionpress/events") async throws {
        let socket = try await LoopbackClient.onThread { try LoopbackClient.connect(port: port) }
        let inbox = Inbox(socket: socket)
        self.inbox = inbox
        do {
            try LoopbackClient.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n", on: socket)
            let (head, rest) = try await LoopbackClient.onThread { () throws -> ((Int, [String: String], Int), [UInt8]) in
                var bytes: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 4096)
                while true {
                    if let head = LoopbackClient.parseHead(bytes) { return (head, Array(bytes[head.2...])) }
                    let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
                    guard count > 0 else { throw LoopbackError.socket("event stream closed before its headers") }
                    bytes += buffer[0..<count]
                }
            }
            status = head.0
            contentType = head.1["content-type"]
            Thread { Self.read(socket: socket, initial: rest, inbox: inbox) }.start()
        } catch {
            inbox.close()
            throw error
        }
    }

    deinit {
        close()
    }

    /// Ends the connection; the reading thread stops.
    func close() {
        inbox.socket.withLock { socket in
            if let open = socket { _ = shutdown(open, Int32(SHUT_RDWR)) }
        }
    }

    /// Every event received so far.
    var received: [Event] { inbox.events.withLock { $0 } }

    /// The next event not yet returned whose name is `name` (others are
    /// skipped), or nil if none arrived within the timeout.
    func next(named name: String, timeoutSeconds: Double = 30) async -> Event? {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while Date() < deadline {
            let events = received
            let found: Event? = consumed.withLock { consumed in
                while consumed < events.count {
                    let event = events[consumed]
                    consumed += 1
                    if event.name == name { return event }
                }
                return nil
            }
            if let found { return found }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }

    private static func read(socket: Int32, initial: [UInt8], inbox: Inbox) {
        defer { inbox.close() }
        var decoder = ChunkDecoder()
        var text = ""
        var name = "message"
        var data: [String] = []
        var incoming = initial
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            text += String(decoding: decoder.feed(incoming), as: UTF8.self)
            while let newline = text.firstIndex(of: "\n") {
                let line = String(text[..<newline])
                text.removeSubrange(...newline)
                if line.isEmpty {
                    let event = Event(name: name, data: data.joined(separator: "\n"))
                    inbox.events.withLock { $0.append(event) }
                    name = "message"
                    data = []
                } else if line.hasPrefix("event:") {
                    name = String(line.dropFirst(6)).trimmingCharacters(in: .whitespaces)
                } else if line.hasPrefix("data:") {
                    var value = line.dropFirst(5)
                    if value.first == " " { value = value.dropFirst() }
                    data.append(String(value))
                }
            }
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            // Closed, shut down, or nothing for the receive timeout.
            guard count > 0 else { return }
            incoming = Array(buffer[0..<count])
        }
    }
}
