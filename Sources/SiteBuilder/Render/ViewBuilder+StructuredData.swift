import SiteModel

extension ViewBuilder {
    /// A page's schema.org `NewsArticle` description for search engines, as
    /// a complete `<script type="application/ld+json">` element. Every value
    /// comes from content, so it is written with `ScriptJSON`, which no
    /// title or name can break out of.
    func structuredData(_ index: Int, summary: String) -> String {
        let page = site.pages[index]
        let config = site.config
        var fields: [(String, ScriptJSON)] = [
            ("@context", .string("https://schema.org")),
            ("@type", .string("NewsArticle")),
            ("headline", .string(page.title)),
            ("url", .string(config.origin + links.href(page.url))),
            ("datePublished", .string(page.date.machineReadable)),
        ]
        if let updated = page.updated { fields.append(("dateModified", .string(updated.machineReadable))) }
        if !summary.isEmpty { fields.append(("description", .string(summary))) }
        let authors = page.authors.isEmpty ? page.byline.map(BylineNames.names) ?? [] : page.authors
        if !authors.isEmpty {
            fields.append(("author", .array(authors.map { .object([("@type", .string("Person")), ("name", .string($0))]) })))
        }
        if !page.tags.isEmpty { fields.append(("keywords", .array(page.tags.map { .string($0) }))) }
        fields.append(("publisher", .object([("@type", .string("Organization")), ("name", .string(config.title))])))
        fields.append(("inLanguage", .string(config.language)))
        return "<script type=\"application/ld+json\">" + ScriptJSON.object(fields).text + "</script>"
    }
}
