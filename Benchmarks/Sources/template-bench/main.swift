// Renders a realistic article page (a base layout through {{<layout}} and
// {{$block}} inheritance, partials, a list of 20 related articles, Chinese
// text) with UnionPress's Templates module and with swift-mustache, from the
// same templates and the same data, and prints time and renders per second.
//
//     cd Benchmarks && swift build -c release && .build/release/template-bench [renders] [--print]

import Foundation
import Mustache
import Templates

// MARK: - Templates (identical text for both engines)

let layout = """
<!DOCTYPE html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <title>{{$title}}{{site.title}}{{/title}}</title>
  <meta name="description" content="{{$description}}{{site.description}}{{/description}}">
  <link rel="stylesheet" href="{{site.baseURL}}assets/site.css">
</head>
<body>
  {{> partials/header}}
  <main class="container">
    {{$content}}
    {{/content}}
  </main>
  {{> partials/footer}}
</body>
</html>

"""

let header = """
<header class="site-header">
  <a class="logo" href="{{site.baseURL}}">{{site.title}}</a>
  <nav>
    {{#site.menu}}
    <a href="{{url}}"{{#active}} class="active"{{/active}}>{{name}}</a>
    {{/site.menu}}
  </nav>
</header>

"""

let footer = """
<footer class="site-footer">
  <p>{{site.copyright}}</p>
  <p>地址：{{site.address}} 电话：{{site.phone}}</p>
</footer>

"""

let articleItem = """
<li>
  <a href="{{url}}">{{title}}</a>
  <time datetime="{{date}}">{{date}}</time>
  {{#summary}}<p>{{summary}}</p>{{/summary}}
</li>

"""

let article = """
{{<layout}}
{{$title}}{{page.title}} - {{site.title}}{{/title}}
{{$description}}{{page.summary}}{{/description}}
{{$content}}
<article class="article">
  <h1>{{page.title}}</h1>
  <div class="meta">
    <span>来源：{{page.source}}</span>
    <span>作者：{{page.author}}</span>
    <time datetime="{{page.date}}">{{page.date}}</time>
  </div>
  {{#page.cover}}
  <figure><img src="{{url}}" alt="{{alt}}"></figure>
  {{/page.cover}}
  <div class="body">
    {{{page.body}}}
  </div>
  <ul class="tags">
    {{#page.tags}}
    <li><a href="{{site.baseURL}}tags/{{.}}/">{{.}}</a></li>
    {{/page.tags}}
  </ul>
</article>
<section class="related">
  <h2>相关新闻</h2>
  <ul>
    {{#related}}
    {{> partials/article-item}}
    {{/related}}
  </ul>
  {{^related}}<p>暂无相关新闻</p>{{/related}}
</section>
{{/content}}
{{/layout}}

"""

let templates: [(name: String, text: String)] = [
    ("layout", layout), ("partials/header", header), ("partials/footer", footer),
    ("partials/article-item", articleItem), ("article", article),
]

// MARK: - Data (one tree, converted for each engine)

let body = """
<p>4月28日上午，厦门市总工会在市职工文化宫举行庆祝“五一”国际劳动节暨劳模工匠表彰大会。\
会上表彰了一批在各自岗位上作出突出贡献的劳动模范和大国工匠。</p>
<p>市总工会主要负责同志在讲话中指出，要大力弘扬劳模精神、劳动精神、工匠精神，\
团结动员广大职工在推动高质量发展中建功立业。</p>
<p>会后，劳模代表走进企业车间，与一线职工面对面交流技术革新经验。</p>
"""

func related(_ index: Int) -> TemplateValue {
    [
        "title": .string("第\(index + 1)期职工技能大赛圆满落幕：“工匠” & <新秀> 同台竞技"),
        "url": .string("/news/2025/skills-\(index + 1)/"),
        "date": .string("2025-04-\(String(format: "%02d", index % 28 + 1))"),
        // Every third article has no summary (null: falsey in both engines).
        "summary": index % 3 == 0 ? nil : .string("来自全市\(index + 12)家企业的职工参加了比赛，展示了精湛技艺。"),
    ]
}

