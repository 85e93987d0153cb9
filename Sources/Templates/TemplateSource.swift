/// One template's text, before compilation.
public struct TemplateSource: Sendable, Hashable {
    /// The name partials and parents use: `page`, `partials/nav`.
    public var name: String
    /// The path shown in messages, e.g. `templates/page.html`.
    public var path: String
    public var text: String

    public init(name: String, path: String, text: String) {
        self.name = name
        self.path = path
        self.text = text
    }
}
