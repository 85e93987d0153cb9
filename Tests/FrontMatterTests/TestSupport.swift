@testable import FrontMatter

/// Parses `yaml` as the front matter of a page (`---` lines added around it);
/// line N of `yaml` is line N + 1 of the page.
func frontMatter(_ yaml: String) throws(FrontMatterError) -> YAMLNode {
    try FrontMatterParser.parsePage("---\n" + yaml + "---\nBody.\n").frontMatter
}

/// The `inspect` JSON of `yaml` used as front matter.
func json(_ yaml: String) throws(FrontMatterError) -> String {
    try frontMatter(yaml).inspectJSON()
}

/// The value of `key` in `yaml` used as front matter.
func value(_ yaml: String, _ key: String = "a") throws(FrontMatterError) -> YAMLValue? {
    try frontMatter(yaml)[key]?.value
}

/// The error for `yaml` used as front matter (`nil` if it parses).
func frontMatterError(_ yaml: String) -> FrontMatterError? {
    pageError("---\n" + yaml + "---\nBody.\n")
}

/// The error for a whole page (`nil` if it parses).
func pageError(_ page: String) -> FrontMatterError? {
    do {
        _ = try FrontMatterParser.parsePage(page)
        return nil
    } catch {
        return error
    }
}

func pageError(_ bytes: [UInt8]) -> FrontMatterError? {
    do {
        _ = try FrontMatterParser.parsePage(bytes)
        return nil
    } catch {
        return error
    }
}

func documentError(_ text: String) -> FrontMatterError? {
    do {
        _ = try FrontMatterParser.parseDocument(text)
        return nil
    } catch {
        return error
    }
}
