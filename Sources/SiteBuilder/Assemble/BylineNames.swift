/// Takes reporters' names out of a printed byline, for author pages when a
/// page has no `authors`: `本报记者 李润钊 本报通讯员 潘书婷` gives 李润钊 and 潘书婷.
enum BylineNames {
    /// Role words printed before names, longest first so that 本报记者 wins over 记者.
    private static let roles = ["本报特约记者", "本报通讯员", "本报记者", "特约记者", "见习记者", "通讯员", "记者", "摄影", "摄"]

    static func names(in byline: String) -> [String] {
        var names: [String] = []
        let tokens = byline.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" || $0 == "、" || $0 == "，" || $0 == "," })
        for token in tokens {
            var name = String(token)
            var stripped = true
            while stripped {
                stripped = false
                for role in roles where name.hasPrefix(role) {
                    name.removeFirst(role.count)
                    stripped = true
                }
                for role in roles where name.hasSuffix(role) {
                    name.removeLast(role.count)
                    stripped = true
                }
            }
            let isName = (2...4).contains(name.count) && name.unicodeScalars.allSatisfy { (0x4E00...0x9FFF).contains($0.value) || $0 == "·" }
            if isName, !names.contains(name) { names.append(name) }
        }
        return names
    }
}
