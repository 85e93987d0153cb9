import ChineseText
import Diagnostics
import Foundation
import FrontMatter
import Markdown
import SearchIndex
import SiteModel
import Templates

/// Renders one page: parses its Markdown once (HTML, summary and links from
/// the one tree), checks what it points to, fills its template and hands the
/// HTML to the writer. Only the digest is kept.
struct PageRenderer: Sendable {
    let site: Site
    let views: ViewBuilder
    let library: TemplateLibrary
    /// For reading the pixel size of the images a page shows.
    let contentRoot: URL
    /// Also list the template names the page's data lacked (`check --strict`).
    var collectUnresolved = false
    /// Each page's number in the search index (its rank by recency); empty
    /// when no index is written.
    var searchNumbers: [Int] = []
    /// `contentRoot`'s path with a trailing slash, made once.
    private let contentRootPrefix: String

    init(site: Site, views: ViewBuilder, library: TemplateLibrary, contentRoot: URL, collectUnresolved: Bool = false, searchNumbers: [Int] = []) {
        self.site = site
        self.views = views
        self.library = library
        self.contentRoot = contentRoot
        self.collectUnresolved = collectUnresolved
        self.searchNumbers = searchNumbers
        self.contentRootPrefix = contentRoot.path + "/"
    }

    /// Gives the body's images their pixel size and lazy loading, so the page
    /// does not jump as they arrive. cmark writes `<img src="…" alt="…" />`.
    ///
    /// Scans the UTF-8 bytes. Every mark it looks for is ASCII, so a match in
    /// the bytes is a match in characters unless a neighbouring non-ASCII
    /// scalar joins it into a larger character (a combining mark after a
    /// quote); then the character-wise scan decides, as it always did.
    static func sizingImages(_ html: String, _ sizes: [String: ImageSize]) -> String {
        var html = html
        enum Outcome { case noImages, sized(String), undecided }
        let outcome = html.withUTF8 { bytes -> Outcome in
            guard ByteScan.find(ByteScan.imageTag, in: bytes, from: 0) != nil else { return .noImages }
            return sizingImages(bytes, sizes).map(Outcome.sized) ?? .undecided
        }
        switch outcome {
        case .noImages: return html
        case .sized(let sized): return sized
        case .undecided: return sizingImagesByCharacters(html, sizes)
        }
    }

