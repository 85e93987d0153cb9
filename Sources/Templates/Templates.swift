// The Templates module: see the README's architecture paragraph.
