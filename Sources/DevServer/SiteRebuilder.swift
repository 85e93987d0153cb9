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
    /// What the last successful build read, so that an edit to a page's
    /// body renders that page (and what shows its summary) only.
    private var memory: BuildMemory?
    /// Paths changed since the last successful build: a failed build
    /// changes nothing, so its changes are still to be built.
    private var unbuilt: [String] = []

    init(options: BuildOptions, broadcaster: ReloadBroadcaster) {
        self.options = options
        self.broadcaster = broadcaster
        // Differs between runs, so pages open from an earlier run reload.
        session = String(UInt32.random(in: .min ... .max), radix: 36)
        buildID = session + "-0"
    }

    func setBaseURL(_ url: String) {
        options.baseURL = url
        memory = nil
    }

    /// Builds the site after `changes` (paths relative to the site folder;
    /// nil: build it all), then tells every open page: `reload`, or the
    /// diagnostics of the failure. The live-reload script is added to pages
    /// as they are served, so built files are exactly what `build` writes
    /// and an edit changes only the files it reaches.
    func rebuild(changes: [String]? = nil) async -> DevServerEvent {
        let nextID = "\(session)-\(builds + 1)"
        options.now = Int(Date().timeIntervalSince1970)
        let start = DispatchTime.now()
        let pending = changes.map { unbuilt + $0 }
        do {
            let (report, memory) = try await Builder(options: options).build(after: memory, changedPaths: pending)
            self.memory = memory
            unbuilt = []
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            // Saved without a change to what the files hold: open pages stand,
            // unless they show a failure this build has cleared.
            if report.upToDate, case .ready = status { return .built(report, seconds: seconds) }
            builds += 1
            buildID = nextID
            status = .ready
            await broadcaster.send(.reload)
            return .built(report, seconds: seconds)
        } catch {
            unbuilt = pending ?? []
            if pending == nil { memory = nil }
            let text = DiagnosticRenderer(useColor: false).render(error.diagnostics)
            status = .failed(text)
            await broadcaster.send(.buildError(text))
            return .failed(error.diagnostics)
        }
    }
}
