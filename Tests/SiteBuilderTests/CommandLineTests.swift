import Foundation
import Testing

/// Runs the built `unionpress` executable as a user would and checks its
/// output streams and exit status.
@Suite struct CommandLineTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The executable sits next to the test bundle's resources in the build folder.
    static var executable: URL {
        Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("unionpress")
    }

    static func run(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        env["CI"] = nil
        env["GITHUB_ACTIONS"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    @Test func buildPrintsASummaryAndExitsZero() throws {
        let site = try TemporarySite(SmallSite.files)
        let run = try Self.run(["build"], in: site.root)
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("built 6 pages, 4 sections,"))
        #expect(site.exists("public/index.html"))
    }

    @Test func aFailedBuildPrintsEveryErrorAndExitsOne() throws {
        var files = SmallSite.files
        files["content/news/a.md"] = "---\ntitle: \"unterminated\ndate: 2025-06-01\n---\n"
        files["content/news/b.md"] = "---\ndate: 2025-06-01\n---\n"
        let site = try TemporarySite(files)
        let run = try Self.run(["build"], in: site.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("content/news/a.md:2:8: error:"))
        #expect(run.stderr.contains("content/news/b.md:1:1: error: missing required field \"title\""))
        #expect(run.stderr.contains("build failed: 2 errors, 0 warnings; public/ was left as it was"))
        #expect(!site.exists("public"))
    }

    @Test func inspectPrintsFrontMatterAsJSON() throws {
        let site = try TemporarySite(["a.md": "---\ntitle: 于虹\ndate: 2025-06-06 09:30\ntags: [劳模, '007']\n---\nbody\n"])
        let run = try Self.run(["inspect", "a.md"], in: site.root)
        #expect(run.status == 0)
        #expect(run.stdout == "{\"title\":\"于虹\",\"date\":{\"$datetime\":\"2025-06-06T09:30:00+08:00\"},\"tags\":[\"劳模\",\"007\"]}\n")
    }

    @Test func inspectReportsErrorsWithACaretAndExitsOne() throws {
        let site = try TemporarySite(["bad.md": "---\ntitle: &anchor x\n---\n"])
        let run = try Self.run(["inspect", "bad.md"], in: site.root)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("bad.md:2:8: error:"))
        #expect(run.stderr.contains("anchor"))
        #expect(run.stderr.contains("title: &anchor x\n       ^\n"))
    }

    @Test func renderFillsATemplateFromJSONOrFrontMatter() throws {
        let site = try TemporarySite([
            "t.html": "<h1>{{title}}</h1>{{#tags}}<i>{{.}}</i>{{/tags}}\n",
            "d.json": "{\"title\": \"<最美职工>\", \"tags\": [\"a\", \"b\"]}",
            "d.yml": "title: 于虹\ntags: [劳模]\n",
        ])
        let json = try Self.run(["render", "t.html", "--data", "d.json"], in: site.root)
        #expect(json.status == 0)
        #expect(json.stdout == "<h1>&lt;最美职工&gt;</h1><i>a</i><i>b</i>\n")
        let yaml = try Self.run(["render", "t.html", "--data", "d.yml"], in: site.root)
        #expect(yaml.stdout == "<h1>于虹</h1><i>劳模</i>\n")
    }

    @Test func checkExitCodesFollowTheDocumentedRules() throws {
        let clean = try TemporarySite(SmallSite.files)
        #expect(try Self.run(["check"], in: clean.root).status == 0)
        #expect(try Self.run(["check", "--no-such-flag"], in: clean.root).status == 2)
        var files = SmallSite.files
        files["content/news/bad.md"] = "---\ntitle: x\ndate: 2025-06-01\n---\n[a](nowhere.md)\n"
        let broken = try TemporarySite(files)
        let run = try Self.run(["check"], in: broken.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("content/news/bad.md:5:1: error: broken link"))
        #expect(run.stderr.hasSuffix("1 error, 0 warnings\n"))
        #expect(!broken.exists("public"))
        let json = try Self.run(["check", "--format", "json"], in: broken.root)
        #expect(json.stdout.contains("\"severity\":\"error\""))
        #expect(json.stdout.contains("\"file\":\"content/news/bad.md\",\"line\":5,\"column\":1"))
        let ci = try Self.run(["check"], in: broken.root, environment: ["CI": "true"])
        #expect(ci.stdout.contains("::error file=content/news/bad.md,line=5,col=1::broken link"))
    }

    @Test func newWritesAPageAndRefusesToOverwrite() throws {
        let site = try TemporarySite(SmallSite.files)
        let first = try Self.run(["new", "roster", "rosters/2025", "--title", "2025年光荣榜"], in: site.root)
        #expect(first.status == 0)
        #expect(first.stdout == "wrote content/rosters/2025.md\n")
        #expect(site.read("content/rosters/2025.md")?.contains("order: stroke") == true)
        let second = try Self.run(["new", "roster", "rosters/2025", "--title", "again"], in: site.root)
        #expect(second.status == 1)
        #expect(second.stderr.contains("already exists"))
    }
}
