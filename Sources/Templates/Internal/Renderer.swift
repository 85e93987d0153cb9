/// Runs compiled templates against a context, appending to one buffer.
///
/// The walk is a loop over an explicit stack of positions rather than a
/// recursion, so no template or data can exhaust the thread's stack: deep
/// nesting costs heap memory, bounded by the nesting and include limits.
/// Context values are not copied (the enum cases share their storage).
struct Renderer {
    /// A block's content passed by a child template, with the template it is in.
    struct Argument {
        var range: CodeRange
        var template: CompiledTemplate
    }

    /// Where the walk is in one template's code, and what to undo when the
    /// range ends.
    private struct Position {
        var template: CompiledTemplate
        var pc: Int
        var end: Int
        /// A list section: where its content starts, and the items still to render it for.
        var loopStart = 0
        var items: [TemplateValue]?
        var nextItem = 0
        var exit: Exit = .none

        init(template: CompiledTemplate, range: CodeRange, exit: Exit = .none) {
            self.template = template
            self.pc = Int(range.start)
            self.end = Int(range.end)
            self.exit = exit
        }

        init(template: CompiledTemplate, pc: Int, end: Int, exit: Exit) {
            self.template = template
            self.pc = pc
            self.end = end
            self.exit = exit
        }
    }

    private struct Tables {
        let code: [Instruction]
        let textBytes: [UInt8]
        let names: [Name]

        init(_ template: CompiledTemplate) {
            code = template.code
            textBytes = template.textBytes
            names = template.names
        }
    }

    private enum Exit {
        case none
        /// A section pushed a value on the context stack.
        case popContext
        /// A partial, parent or block changed the indentation and maybe the
        /// block overrides.
        case restore(indentation: String, overrides: [String: Argument]?)
    }

    let templates: [String: CompiledTemplate]
    let maxIncludeDepth: Int
    private var contextStack: [TemplateValue]
    private var indentation = ""
    private var overrides: [String: Argument] = [:]
    private var includeDepth = 0
    /// Collected only when asked for (`unresolvedNames`).
    var unresolved: Set<UnresolvedName>?

    init(templates: [String: CompiledTemplate], options: TemplateLibrary.Options, context: TemplateValue) {
        self.templates = templates
        self.maxIncludeDepth = options.maxIncludeDepth
        self.contextStack = [context]
        contextStack.reserveCapacity(16)
    }

    mutating func render(_ template: CompiledTemplate, into output: inout OutputBuffer) throws(TemplateError) {
        var current = Position(template: template, range: template.root)
        // The current template's tables, held in a local so the loop reads
        // them without going through the class reference each time.
        var tables = Tables(template)
        var outer: [Position] = []
        while true {
            guard current.pc < current.end else {
                if let items = current.items, current.nextItem < items.count {
                    contextStack[contextStack.count - 1] = items[current.nextItem]
                    current.nextItem += 1
                    current.pc = current.loopStart
                    continue
                }
                leave(current.exit)
                guard let next = outer.popLast() else { return }
                if next.template !== current.template { tables = Tables(next.template) }
                current = next
                continue
            }
            let instruction = tables.code[current.pc]
            current.pc += 1
            let operand = Int(instruction.operand)

            switch instruction.operation {
            case .text:
                output.append(tables.textBytes, operand, Int(instruction.end))

            case .textWithLineStarts:
                if indentation.isEmpty {
                    output.append(tables.textBytes, operand, Int(instruction.end))
                } else {
                    appendIndented(
                        tables.textBytes, operand, Int(instruction.end),
                        lineStarts: current.template.lineStarts[Int(instruction.offset)], into: &output
                    )
                }

            case .escapedVariable, .rawVariable:
                let name = tables.names[operand]
                if let value = lookUp(name) {
                    append(value, escaped: instruction.operation == .escapedVariable, into: &output)
                } else if unresolved != nil {
                    noteUnresolved(name.text, .variable, in: current.template, at: instruction.offset)
                }

            case .section, .invertedSection:
                let contentStart = current.pc
                current.pc = Int(instruction.end)
                guard var inner = enter(instruction, in: current.template) else { continue }
                inner.pc = contentStart
                inner.loopStart = contentStart
                outer.append(consume current)
                current = inner

            case .partial:
                let partial = current.template.partials[operand]
                guard let target = resolve(partial.reference, in: current.template, at: instruction.offset) else { continue }
                let inner = try expand(
                    target.root, of: target, indentation: partial.indentation, isStandalone: partial.isStandalone,
                    newOverrides: nil, from: current.template, at: instruction.offset, into: &output
                )
                outer.append(consume current)
                current = inner
                tables = Tables(target)

            case .parent:
                current.pc = Int(instruction.end)
                let parent = current.template.parents[operand]
                guard let target = resolve(parent.reference, in: current.template, at: instruction.offset) else { continue }
                // The outermost template's blocks win: add only the
                // arguments no enclosing parent has given.
                var merged = overrides
                for (name, range) in parent.arguments where merged[name] == nil {
                    merged[name] = Argument(range: range, template: current.template)
                }
                let inner = try expand(
                    target.root, of: target, indentation: parent.indentation, isStandalone: parent.isStandalone,
                    newOverrides: merged, from: current.template, at: instruction.offset, into: &output
                )
                outer.append(consume current)
                current = inner
                tables = Tables(target)

            case .block:
                current.pc = Int(instruction.end)
                let block = current.template.blocks[operand]
                let argument = overrides[block.name]
                let target = argument?.template ?? current.template
                let inner = try expand(
                    argument?.range ?? block.defaultContent, of: target,
                    indentation: block.indentation, isStandalone: block.isStandalone,
                    newOverrides: nil, from: current.template, at: instruction.offset, into: &output
                )
                outer.append(consume current)
                current = inner
                tables = Tables(target)
            }
        }
    }

