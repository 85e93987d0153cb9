// The FrontMatter module: see the README's architecture paragraph.