    /// The byte scan; nil when a match touches a non-ASCII byte.
    private static func sizingImages(_ bytes: UnsafeBufferPointer<UInt8>, _ sizes: [String: ImageSize]) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 256)
        var position = 0
        while let start = ByteScan.find(ByteScan.imageSource, in: bytes, from: position) {
            guard ByteScan.standsAlone(start, ByteScan.imageSource.count, in: bytes) else { return nil }
            let sourceStart = start + ByteScan.imageSource.count
            out.append(contentsOf: bytes[position..<sourceStart])
            position = sourceStart
            guard let quote = ByteScan.find(ByteScan.quote, in: bytes, from: position),
                  let close = ByteScan.find(ByteScan.tagClose, in: bytes, from: position) else { break }
            guard ByteScan.standsAlone(quote, 1, in: bytes), ByteScan.standsAlone(close, ByteScan.tagClose.count, in: bytes) else { return nil }
            let source = ByteScan.unescapingAmpersands(bytes[position..<quote])
            out.append(contentsOf: bytes[position..<close])
            if let size = sizes[source] ?? sizes[LinkResolver.percentDecode(source)] {
                out.append(contentsOf: " width=\"\(size.width)\" height=\"\(size.height)\"".utf8)
            }
            out.append(contentsOf: " loading=\"lazy\" />".utf8)
            position = close + ByteScan.tagClose.count
        }
        out.append(contentsOf: bytes[position...])
        return String(decoding: out, as: UTF8.self)
    }

    /// The character-wise scan, for the rare page where the byte scan cannot decide.
    static func sizingImagesByCharacters(_ html: String, _ sizes: [String: ImageSize]) -> String {
        guard html.contains("<img ") else { return html }
        var out = ""
        out.reserveCapacity(html.utf8.count + 64)
        var rest = html[...]
        while let start = rest.range(of: "<img src=\"") {
            out += rest[..<start.upperBound]
            rest = rest[start.upperBound...]
            guard let quote = rest.firstIndex(of: "\""), let close = rest.range(of: " />") else { break }
            let source = String(rest[..<quote]).replacingOccurrences(of: "&amp;", with: "&")
            out += rest[..<close.lowerBound]
            if let size = sizes[source] ?? sizes[LinkResolver.percentDecode(source)] {
                out += " width=\"\(size.width)\" height=\"\(size.height)\""
            }
            out += " loading=\"lazy\" />"
            rest = rest[close.upperBound...]
        }
        out += rest
        return out
    }

    /// `ImageSize.read` of a file under content/, read with open/read
    /// rather than through a URL and a FileHandle.
    private func imageSize(_ path: String) -> ImageSize? {
        FileBytes.prefix(contentRootPrefix + path, upTo: 64 * 1024).flatMap(ImageSize.parse)
    }

    /// Renders page `index`, handing its output files (the page, its search
    /// fragment) to `write` as bytes.
    func render(_ index: Int, write: (String, [UInt8]) throws -> Void) -> PageDigest {
        let page = site.pages[index]
        let file = "content/\(page.id)"
        var diagnostics: [Diagnostic] = []
        // The body is read again here rather than kept since parsing: memory
        // stays flat. Its front matter was parsed then: only the body is found.
        let bytes: [UInt8]
        let body: String
        do {
            bytes = try FileBytes.read(contentRootPrefix + page.id)
            let split = try FrontMatterParser.body(ofPage: bytes)
            guard split.bodyStartLine == page.bodyStartLine else { throw CocoaError(.fileReadCorruptFile) }
            body = split.body
        } catch {
            let message = "content/\(page.id) changed or became unreadable during the build; build again"
            return PageDigest(summary: "", readingMinutes: 1, wordCount: 0, diagnostics: [.error(message, at: SourceLocation(file: file, line: 1, column: 1))])
        }
        let links = views.links
        let options = MarkdownOptions(allowRawHTML: site.config.unsafeHTML, lineOffset: page.bodyStartLine - 1)
        var bodyImageSizes: [String: ImageSize] = [:]
        var destinations: [String] = []
        let document = MarkdownDocument(parsing: body, options: options) { link in
            destinations.append(link.destination)
            switch links.resolve(link.destination, from: page) {
            case .unchanged:
                return nil
            case .url(let url):
                if link.isImage, bodyImageSizes[url] == nil, let path = links.resourcePath(link.destination, from: page),
                   let size = imageSize(path) {
                    bodyImageSizes[url] = size
                }
                return url
            case .missing(let reason):
                let what = link.isImage ? "image" : "link"
                diagnostics.append(.error("broken \(what): \(reason)", at: SourceLocation(file: file, line: link.line, column: link.column)))
                return nil
            }
        }
        var references: [ResourceReference] = []
        if let image = page.image { references.append(image) }
        if let portrait = page.profile?.portrait { references.append(portrait) }
        references += page.event?.photos.map(\.source) ?? []
        var imageSizes: [String: ImageSize] = [:]
        for reference in references {
            if case .missing(let reason) = links.resolveResource(reference.path, from: page) {
                diagnostics.append(.error("missing image: \(reason)", at: reference.location))
            } else if imageSizes[reference.path] == nil, let path = links.resourcePath(reference.path, from: page) {
                imageSizes[reference.path] = imageSize(path)
            }
        }

        let summary = page.summary ?? ChineseSummary.cut(document.firstParagraphText, maxCharacters: site.config.summaryLength)
        let words = TextMeasure.wordCount(document.plainText)
        var digest = PageDigest(
            summary: summary,
            readingMinutes: TextMeasure.readingMinutes(wordCount: words),
            wordCount: words,
            diagnostics: []
        )
        digest.linkDestinations = destinations
        let context = views.root(
            title: page.title, url: page.url, description: summary, section: page.sectionPath.split(separator: "/").first.map(String.init),
            extra: [
                "page": views.pageView(index, bodyHTML: Self.sizingImages(document.html, bodyImageSizes), digest: digest, imageSizes: imageSizes),
                "structured_data": .html(views.structuredData(index, summary: summary)),
            ]
        )
        let template = library.contains(page.kind.rawValue) ? page.kind.rawValue : "article"
        do {
            var html: [UInt8] = []
            html.reserveCapacity(document.html.utf8.count + 8192)
            try library.render(template, context, into: &html)
            try write(page.url.outputFile, html)
            if collectUnresolved {
                digest.unresolved = try library.unresolvedNames(rendering: template, context)
            }
        } catch let error as TemplateError {
            diagnostics.append(.error("while rendering content/\(page.id): \(error.message)", at: SourceLocation(file: error.path, line: error.line, column: error.column)))
        } catch {
            diagnostics.append(.error("cannot write the page for content/\(page.id): \(error)"))
        }
        if index < searchNumbers.count {
            // The fragment is written now and only the compact terms are kept,
            // so no page's text stays in memory until the index is built.
            let entry = views.searchDocument(index, plainText: document.plainText)
            let fragment = entry.fragment()
            do {
                try write(SearchLayout.fragment(searchNumbers[index]), fragment)
            } catch {
                diagnostics.append(.error("cannot write the search fragment for content/\(page.id): \(error)"))
            }
            digest.search = entry.record()
            digest.searchFragmentBytes = fragment.count
        }
        // Like the front matter's, at most FieldReader.maxDiagnostics messages per page.
        if diagnostics.count > FieldReader.maxDiagnostics {
            let more = diagnostics.count - FieldReader.maxDiagnostics
            let last = diagnostics.last?.location
            diagnostics.removeLast(more)
            diagnostics.append(.error("\(more) more problems in this page, up to here, are not shown; fix the ones above first", at: last))
        }
        if !diagnostics.isEmpty {
            let text = String(decoding: bytes, as: UTF8.self)
            digest.diagnostics = diagnostics.map { $0.location?.file == file ? $0.withSource(text) : $0 }
        }
        return digest
    }
}
