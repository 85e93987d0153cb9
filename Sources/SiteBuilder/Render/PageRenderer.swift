import ChineseText
import Diagnostics
import Markdown
import SiteModel
import Templates

/// Renders one page: parses its Markdown once (HTML, summary and links from
/// the one tree), checks what it points to, fills its template and hands the
/// HTML to the writer. Only the digest is kept.
struct PageRenderer: Sendable {
    let site: Site
    let views: ViewBuilder
    let library: TemplateLibrary

    func render(_ index: Int, write: (String, String) throws -> Void) -> PageDigest {
        let page = site.pages[index]
        let file = "content/\(page.id)"
        var diagnostics: [Diagnostic] = []
        let links = views.links
        let options = MarkdownOptions(allowRawHTML: site.config.unsafeHTML, lineOffset: page.bodyStartLine - 1)
        let document = MarkdownDocument(parsing: page.body, options: options) { link in
            switch links.resolve(link.destination, from: page) {
            case .unchanged:
                return nil
            case .url(let url):
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
        for reference in references {
            if case .missing(let reason) = links.resolveResource(reference.path, from: page) {
                diagnostics.append(.error("missing image: \(reason)", at: reference.location))
            }
        }

        let summary = page.summary ?? ChineseSummary.cut(document.firstParagraphText, maxCharacters: site.config.summaryLength)
        var digest = PageDigest(
            summary: summary,
            readingMinutes: TextMeasure.readingMinutes(document.plainText),
            wordCount: TextMeasure.wordCount(document.plainText),
            diagnostics: []
        )
        let context = views.root(
            title: page.title, url: page.url, description: summary, section: page.sectionPath.split(separator: "/").first.map(String.init),
            extra: [
                "page": views.pageView(index, bodyHTML: document.html, digest: digest),
                "structured_data": .html(views.structuredData(index, summary: summary)),
            ]
        )
        let template = library.contains(page.kind.rawValue) ? page.kind.rawValue : "article"
        do {
            var html = ""
            html.reserveCapacity(document.html.utf8.count + 8192)
            try library.render(template, context, into: &html)
            try write(page.url.outputFile, html)
        } catch let error as TemplateError {
            diagnostics.append(.error("while rendering content/\(page.id): \(error.message)", at: SourceLocation(file: error.path, line: error.line, column: error.column)))
        } catch {
            diagnostics.append(.error("cannot write the page for content/\(page.id): \(error)"))
        }
        // Like the front matter's, at most FieldReader.maxDiagnostics messages per page.
        if diagnostics.count > FieldReader.maxDiagnostics {
            let more = diagnostics.count - FieldReader.maxDiagnostics
            let last = diagnostics.last?.location
            diagnostics.removeLast(more)
            diagnostics.append(.error("\(more) more problems in this page, up to here, are not shown; fix the ones above first", at: last))
        }
        if diagnostics.contains(where: { $0.location?.file == file }) {
            let text = Self.sourceText(page)
            digest.diagnostics = diagnostics.map { $0.location?.file == file ? $0.withSource(text) : $0 }
        } else {
            digest.diagnostics = diagnostics
        }
        return digest
    }

    /// Diagnostics in a body need the file's text for their caret line; the
    /// body is the file from `bodyStartLine` on, so pad with empty lines.
    private static func sourceText(_ page: Page) -> String {
        String(repeating: "\n", count: max(0, page.bodyStartLine - 1)) + page.body
    }
}
