import Diagnostics
import FrontMatter

/// Reads a section's `_index.md` front matter (all fields optional).
public enum SectionSchema {
    public static func section(path: String, defaultTitle: String, source: PageSource?, file: String?, text: String) -> (SectionInfo, [Diagnostic]) {
        var info = SectionInfo(path: path, title: defaultTitle)
        guard let source, let file else { return (info, []) }
        info.sourceFile = file
        info.body = source.body
        info.bodyStartLine = source.bodyStartLine
        var reader = FieldReader(file: file, source: text)
        guard case .mapping(let fields) = source.frontMatter.value else { return (info, reader.diagnostics) }
        if let title = reader.string("title", in: fields) { info.title = title }
        info.description = reader.string("description", in: fields)
        info.weight = reader.int("weight", in: fields)
        if let node = fields["kind"], let name = reader.string(node, field: "kind") {
            if let kind = PageKind(rawValue: name) {
                info.defaultKind = kind
            } else {
                reader.error("unknown kind \"\(name)\": use one of \(PageKind.allCases.map(\.rawValue).joined(separator: ", "))", at: node)
            }
        }
        if let node = fields["sort"], let name = reader.string(node, field: "sort") {
            if let sort = SectionInfo.SortOrder(rawValue: name) {
                info.sort = sort
            } else {
                reader.error("unknown sort \"\(name)\": use date or weight", at: node)
            }
        }
        return (info, reader.diagnostics)
    }
}
