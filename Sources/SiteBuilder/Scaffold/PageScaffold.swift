import Diagnostics
import Foundation
import FrontMatter
import SiteModel

/// Writes a new page with its kind's front matter filled in, for `new`.
public struct PageScaffold: Sendable {
    public let root: String

    public init(root: String) {
        self.root = root
    }

    /// Creates `content/<path>` (`.md` added when missing); never overwrites.
    /// Returns the path written, relative to the site folder.
    public func create(kind: PageKind, path: String, title: String, now: Int) throws(BuildFailure) -> String {
        var relative = path.hasPrefix("content/") ? String(path.dropFirst("content/".count)) : path
        if !relative.hasSuffix(".md") { relative += ".md" }
        let parts = relative.split(separator: "/").map(String.init)
        guard !parts.isEmpty, parts.allSatisfy({ URLPath.isSafeSegment($0) && !$0.hasPrefix("_") && !$0.hasPrefix(".") }) else {
            throw BuildFailure([.error("\(path) is not a usable page path: write it like initiatives/my-page.md, without `..` or names starting with _ or .")])
        }
        let siteRoot = URL(fileURLWithPath: root)
        let file = siteRoot.appendingPathComponent("content").appendingPathComponent(relative)
        if FileManager.default.fileExists(atPath: file.path) {
            throw BuildFailure([.error("content/\(relative) already exists; choose another name (nothing was changed)")])
        }
        let offset = siteOffset(siteRoot)
        let date = PageDate.at(epochSeconds: now, utcOffsetSeconds: offset)
        let text = Self.frontMatter(kind: kind, title: title, date: date) + Self.body(kind)
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            // `.withoutOverwriting` closes the race between the check above and the write.
            try Data(text.utf8).write(to: file, options: .withoutOverwriting)
        } catch {
            throw BuildFailure([.error("cannot write content/\(relative): \(error.localizedDescription)")])
        }
        return "content/" + relative
    }

    private func siteOffset(_ siteRoot: URL) -> Int {
        let settings = siteRoot.appendingPathComponent("content/_site.yml")
        guard let data = FileManager.default.contents(atPath: settings.path),
              let root = try? FrontMatterParser.parseDocument([UInt8](data)) else { return SiteConfig().utcOffsetSeconds }
        var reader = FieldReader(file: "content/_site.yml", source: "")
        return SiteConfig.read(root, reader: &reader).utcOffsetSeconds
    }

    static func frontMatter(kind: PageKind, title: String, date: PageDate) -> String {
        let dateText = String(date.rfc3339.prefix(16)).replacingOccurrences(of: "T", with: " ")
        var lines = [
            "---",
            "title: \(DiagnosticJSON.quote(title))",
            "date: \(dateText)",
        ]
        if kind != .article { lines.append("kind: \(kind.rawValue)") }
        switch kind {
        case .article:
            lines += ["kicker: ", "subtitle: ", "byline: ", "tags: []", "region: "]
        case .profile:
            lines += ["name: \(DiagnosticJSON.quote(title))", "unit: ", "occupation: ", "honours: []   # e.g. [{title: 全国劳动模范, year: \(date.year)}]", "region: "]
        case .roster:
            lines += [
                "honour: ", "year: \(date.year)", "region: ", "conferred_by: []",
                "order: stroke   # stroke | stroke-fullname | pinyin | as-written",
                "groups:", "  - title: 名单", "    members: [张三, 李四]",
            ]
        case .event:
            lines += ["event:", "  start: \(date.isoDate)", "  end: \(date.isoDate)", "  location: ", "  organizers: []", "photos: []"]
        }
        lines.append("---")
        return lines.joined(separator: "\n") + "\n"
    }

    static func body(_ kind: PageKind) -> String {
        switch kind {
        case .article: "\n正文从这里开始。\n"
        case .profile: "\n人物简介。\n"
        case .roster: "\n名单说明。\n"
        case .event: "\n活动报道。\n"
        }
    }
}
