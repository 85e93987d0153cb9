// The ChineseText module: see the README's architecture paragraph.
