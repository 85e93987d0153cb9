// Front-matter parsing speed on one core.
//
//     python3 shared/bench/gen_corpus.py --pages 10000 --out /tmp/fm-corpus
//     cd Benchmarks && swift build -c release
//     .build/release/frontmatter-bench /tmp/fm-corpus [--runs 5]
//
// Reads every .md file under the corpus folder into memory first (not timed),
// then times FrontMatterParser.parsePage over all of them, several runs, and
// prints the median and best run: once on whole pages, once on the same
// files cut after their closing `---` (the front matter alone). For comparison
// it also times the floor of turning each file's bytes into a String (which
// parsePage must do for the body anyway).
import Foundation
import FrontMatter

func markdownFiles(under root: String) -> [String] {
    guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
    var paths: [String] = []
    while let relative = walker.nextObject() as? String {
        if relative.hasSuffix(".md") { paths.append(root + "/" + relative) }
    }
    return paths.sorted()
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    print("usage: frontmatter-bench CORPUS_DIR [--runs N]")
    exit(2)
}
let runs: Int = {
    guard let flag = arguments.firstIndex(of: "--runs"), flag + 1 < arguments.count, let value = Int(arguments[flag + 1]) else {
        return 5
    }
    return max(1, value)
}()

let paths = markdownFiles(under: arguments[1])
let files: [[UInt8]] = paths.compactMap { path in FileManager.default.contents(atPath: path).map { [UInt8]($0) } }
guard !files.isEmpty else {
    print("no .md files under \(arguments[1])")
    exit(2)
}
let totalBytes = files.reduce(0) { $0 + $1.count }

func timeRuns(_ runs: Int, _ body: () -> Int) -> (times: [Double], checksum: Int) {
    _ = body() // warm-up
    var times: [Double] = []
    var checksum = 0
    let clock = ContinuousClock()
    for _ in 0..<runs {
        var result = 0
        let elapsed = clock.measure { result = body() }
        checksum = result
        times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
    return (times, checksum)
}

let errorCount = files.count { bytes in (try? FrontMatterParser.parsePage(bytes)) == nil }
let parse = timeRuns(runs) {
    var entries = 0
    for bytes in files {
        do {
            let page = try FrontMatterParser.parsePage(bytes)
            entries += (page.frontMatter.mapping?.count ?? 0) + page.bodyStartLine
        } catch {
            entries -= 1
        }
    }
    return entries
}
/// Each file cut just after its closing `---` line, to time the front matter alone.
func frontMatterOnly(_ bytes: [UInt8]) -> [UInt8] {
    var lineStart = 0
    var lineNumber = 0
    for (index, byte) in bytes.enumerated() where byte == 0x0A {
        let line = bytes[lineStart..<index].filter { $0 != 0x0D }
        if lineNumber > 0 && line == Array("---".utf8) { return Array(bytes[...index]) }
        lineNumber += 1
        lineStart = index + 1
    }
    return bytes
}
let heads = files.map(frontMatterOnly)
let headBytes = heads.reduce(0) { $0 + $1.count }
let headsOnly = timeRuns(runs) {
    var entries = 0
    for bytes in heads {
        entries += (try? FrontMatterParser.parsePage(bytes))?.frontMatter.mapping?.count ?? -1
    }
    return entries
}
let floor = timeRuns(runs) {
    var length = 0
    for bytes in files {
        length += String(decoding: bytes, as: UTF8.self).utf8.count
    }
    return length
}

func report(_ label: String, _ times: [Double]) {
    let perPage = median(times) / Double(files.count) * 1e6
    let best = (times.min() ?? 0) / Double(files.count) * 1e6
    print("\(label): median \(String(format: "%.3f", median(times))) s total, "
          + "\(String(format: "%.2f", perPage)) µs/page (best \(String(format: "%.2f", best)) µs/page)")
}

print("files: \(files.count) (\(String(format: "%.1f", Double(totalBytes) / 1_048_576)) MiB), runs: \(runs), errors: \(errorCount)")
print("front matter: \(String(format: "%.0f", Double(headBytes) / Double(files.count))) bytes per page on average")
report("parsePage, whole page (front matter + body String)", parse.times)
report("parsePage, front matter only (files cut after ---)", headsOnly.times)
report("floor: whole file to a String, no parsing         ", floor.times)
