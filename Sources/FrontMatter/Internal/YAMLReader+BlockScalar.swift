/// Block scalars: `|` keeps line breaks, `>` folds lines into one; `-` strips
/// the final line break, `+` keeps every trailing one; a digit gives the
/// content's indentation explicitly.
extension YAMLReader {
    private enum Chomping {
        case clip, strip, keep
    }

    private enum FoldedLine {
        case none, text, spaced
    }

    mutating func parseBlockScalar(line index: Int, at offset: Int, parentIndent: Int) throws(FrontMatterError) -> YAMLNode {
        let literal = bytes[offset] == ASCII.verticalBar
        let end = lines[index].end
        var cursor = offset + 1
        var chomping = Chomping.clip
        var sawChomping = false
        var explicitIndent: Int?
        while cursor < end {
            let byte = bytes[cursor]
            if !sawChomping && (byte == ASCII.minus || byte == ASCII.plus) {
                chomping = byte == ASCII.minus ? .strip : .keep
                sawChomping = true
            } else if explicitIndent == nil && byte > ASCII.zero && byte <= ASCII.nine {
                explicitIndent = Int(byte - ASCII.zero)
            } else {
                break
            }
            cursor += 1
        }
        let headerEnd = cursor
        while cursor < end && ASCII.isBlank(bytes[cursor]) { cursor += 1 }
        if cursor < end && !(bytes[cursor] == ASCII.hash && cursor > headerEnd) {
            let indicator = ASCII.describe(bytes[offset])
            let message = cursor > headerEnd
                ? "text cannot follow '\(indicator)' on its line; start the text on the next line"
                : "invalid block scalar header: only '-', '+' or a digit 1-9 may follow '\(indicator)'"
            throw error(message, at: cursor, line: index)
        }

        let contentIndent = try blockScalarIndent(after: index, parentIndent: parentIndent, explicit: explicitIndent)
        var result: [UInt8] = []
        var pendingBreaks = 0
        var previous = FoldedLine.none
        var last = index
        var candidate = index + 1
        while candidate < lines.count {
            let line = lines[candidate]
            let indent = indentation(of: candidate)
            if line.start + indent == line.end && indent <= contentIndent {
                pendingBreaks += 1
                last = candidate
                candidate += 1
                continue
            }
            if indent < contentIndent { break }
            let textStart = line.start + contentIndent
            let spaced = textStart < line.end && ASCII.isBlank(bytes[textStart])
            let breaks: Int
            if previous == .none {
                breaks = pendingBreaks
            } else if !literal && previous == .text && !spaced && pendingBreaks == 0 {
                result.append(ASCII.space)
                breaks = 0
            } else if !literal && previous == .text && !spaced {
                breaks = pendingBreaks
            } else {
                breaks = pendingBreaks + 1
            }
            result.append(contentsOf: repeatElement(ASCII.lineFeed, count: breaks))
            result.append(contentsOf: bytes[textStart..<line.end])
            previous = spaced ? .spaced : .text
            pendingBreaks = 0
            last = candidate
            candidate += 1
        }
        switch chomping {
        case .strip:
            break
        case .clip:
            if previous != .none { result.append(ASCII.lineFeed) }
        case .keep:
            let breaks = previous == .none ? pendingBreaks : pendingBreaks + 1
            result.append(contentsOf: repeatElement(ASCII.lineFeed, count: breaks))
        }
        lineIndex = last
        self.cursor = lines[last].end
        return node(.string(String(decoding: result, as: UTF8.self)), at: offset, line: index)
    }

    /// The content's indentation: explicit, or that of the first non-blank line
    /// (which must be indented more than the parent; otherwise the scalar is empty).
    private func blockScalarIndent(after index: Int, parentIndent: Int, explicit: Int?) throws(FrontMatterError) -> Int {
        if let explicit { return max(1, parentIndent + explicit) }
        var widestBlank = 0
        var widestBlankLine = -1
        var candidate = index + 1
        while candidate < lines.count {
            let indent = indentation(of: candidate)
            guard lines[candidate].start + indent == lines[candidate].end else { break }
            if indent > widestBlank {
                widestBlank = indent
                widestBlankLine = candidate
            }
            candidate += 1
        }
        guard candidate < lines.count, indentation(of: candidate) > parentIndent else {
            return max(parentIndent + 1, widestBlank)
        }
        let indent = indentation(of: candidate)
        if widestBlank > indent {
            throw error("a blank line at the start of a block scalar has more spaces than its first line of text",
                        at: lines[widestBlankLine].end, line: widestBlankLine)
        }
        return indent
    }
}
