/// A small site covering every kind, taxonomy and link the builder handles.
enum SmallSite {
    static let files: [String: String] = [
        "content/_site.yml": """
        title: 测试工会网
        base_url: https://news.example.org/
        page_size: 2
        menu:
          - {title: 首页, url: /}
          - {title: 地方实践, url: /news/}
        """,
        "content/_index.md": """
        ---
        title: 首页
        ---
        欢迎访问。
        """,
        "content/news/_index.md": """
        ---
        title: 地方实践
        description: 各地工会的创新做法
        ---
        """,
        "content/news/xiamen.md": """
        ---
        title: 从“线下跑腿”到“云端解纷”
        kicker: 厦门市总创新发展新时代“枫桥经验”工会实践——
        column: 工会创新实践调研行
        date: 2025-06-06
        byline: 本报记者 李润钊 本报通讯员 潘书婷
        tags: [新就业形态, 枫桥经验]
        region: 福建省/厦门市
        aliases: [/2025/06/old-xiamen/]
        ---
        “原先要花3个月维权，如今12天就解决了。”外卖骑手收到赔偿金后致谢。

        另见[辽源的做法](liaoyuan.md#安全)和[武威](../events/wuwei/index.md)。
        """,
        "content/news/liaoyuan.md": """
        ---
        title: 百名工会安全生产监督员“盯”在一线
        date: 2025-06-05 09:30
        tags: [安全生产, 新就业形态]
        region: [吉林省, 辽源市]
        ---
        辽源市总扎实推进安全生产工作。
        """,
        "content/news/escape.md": """
        ---
        title: "<script>alert(1)</script> & 标题"
        date: 2025-06-04
        summary: 'a "quoted" <b>summary</b>'
        ---
        正文。
        """,
        "content/news/draft.md": """
        ---
        title: 草稿
        date: 2025-06-03
        draft: true
        ---
        未发布。
        """,
        "content/news/future.md": """
        ---
        title: 未来的报道
        date: 2030-01-01
        ---
        还没到时间。
        """,
        "content/events/_index.md": """
        ---
        title: 活动报道
        kind: event
        ---
        """,
        "content/events/wuwei/index.md": """
        ---
        title: 武威市举办职工技能运动会
        date: 2025-06-02
        event:
          start: 2025-04-20
          end: 2025-05-30
          location: 甘肃省武威市
          organizers: [武威市总工会, 武威市人社局]
        photos:
          - {src: photo.png, caption: 赛场一角, credit: 本报通讯员 王计亮 摄}
        ---
        ![现场](photo.png)
        """,
        "content/events/wuwei/photo.png": "PNG",
        "content/rosters/yunnan.md": """
        ---
        title: 2024年云南省“最美职工”年度人物发布
        kind: roster
        date: 2025-06-07
        honour: 最美职工
        year: 2024
        region: 云南省
        conferred_by: [中共云南省委宣传部, 云南省总工会]
        order: stroke
        groups:
          - title: 年度人物
            members:
              - 周虎
              - {name: 于虹, unit: 某某公司, profile: yu-hong}
              - 陈坤
              - 王邦明
        ---
        名单如下。
        """,
        "content/profiles/yu-hong.md": """
        ---
        title: 于虹
        kind: profile
        date: 2025-06-01
        name: 于虹
        unit: 某某公司
        honours:
          - {title: 最美职工, year: 2024}
        ---
        简介。
        """,
        "content/files/guide.txt": "static file",
    ]
}