    /// Text with the indentation inserted at each line start.
    private func appendIndented(_ bytes: [UInt8], _ start: Int, _ end: Int, lineStarts: [Int32], into output: inout OutputBuffer) {
        var pieceStart = start
        for lineStart in lineStarts {
            output.append(bytes, pieceStart, Int(lineStart))
            output.append(indentation)
            pieceStart = Int(lineStart)
        }
        output.append(bytes, pieceStart, end)
    }

    /// The position inside a section (its range still to be set), or `nil`
    /// when the section renders nothing.
    private mutating func enter(_ instruction: Instruction, in template: CompiledTemplate) -> Position? {
        let name = template.names[Int(instruction.operand)]
        let inverted = instruction.operation == .invertedSection
        let value = lookUp(name)
        if value == nil, unresolved != nil {
            noteUnresolved(name.text, inverted ? .invertedSection : .section, in: template, at: instruction.offset)
        }
        let end = Int(instruction.end)
        if inverted {
            return value?.isTruthy ?? false ? nil : Position(template: template, pc: 0, end: end, exit: .none)
        }
        guard let value, value.isTruthy else { return nil }
        var position = Position(template: template, pc: 0, end: end, exit: .popContext)
        if case .list(let items) = value {
            contextStack.append(items[0])
            position.items = items
            position.nextItem = 1
        } else {
            contextStack.append(value)
        }
        return position
    }

    /// Starts a partial, parent or block content in place, with `indentation`
    /// added to each of its lines; returns the position inside it.
    private mutating func expand(
        _ range: CodeRange, of target: CompiledTemplate, indentation extra: String, isStandalone: Bool,
        newOverrides: [String: Argument]?, from template: CompiledTemplate, at offset: Int32, into output: inout OutputBuffer
    ) throws(TemplateError) -> Position {
        guard includeDepth < maxIncludeDepth else {
            throw error(
                "templates nested more than \(maxIncludeDepth) levels deep (a partial or block that includes itself?)",
                in: template, at: offset
            )
        }
        includeDepth += 1
        let exit = Exit.restore(indentation: indentation, overrides: newOverrides == nil ? nil : overrides)
        if !extra.isEmpty { indentation += extra }
        if isStandalone, range.startsWithLineStart { output.append(indentation) }
        if let newOverrides { overrides = newOverrides }
        return Position(template: target, range: range, exit: exit)
    }

    private mutating func leave(_ exit: Exit) {
        switch exit {
        case .none:
            break
        case .popContext:
            contextStack.removeLast()
        case .restore(let savedIndentation, let savedOverrides):
            includeDepth -= 1
            indentation = savedIndentation
            if let savedOverrides { overrides = savedOverrides }
        }
    }

    // MARK: - Values

    /// Spec name resolution: the first part from the top of the stack down,
    /// the other parts inside that value only.
    private func lookUp(_ name: Name) -> TemplateValue? {
        guard let first = name.parts.first else { return contextStack.last }
        let found: TemplateValue? = contextStack.withUnsafeBufferPointer { frames in
            var index = frames.count - 1
            while index >= 0 {
                if case .object(let fields) = frames[index], let value = fields[first] { return value }
                index -= 1
            }
            return nil
        }
        guard var value = found else { return nil }
        var index = 1
        while index < name.parts.count {
            switch value {
            case .object(let fields):
                guard let next = fields[name.parts[index]] else { return nil }
                value = next
            case .list(let items):
                // An extension beyond the spec: `{{#tags.0}}` tests a list for a first
                // item, so a template can wrap a non-empty list once.
                // Past the end is an empty value, not an unknown name.
                guard let position = Int(name.parts[index]) else { return nil }
                value = items.indices.contains(position) ? items[position] : .null
            default:
                return nil
            }
            index += 1
        }
        return value
    }

    private func append(_ value: TemplateValue, escaped: Bool, into output: inout OutputBuffer) {
        switch value {
        case .string(let text):
            if escaped { output.appendEscaped(text) } else { output.append(text) }
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

    private mutating func resolve(_ reference: TemplateReference, in template: CompiledTemplate, at offset: Int32) -> CompiledTemplate? {
        let name: String
        switch reference {
        case .named(let templateName):
            name = templateName
        case .dynamic(let dataName):
            guard let value = lookUp(dataName) else {
                if unresolved != nil { noteUnresolved(dataName.text, .dynamicName, in: template, at: offset) }
                return nil
            }
            switch value {
            case .string(let text), .html(let text): name = text
            default: return nil
            }
        }
        if let target = templates[name] { return target }
        if unresolved != nil { noteUnresolved(name, .template, in: template, at: offset) }
        return nil
    }

    private mutating func noteUnresolved(_ name: String, _ kind: UnresolvedName.Kind, in template: CompiledTemplate, at offset: Int32) {
        let position = template.position(ofByte: Int(offset))
        unresolved?.insert(UnresolvedName(
            name: name, kind: kind, path: template.path, line: position.line, column: position.column
        ))
    }

    private func error(_ message: String, in template: CompiledTemplate, at offset: Int32) -> TemplateError {
        let position = template.position(ofByte: Int(offset))
        return TemplateError(message: message, path: template.path, line: position.line, column: position.column)
    }
}
