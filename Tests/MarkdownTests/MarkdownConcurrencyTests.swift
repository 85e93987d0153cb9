import Testing
import Markdown

@Suite struct MarkdownConcurrencyTests {
    private static func body(_ index: Int) -> String {
        """
        ## 第\(index)节：典型示范

        本报讯**真，**她说\(index)。
        工会组织[报道](/news/\(index).md)聚焦效率提升。

        - 项目 *\(index)*
        """
    }

    @Test func parallelParsingMatchesSequential() async {
        let count = 64
        let rewrite: @Sendable (MarkdownLink) -> String? = { "/rewritten" + $0.destination }
        let sequential = (0..<count).map { MarkdownDocument(parsing: Self.body($0), rewriteDestination: rewrite) }
        let parallel = await withTaskGroup(of: (Int, MarkdownDocument).self) { group in
            for index in 0..<count {
                group.addTask { (index, MarkdownDocument(parsing: Self.body(index), rewriteDestination: rewrite)) }
            }
            var results = [MarkdownDocument?](repeating: nil, count: count)
            for await (index, document) in group { results[index] = document }
            return results
        }
        for index in 0..<count {
            #expect(parallel[index]?.html == sequential[index].html)
            #expect(parallel[index]?.links == sequential[index].links)
            #expect(parallel[index]?.headings == sequential[index].headings)
            #expect(parallel[index]?.plainText == sequential[index].plainText)
        }
        #expect(sequential[3].html.contains("<strong>真，</strong>她说3。工会组织<a href=\"/rewritten/news/3.md\">"))
    }
}