let data: TemplateValue = [
    "site": [
        "title": "厦门市总工会",
        "description": "厦门市总工会官方网站：工会新闻、劳模风采、职工服务",
        "baseURL": "/",
        "copyright": "© 2025 厦门市总工会 版权所有",
        "address": "厦门市思明区湖滨北路",
        "phone": "0592-1234567",
        "menu": [
            ["name": "首页", "url": "/", "active": false],
            ["name": "工会新闻", "url": "/news/", "active": true],
            ["name": "劳模风采", "url": "/models/", "active": false],
            ["name": "职工服务", "url": "/services/", "active": false],
            ["name": "关于我们", "url": "/about/", "active": false],
        ],
    ],
    "page": [
        "title": "市总工会举行庆祝“五一”国际劳动节暨劳模工匠表彰大会",
        "summary": "厦门市总工会表彰劳动模范和大国工匠，弘扬劳模精神、劳动精神、工匠精神。",
        "source": "厦门市总工会宣传部",
        "author": "林晓 & 陈明",
        "date": "2025-04-28",
        "cover": ["url": "/news/2025/may-day/cover.jpg", "alt": "表彰大会现场"],
        "body": .html(body),
        "tags": ["劳模", "工匠精神", "五一"],
    ],
    "related": .list((0..<20).map(related)),
]

/// The same tree as Swift dictionaries and arrays, for swift-mustache.
func foundationValue(_ value: TemplateValue) -> Any {
    switch value {
    case .null: return NSNull()
    case .bool(let flag): return flag
    case .int(let number): return number
    case .double(let number): return number
    case .string(let text), .html(let text): return text
    case .list(let items): return items.map(foundationValue)
    case .object(let fields):
        // A missing key is falsey in both engines (a nil inside `Any` is not, in swift-mustache).
        return fields.filter { $0.value != .null }.mapValues(foundationValue)
    }
}

// MARK: - Engines

let library = try TemplateLibrary(templates.map { TemplateSource(name: $0.name, path: "\($0.name).html", text: $0.text) })

var mustacheTemplates: [String: MustacheTemplate] = [:]
for template in templates {
    mustacheTemplates[template.name] = try MustacheTemplate(string: template.text)
}
let mustacheLibrary = MustacheLibrary(templates: mustacheTemplates)
let mustacheData = foundationValue(data)

let ours = try library.render("article", data)
let theirs = mustacheLibrary.render(mustacheData, withTemplate: "article") ?? ""

// MARK: - Measurement

if CommandLine.arguments.contains("--print") {
    print("=== UnionPress\n\(ours)=== swift-mustache\n\(theirs)===")
    exit(0)
}

let renders = CommandLine.arguments.dropFirst().compactMap { Int($0) }.first ?? 100_000

func measure(_ label: String, _ body: () throws -> Int) rethrows {
    // Warm up caches and allocators first.
    var bytes = 0
    for _ in 0..<1000 { bytes &+= try body() }
    let clock = ContinuousClock()
    let start = clock.now
    for _ in 0..<renders { bytes &+= try body() }
    let elapsed = clock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let rate = Double(renders) / seconds
    print(
        label.padding(toLength: 16, withPad: " ", startingAt: 0),
        String(format: "%8.3f s  %10.0f renders/s  %6.2f µs/render", seconds, rate, seconds / Double(renders) * 1e6),
        "(\(bytes) bytes)"
    )
}

print("Article page: \(ours.utf8.count) bytes of HTML, \(renders) renders per engine")
/// The text without the indentation at line starts: swift-mustache does not
/// indent the lines of a section inside an indented partial, as the spec asks.
func unindented(_ html: String) -> String {
    html.split(separator: "\n", omittingEmptySubsequences: false)
        .map { $0.drop { $0 == " " } }
        .joined(separator: "\n")
}

print("Outputs identical: \(ours == theirs); identical apart from indentation: \(unindented(ours) == unindented(theirs))")
if unindented(ours) != unindented(theirs) {
    let diff = zip(unindented(ours).split(separator: "\n", omittingEmptySubsequences: false), unindented(theirs).split(separator: "\n", omittingEmptySubsequences: false))
        .enumerated().first { $0.element.0 != $0.element.1 }
    if let diff { print("  first difference at line \(diff.offset + 1):\n  ours:   \(diff.element.0)\n  theirs: \(diff.element.1)") }
}
try measure("UnionPress") { try library.render("article", data).utf8.count }
if CommandLine.arguments.contains("--ours-only") { exit(0) }
measure("swift-mustache") { (mustacheLibrary.render(mustacheData, withTemplate: "article") ?? "").utf8.count }
