import Testing
@testable import FrontMatter

/// The parser never crashes or hangs: mutated documents give a value or a
/// positioned error, and large inputs take linear time.
@Suite struct RobustnessTests {
    /// SplitMix64, so that the mutations are the same on every run.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let interesting: [UInt8] = Array(":- \n\t\"'[]{}#|>&*!?,\\\r%@`.~0".utf8) + [0xFF, 0xE4, 0xBD, 0xC2, 0x85, 0x00]

    func mutate(_ bytes: [UInt8], using random: inout SeededGenerator) -> [UInt8] {
        var result = bytes
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let position = result.isEmpty ? 0 : Int.random(in: 0..<result.count, using: &random)
            switch Int.random(in: 0..<5, using: &random) {
            case 0 where !result.isEmpty:
                result.remove(at: position)
            case 1:
                result.insert(Self.interesting.randomElement(using: &random) ?? 0x20, at: position)
            case 2 where !result.isEmpty:
                let end = min(result.count, position + Int.random(in: 1...20, using: &random))
                result.insert(contentsOf: result[position..<end], at: position)
            case 3:
                result.removeSubrange(position...)
            default:
                result.insert(contentsOf: Array(repeating: 0x20, count: Int.random(in: 1...3, using: &random)), at: position)
            }
        }
        return result
    }

    @Test func mutatedSpecCasesNeverCrash() {
        var random = SeededGenerator(state: 2025)
        var outcomes = (values: 0, errors: 0)
        for testCase in FrontMatterCasesTests.cases.valid {
            let original = Array(testCase.document.utf8)
            for _ in 0..<12 {
                let bytes = mutate(original, using: &random)
                let lineCount = bytes.count { $0 == 0x0A } + 1
                for asDocument in [false, true] {
                    do {
                        let node = asDocument ? try FrontMatterParser.parseDocument(bytes) : try FrontMatterParser.parsePage(bytes).frontMatter
                        _ = node.inspectJSON()
                        outcomes.values += 1
                    } catch {
                        #expect(error.line >= 1 && error.line <= lineCount && error.column >= 1, "\(error)")
                        _ = error.diagnostic(file: "x.md", source: String(decoding: bytes, as: UTF8.self))
                        outcomes.errors += 1
                    }
                }
            }
        }
        #expect(outcomes.values > 1000)
        #expect(outcomes.errors > 1000)
    }

    @Test func largeInputsAreHandled() throws {
        let items = (0..<100_000).map { "项\($0)" }.joined(separator: ", ")
        let list = try #require(try frontMatter("a: [" + items + "]\n")["a"]?.list)
        #expect(list.count == 100_000)
        // The items start at column 5; the last, `项99999`, is the items' last 6 scalars.
        #expect(list.last?.column == 5 + items.unicodeScalars.count - 6)

        let keys = (0..<20_000).map { "key\($0): \($0)\n" }.joined()
        #expect(try frontMatter(keys).mapping?.count == 20_000)

        let long = String(repeating: "长", count: 1_000_000)
        #expect(try value("a: " + long + "\n") == .string(long))

        let unclosed = "a: \"" + String(repeating: "x\n  ", count: 100_000) + "\n"
        #expect(frontMatterError(unclosed)?.message == "unterminated double-quoted string (missing closing '\"')")
    }
}
