// The Markdown module: see the README's architecture paragraph.
