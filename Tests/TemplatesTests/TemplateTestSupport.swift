import Templates

/// Builds a library from `name: text` pairs, with paths `templates/<name>.html`.
func library(_ templates: KeyValuePairs<String, String>, options: TemplateLibrary.Options = .init()) throws(TemplateLibraryError) -> TemplateLibrary {
    try TemplateLibrary(
        templates.map { TemplateSource(name: $0.key, path: "templates/\($0.key).html", text: $0.value) },
        options: options
    )
}

/// The errors a set of templates fails to compile with (none: empty).
func compileErrors(_ templates: KeyValuePairs<String, String>, options: TemplateLibrary.Options = .init()) -> [TemplateError] {
    do {
        _ = try library(templates, options: options)
        return []
    } catch {
        return error.errors
    }
}
