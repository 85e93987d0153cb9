import Diagnostics
import Foundation
import SiteBuilder

/// Runs the builds of a serve session into one output folder and keeps
/// what the server needs to know about the last one. Builds replace the
/// folder atomically (the builder's publisher), so requests made during a
/// build get the previous good site.
actor SiteRebuilder {
    enum Status: Sendable {
        /// The first build has not finished.
        case pending
        case ready
        /// The last build failed; the text is its rendered diagnostics.
        case failed(String)
    }

    private(set) var status = Status.pending
    /// Names the build now served; pages carry it in their script tag.
    private(set) var buildID: String

    /// Both at once, as one request needs them.
    var snapshot: (status: Status, buildID: String) { (status, buildID) }
    private var options: BuildOptions
    private let session: String
    private var builds = 0
    private let broadcaster: ReloadBroadcaster

    init(options: BuildOptions, broadcaster: ReloadBroadcaster) {
        self.options = options
        self.broadcaster = broadcaster
        // Differs between runs, so pages open from an earlier run reload.
        session = String(UInt32.random(in: .min ... .max), radix: 36)
        buildID = session + "-0"
    }

    func setBaseURL(_ url: String) {
        options.baseURL = url
    }

    /// Builds the site, then tells every open page: `reload`, or the
    /// diagnostics of the failure.
    func rebuild() async -> DevServerEvent {
        let nextID = "\(session)-\(builds + 1)"
        options.extraHead = LiveReload.scriptTag(buildID: nextID)
        options.now = Int(Date().timeIntervalSince1970)
        let start = DispatchTime.now()
        do {
            let report = try await Builder(options: options).build()
            builds += 1
            buildID = nextID
            status = .ready
            await broadcaster.send(.reload)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            return .built(report, seconds: seconds)
        } catch {
            let text = DiagnosticRenderer(useColor: false).render(error.diagnostics)
            status = .failed(text)
            await broadcaster.send(.buildError(text))
            return .failed(error.diagnostics)
        }
    }
}
