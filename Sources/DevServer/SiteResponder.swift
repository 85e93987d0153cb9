import Foundation
import Hummingbird

/// Answers every request of a serve session: the live-reload script and
/// event stream under `/__unionpress/`, and otherwise the built site's
/// files, or an error page while the last build failed.
struct SiteResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let folder: SiteFolder
    let rebuilder: SiteRebuilder
    let broadcaster: ReloadBroadcaster

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return Self.text(.methodNotAllowed, "method not allowed\n", extra: [.allow: "GET, HEAD"])
        }
        let response: Response
        switch request.uri.path {
        case LiveReload.eventsPath:
            return await eventStream()
        case LiveReload.scriptPath:
            response = Self.bytes(.ok, Array(LiveReload.script.utf8), contentType: "text/javascript; charset=utf-8")
        default:
            response = await sitePage(request.uri.path)
        }
        return request.method == .head ? Self.withoutBody(response) : response
    }

    private func sitePage(_ path: String) async -> Response {
        let lookup = folder.lookup(path)
        let isPage: Bool
        switch lookup {
        case .file(_, let contentType): isPage = contentType.hasPrefix("text/html")
        case .notFound: isPage = true
        case .redirect, .badRequest: isPage = false
        }
        if isPage {
            // Pages show why there is nothing good to show; other files
            // (styles, images) still come from the last good build.
            let (status, buildID) = await rebuilder.snapshot
            switch status {
            case .pending:
                return Self.html(.serviceUnavailable, LiveReload.buildingPage(buildID: buildID))
            case .failed(let text):
                return Self.html(.internalServerError, LiveReload.errorPage(diagnostics: text, buildID: buildID))
            case .ready:
                break
            }
        }
        switch lookup {
        case .file(let file, let contentType):
            return await serve(file, contentType: contentType, status: .ok)
        case .redirect(let location):
            return Self.text(.movedPermanently, "moved to \(location)\n", extra: [.location: location])
        case .badRequest:
            return Self.text(.badRequest, "bad request\n")
        case .notFound:
            guard let page = folder.notFoundPage else { return Self.text(.notFound, "not found\n") }
            return await serve(page, contentType: SiteFolder.contentType(forFile: page), status: .notFound)
        }
    }

    private func serve(_ file: String, contentType: String, status: HTTPResponse.Status) async -> Response {
        guard let data = FileManager.default.contents(atPath: file) else {
            return Self.text(.notFound, "not found\n")
        }
        guard contentType.hasPrefix("text/html") else {
            return Self.bytes(status, Array(data), contentType: contentType)
        }
        let html = LiveReload.injectIfMissing(String(decoding: data, as: UTF8.self), buildID: await rebuilder.buildID)
        return Self.html(status, html)
    }

    /// The text/event-stream response one page listens on: `hello` with the
    /// build now served (and the diagnostics, if the last build failed),
    /// then every event sent until the page goes away or the session ends
    /// (which finishes the broadcaster before the server shuts down).
    private func eventStream() async -> Response {
        let events = await broadcaster.subscribe()
        let (status, buildID) = await rebuilder.snapshot
        var opening = ServerSentEvent.hello(buildID).wireFormat
        if case .failed(let text) = status {
            opening += ServerSentEvent.buildError(text).wireFormat
        }
        let headers: HTTPFields = [
            .contentType: "text/event-stream; charset=utf-8",
            .cacheControl: "no-store",
        ]
        return Response(status: .ok, headers: headers, body: ResponseBody { [opening] writer in
            try await writer.write(ByteBuffer(string: opening))
            for await event in events {
                try await writer.write(ByteBuffer(string: event.wireFormat))
            }
            try await writer.finish(nil)
        })
    }

    // MARK: Responses

    private static func html(_ status: HTTPResponse.Status, _ text: String) -> Response {
        bytes(status, Array(text.utf8), contentType: "text/html; charset=utf-8")
    }

    private static func text(_ status: HTTPResponse.Status, _ text: String, extra: HTTPFields = [:]) -> Response {
        var response = bytes(status, Array(text.utf8), contentType: "text/plain; charset=utf-8")
        response.headers.append(contentsOf: extra)
        return response
    }

    /// Every answer is marked not to be cached, so a reload always shows
    /// the newest build.
    private static func bytes(_ status: HTTPResponse.Status, _ bytes: [UInt8], contentType: String) -> Response {
        let headers: HTTPFields = [.contentType: contentType, .cacheControl: "no-store"]
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A HEAD answer: the GET answer's headers, Content-Length included,
    /// and no body.
    private static func withoutBody(_ response: Response) -> Response {
        var head = response
        let length = response.body.contentLength
        head.body = ResponseBody()
        if let length { head.headers[.contentLength] = String(length) }
        return head
    }
}
