/// Walks compiled templates against a context, appending to one buffer.
///
/// The walk is a loop over an explicit stack of positions rather than a
/// recursion, so no template or data can exhaust the thread's stack: deep
/// nesting costs heap memory, bounded by the nesting and include limits.
/// Context values are not copied (the enum cases share their storage).
struct Renderer {
    /// A block's content passed by a child template, with the template it came from.
    struct Argument {
        var content: Content
        var template: CompiledTemplate
    }

    /// Where the walk is in one list of nodes, and what to undo when it ends.
    private struct Position {
        var nodes: [Node]
        var index = 0
        /// A list section: the items still to render the nodes for.
        var items: [TemplateValue]?
        var nextItem = 0
        var exit: Exit = .none
    }

    private enum Exit {
        case none
        /// A section pushed a value on the context stack.
        case popContext
        /// A partial, parent or block changed the indentation, the current
        /// template and maybe the block overrides.
        case restore(indentation: String, template: CompiledTemplate, overrides: [String: Argument]?)
    }

    let templates: [String: CompiledTemplate]
    let maxIncludeDepth: Int
    private var contextStack: [TemplateValue]
    private var indentation = ""
    private var overrides: [String: Argument] = [:]
    private var includeDepth = 0
    private var template: CompiledTemplate
    /// Collected only when asked for (`unresolvedNames`).
    var unresolved: Set<UnresolvedName>?

    init(templates: [String: CompiledTemplate], options: TemplateLibrary.Options, template: CompiledTemplate, context: TemplateValue) {
        self.templates = templates
        self.maxIncludeDepth = options.maxIncludeDepth
        self.template = template
        self.contextStack = [context]
        contextStack.reserveCapacity(16)
    }

    mutating func render(_ content: Content, into output: inout String) throws(TemplateError) {
        var current = Position(nodes: content.nodes)
        var outer: [Position] = []
        while true {
            guard current.index < current.nodes.count else {
                if let items = current.items, current.nextItem < items.count {
                    contextStack[contextStack.count - 1] = items[current.nextItem]
                    current.nextItem += 1
                    current.index = 0
                    continue
                }
                leave(current.exit)
                guard let next = outer.popLast() else { return }
                current = next
                continue
            }
            let node = current.nodes[current.index]
            current.index += 1

            // Each case that descends saves the current position and starts a new one.
            switch node {
            case .text(let run):
                appendText(run, into: &output)
            case .variable(let variable):
                renderVariable(variable, into: &output)
            case .section(let section):
                guard let inner = enter(section) else { continue }
                outer.append(current)
                current = inner
            case .partial(let partial):
                guard let target = resolve(partial.reference, at: partial.offset) else { continue }
                let inner = try expand(
                    target.root, from: target, indentation: partial.indentation,
                    isStandalone: partial.isStandalone, newOverrides: nil, at: partial.offset, into: &output
                )
                outer.append(current)
                current = inner
            case .parent(let parent):
                guard let target = resolve(parent.reference, at: parent.offset) else { continue }
                // The outermost template's blocks win: add only the
                // arguments no enclosing parent has given.
                var merged = overrides
                for (name, content) in parent.arguments where merged[name] == nil {
                    merged[name] = Argument(content: content, template: template)
                }
                let inner = try expand(
                    target.root, from: target, indentation: parent.indentation,
                    isStandalone: parent.isStandalone, newOverrides: merged, at: parent.offset, into: &output
                )
                outer.append(current)
                current = inner
            case .block(let block):
                let argument = overrides[block.name]
                let inner = try expand(
                    argument?.content ?? block.defaultContent, from: argument?.template ?? template,
                    indentation: block.indentation, isStandalone: block.isStandalone,
                    newOverrides: nil, at: block.offset, into: &output
                )
                outer.append(current)
                current = inner
            }
        }
    }

    private func appendText(_ run: TextRun, into output: inout String) {
        if run.pieces.isEmpty || indentation.isEmpty {
            output.append(run.text)
        } else {
            output.append(run.pieces[0])
            for piece in run.pieces.dropFirst() {
                output.append(indentation)
                output.append(piece)
            }
        }
    }

    private mutating func renderVariable(_ variable: VariableNode, into output: inout String) {
        if let value = lookUp(variable.name) {
            append(value, escaped: variable.escaped, into: &output)
        } else if unresolved != nil {
            noteUnresolved(variable.name.text, .variable, at: variable.offset)
        }
    }

