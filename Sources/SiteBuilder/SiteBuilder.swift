// The SiteBuilder module: see the README's architecture paragraph.
