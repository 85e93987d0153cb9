import Testing
import Templates

/// How pages share one base layout, with partials, and how indentation and
/// standalone lines come out.
@Suite struct InheritanceTests {
    static let layout = """
    <!DOCTYPE html>
    <html lang="zh-CN">
    <head>
      <title>{{$title}}{{site.title}}{{/title}}</title>
    </head>
    <body>
      {{> partials/nav}}
      <main>
        {{$content}}
        {{/content}}
      </main>
    </body>
    </html>

    """

    static let nav = """
    <nav>
      {{#site.menu}}
      <a href="{{url}}">{{name}}</a>
      {{/site.menu}}
    </nav>

    """

    static let article = """
    {{<layout}}
    {{$title}}{{page.title}} - {{site.title}}{{/title}}
    {{$content}}
    <article>
      <h1>{{page.title}}</h1>
      {{{page.body}}}
    </article>
    {{/content}}
    {{/layout}}

    """

    static let context: TemplateValue = [
        "site": ["title": "厦门市总工会", "menu": [["name": "首页", "url": "/"], ["name": "新闻", "url": "/news/"]]],
        "page": ["title": "劳模风采", "body": .html("<p>第一段</p>")],
    ]

    @Test func rendersAPageThroughTheLayout() throws {
        let templates = try library(["layout": Self.layout, "partials/nav": Self.nav, "article": Self.article])
        #expect(try templates.render("article", Self.context) == """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
          <title>劳模风采 - 厦门市总工会</title>
        </head>
        <body>
          <nav>
            <a href="/">首页</a>
            <a href="/news/">新闻</a>
          </nav>
          <main>
            <article>
              <h1>劳模风采</h1>
              <p>第一段</p>
            </article>
          </main>
        </body>
        </html>

        """)
    }

    @Test func usesTheLayoutDefaultsWhenABlockIsNotGiven() throws {
        let templates = try library([
            "layout": Self.layout, "partials/nav": Self.nav,
            "empty": "{{<layout}}{{/layout}}\n",
        ])
        let output = try templates.render("empty", Self.context)
        #expect(output.contains("<title>厦门市总工会</title>"))
        #expect(output.contains("  <main>\n  </main>\n"))
    }

    @Test func childBlocksWinOverIntermediateLayouts() throws {
        let templates = try library([
            "base": "<title>{{$title}}base{{/title}}</title>{{$footer}}base footer{{/footer}}",
            "section": "{{<base}}{{$title}}section{{/title}}{{$footer}}section footer{{/footer}}{{/base}}",
            "page": "{{<section}}{{$title}}page{{/title}}{{/section}}",
        ])
        #expect(try templates.render("page", [:]) == "<title>page</title>section footer")
    }

    @Test func indentsEveryLineOfAStandalonePartialButNotInterpolatedText() throws {
        let templates = try library([
            "page": "<ul>\n  {{>item}}\n</ul>\n",
            "item": "<li>\n{{{text}}}\n</li>\n",
        ])
        #expect(try templates.render("page", ["text": "一\n二"]) == "<ul>\n  <li>\n  一\n二\n  </li>\n</ul>\n")
    }

    @Test func rendersRecursivePartialsOverData() throws {
        let templates = try library([
            "tree": "<ul>{{#children}}<li>{{name}}{{>tree}}</li>{{/children}}</ul>",
        ])
        let context: TemplateValue = [
            "name": "根", "children": [["name": "甲", "children": [["name": "乙", "children": []]]]],
        ]
        #expect(try templates.render("tree", context) == "<ul><li>甲<ul><li>乙<ul></ul></li></ul></li></ul>")
    }

    @Test func picksDynamicPartialsFromData() throws {
        let templates = try library([
            "list": "{{#items}}{{>*kind}}{{/items}}",
            "kinds/news": "[新闻:{{title}}]",
            "kinds/notice": "[通知:{{title}}]",
        ])
        let context: TemplateValue = ["items": [
            ["kind": "kinds/news", "title": "甲"], ["kind": "kinds/notice", "title": "乙"], ["kind": "kinds/none", "title": "丙"],
        ]]
        #expect(try templates.render("list", context) == "[新闻:甲][通知:乙]")
    }

    @Test func changedDelimitersStayInTheirTemplate() throws {
        let templates = try library(["page": "{{=<% %>=}}<%x%>{{x}}<%>p%>", "p": "{{x}}"])
        #expect(try templates.render("page", ["x": "1"]) == "1{{x}}1")
    }
}