    /// The position inside a section, or `nil` when the section renders nothing.
    private mutating func enter(_ section: SectionNode) -> Position? {
        let value = lookUp(section.name)
        if value == nil, unresolved != nil {
            noteUnresolved(section.name.text, section.inverted ? .invertedSection : .section, at: section.offset)
        }
        if section.inverted {
            return value?.isTruthy ?? false ? nil : Position(nodes: section.content.nodes)
        }
        guard let value, value.isTruthy else { return nil }
        if case .list(let items) = value {
            contextStack.append(items[0])
            return Position(nodes: section.content.nodes, items: items, nextItem: 1, exit: .popContext)
        }
        contextStack.append(value)
        return Position(nodes: section.content.nodes, exit: .popContext)
    }

    /// Starts a partial, parent or block content in place, with `indentation`
    /// added to each of its lines; returns the position inside it.
    private mutating func expand(
        _ content: Content, from source: CompiledTemplate, indentation extra: String, isStandalone: Bool,
        newOverrides: [String: Argument]?, at offset: Int, into output: inout String
    ) throws(TemplateError) -> Position {
        guard includeDepth < maxIncludeDepth else {
            throw error("templates nested more than \(maxIncludeDepth) levels deep (a partial or block that includes itself?)", at: offset)
        }
        includeDepth += 1
        let exit = Exit.restore(indentation: indentation, template: template, overrides: newOverrides == nil ? nil : overrides)
        if !extra.isEmpty { indentation += extra }
        if isStandalone, content.startsWithLineStart { output.append(indentation) }
        if let newOverrides { overrides = newOverrides }
        template = source
        return Position(nodes: content.nodes, exit: exit)
    }

    private mutating func leave(_ exit: Exit) {
        switch exit {
        case .none:
            break
        case .popContext:
            contextStack.removeLast()
        case .restore(let savedIndentation, let savedTemplate, let savedOverrides):
            includeDepth -= 1
            indentation = savedIndentation
            template = savedTemplate
            if let savedOverrides { overrides = savedOverrides }
        }
    }

    // MARK: - Values

    /// Spec name resolution: the first part from the top of the stack down,
    /// the other parts inside that value only.
    private func lookUp(_ name: Name) -> TemplateValue? {
        guard let first = name.parts.first else { return contextStack.last }
        var found: TemplateValue?
        for frame in contextStack.reversed() {
            if case .object(let fields) = frame, let value = fields[first] {
                found = value
                break
            }
        }
        guard var value = found else { return nil }
        for part in name.parts.dropFirst() {
            guard case .object(let fields) = value, let next = fields[part] else { return nil }
            value = next
        }
        return value
    }

    private func append(_ value: TemplateValue, escaped: Bool, into output: inout String) {
        switch value {
        case .string(let text):
            if escaped { HTMLEscape.append(text, to: &output) } else { output.append(text) }
        case .html(let html):
            output.append(html)
        case .int(let number):
            output.append(String(number))
        case .double(let number):
            output.append(Self.format(number))
        case .bool(let flag):
            output.append(flag ? "true" : "false")
        case .null, .list, .object:
            break
        }
    }

    /// Whole numbers without `.0` (as JSON and JavaScript write them), others
    /// in Swift's shortest round-trip form.
    static func format(_ number: Double) -> String {
        if number.rounded() == number, abs(number) < 1e15 {
            return String(Int(number))
        }
        return String(number)
    }

    // MARK: - Templates

    private mutating func resolve(_ reference: TemplateReference, at offset: Int) -> CompiledTemplate? {
        let name: String
        switch reference {
        case .named(let templateName):
            name = templateName
        case .dynamic(let dataName):
            guard let value = lookUp(dataName) else {
                if unresolved != nil { noteUnresolved(dataName.text, .dynamicName, at: offset) }
                return nil
            }
            switch value {
            case .string(let text), .html(let text): name = text
            default: return nil
            }
        }
        if let target = templates[name] { return target }
        if unresolved != nil { noteUnresolved(name, .template, at: offset) }
        return nil
    }

    private mutating func noteUnresolved(_ name: String, _ kind: UnresolvedName.Kind, at offset: Int) {
        let position = template.position(ofByte: offset)
        unresolved?.insert(UnresolvedName(
            name: name, kind: kind, path: template.path, line: position.line, column: position.column
        ))
    }

    private func error(_ message: String, at offset: Int) -> TemplateError {
        let position = template.position(ofByte: offset)
        return TemplateError(message: message, path: template.path, line: position.line, column: position.column)
    }
}
