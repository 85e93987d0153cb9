import Diagnostics

/// A set of compiled templates that refer to each other by name (partials,
/// parents). Built once, then shared by any number of concurrent renders.
///
/// How it works: `TemplateParser` reads each source once, over its UTF-8
/// bytes, into a node tree (applying the spec's standalone-line and
/// indentation rules as it goes); `CompiledTemplate` flattens the tree into
/// plain instructions and one byte array of literal text; `Renderer` runs
/// the instructions in a loop with an explicit stack (no recursion, so no
/// input can exhaust the thread's stack) and writes into a byte buffer.
/// The module takes sources as strings and never touches the file system.
public struct TemplateLibrary: Sendable {
    public struct Options: Sendable, Hashable {
        public enum UnknownPartials: Sendable, Hashable {
            /// A static `{{>name}}` or `{{<name}}` naming no template is a build error.
            case error
            /// Renders as empty (the Mustache spec's behaviour).
            case renderEmpty
        }

        public var unknownPartials: UnknownPartials
        /// How deep partials, parents and blocks may expand inside each
        /// other; deeper is a render error (a template that includes itself).
        public var maxIncludeDepth: Int
        /// How deep sections, parents and blocks may nest in one template;
        /// deeper is a compile error. (Compiled trees are freed recursively:
        /// keep this in the hundreds.)
        public var maxNestingDepth: Int

        public init(unknownPartials: UnknownPartials = .error, maxIncludeDepth: Int = 100, maxNestingDepth: Int = 100) {
            self.unknownPartials = unknownPartials
            self.maxIncludeDepth = maxIncludeDepth
            self.maxNestingDepth = maxNestingDepth
        }
    }

    private let templates: [String: CompiledTemplate]
    public let options: Options

    /// Compiles every source; throws all their errors at once.
    public init(_ sources: [TemplateSource]) throws(TemplateLibraryError) {
        try self.init(sources, options: Options())
    }

    public init(_ sources: [TemplateSource], options: Options) throws(TemplateLibraryError) {
        self.options = options
        var templates: [String: CompiledTemplate] = [:]
        var errors: [TemplateError] = []
        for source in sources {
            if let existing = templates[source.name] {
                errors.append(TemplateError(
                    message: "duplicate template name \"\(source.name)\" (also \(existing.path))",
                    path: source.path, line: 1, column: 1
                ))
                continue
            }
            var parser = TemplateParser(source: source.text, path: source.path, maxNestingDepth: options.maxNestingDepth)
            templates[source.name] = parser.parse(name: source.name)
            errors.append(contentsOf: parser.errors)
        }
        if options.unknownPartials == .error {
            for template in templates.values {
                Self.checkReferences(of: template, names: templates, errors: &errors)
            }
        }
        guard errors.isEmpty else {
            throw TemplateLibraryError(errors: errors.sorted { ($0.path, $0.line, $0.column) < ($1.path, $1.line, $1.column) })
        }
        self.templates = templates
    }

    /// Reports static partial and parent names that name no template.
    private static func checkReferences(
        of template: CompiledTemplate, names: [String: CompiledTemplate], errors: inout [TemplateError]
    ) {
        for instruction in template.code {
            let reference: TemplateReference
            let noun: String
            switch instruction.operation {
            case .partial:
                reference = template.partials[Int(instruction.operand)].reference
                noun = "partial"
            case .parent:
                reference = template.parents[Int(instruction.operand)].reference
                noun = "parent template"
            default:
                continue
            }
            guard case .named(let name) = reference, names[name] == nil else { continue }
            let position = template.position(ofByte: Int(instruction.offset))
            errors.append(TemplateError(
                message: "unknown \(noun) \"\(name)\"", path: template.path, line: position.line, column: position.column
            ))
        }
    }

    public func contains(_ name: String) -> Bool {
        templates[name] != nil
    }

    /// Template names, sorted.
    public var names: [String] {
        templates.keys.sorted()
    }

    /// The template's path as given in its source (for messages).
    public func path(of name: String) -> String? {
        templates[name]?.path
    }

    /// Appends the rendering of template `name` to `output`. Throws only
    /// render-time errors: an unknown template name, or nesting past
    /// `maxIncludeDepth`.
    public func render(_ name: String, _ context: TemplateValue, into output: inout String) throws(TemplateError) {
        let template = try template(named: name)
        var buffer = OutputBuffer(capacity: template.estimatedOutputSize)
        var renderer = Renderer(templates: templates, options: options, context: context)
        try renderer.render(template, into: &buffer)
        output.append(buffer.string)
    }

    public func render(_ name: String, _ context: TemplateValue) throws(TemplateError) -> String {
        let template = try template(named: name)
        var buffer = OutputBuffer(capacity: template.estimatedOutputSize)
        var renderer = Renderer(templates: templates, options: options, context: context)
        try renderer.render(template, into: &buffer)
        return buffer.string
    }

    /// Appends the rendering of template `name` to `output` as UTF-8 bytes,
    /// for a caller that writes them out: no `String` is made (and checked)
    /// only to be turned back into bytes. On an error, `output` keeps what
    /// it held before.
    public func render(_ name: String, _ context: TemplateValue, into output: inout [UInt8]) throws(TemplateError) {
        let template = try template(named: name)
        let start = output.count
        var buffer = OutputBuffer(adopting: &output)
        buffer.reserveAdditional(template.estimatedOutputSize)
        var renderer = Renderer(templates: templates, options: options, context: context)
        do {
            try renderer.render(template, into: &buffer)
        } catch {
            output = buffer.takeBytes()
            output.removeSubrange(start...)
            throw error
        }
        output = buffer.takeBytes()
    }

    /// Renders `name` and returns every name it looked up and did not find
    /// (rendered as empty), sorted by position and without duplicates.
    public func unresolvedNames(rendering name: String, _ context: TemplateValue) throws(TemplateError) -> [UnresolvedName] {
        let template = try template(named: name)
        var output = OutputBuffer(capacity: 0)
        var renderer = Renderer(templates: templates, options: options, context: context)
        renderer.unresolved = []
        try renderer.render(template, into: &output)
        return (renderer.unresolved ?? []).sorted()
    }

    /// The diagnostic for an error from this library, with the source line.
    public func diagnostic(for error: TemplateError) -> Diagnostic {
        let source = templates.values.first { $0.path == error.path }?.sourceText ?? ""
        return error.diagnostic(source: source)
    }

    private func template(named name: String) throws(TemplateError) -> CompiledTemplate {
        guard let template = templates[name] else {
            throw TemplateError(message: "no template named \"\(name)\"", path: "", line: 0, column: 0)
        }
        return template
    }
}
