import CCmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses, walks and renders one body. The cmark tree and the rendered
/// buffer live only inside `convert`; each call has its own, so conversions
/// can run in parallel.
enum MarkdownConverter {
    static func convert(
        _ text: String,
        options: MarkdownOptions,
        rewriteDestination: (MarkdownLink) -> String?
    ) -> MarkdownDocument {
        var text = normalized(text)
        return text.withUTF8 { source in
            let empty = MarkdownDocument(html: "", headings: [], links: [], firstParagraphText: "", plainText: "")
            guard let base = source.baseAddress, !source.isEmpty else { return empty }
            let flags = options.cmarkFlags
            let parsed = base.withMemoryRebound(to: CChar.self, capacity: source.count) {
                cmark_parse_document($0, source.count, flags)
            }
            guard let document = parsed else { return empty }
            defer { cmark_node_free(document) }

            var walker = TreeWalker(source: source, options: options)
            walker.walk(document, rewriteDestination: rewriteDestination)

            guard let rendered = cmark_render_html(document, flags) else { return empty }
            defer { cmark_get_default_mem_allocator().pointee.free(rendered) }
            let html = HeadingIDInserter.html(from: Cmark.cString(rendered), tags: walker.headingTags)

            return MarkdownDocument(
                html: html,
                headings: walker.headings,
                links: walker.links,
                firstParagraphText: walker.firstParagraphText,
                plainText: walker.plainText
            )
        }
    }

    /// Drops a leading byte-order mark and replaces NUL with U+FFFD, as cmark
    /// would, so cmark's byte columns index this text exactly.
    private static func normalized(_ text: String) -> String {
        var text = text
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        let hasNUL = text.withUTF8 { bytes in bytes.baseAddress.map { memchr($0, 0, bytes.count) != nil } ?? false }
        if hasNUL { text = text.replacingNULs() }
        return text
    }
}

private extension String {
    func replacingNULs() -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in unicodeScalars { scalars.append(scalar == "\0" ? "\u{FFFD}" : scalar) }
        return String(scalars)
    }
}
