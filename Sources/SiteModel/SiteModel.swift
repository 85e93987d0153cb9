// The SiteModel module: see the README's architecture paragraph.
