#!/usr/bin/env python3
"""Checks a built UnionPress site as a web server serves it (used by
scripts/test-nginx.sh; Python standard library only).

  check-site-http.py --site PUBLIC URL [--site PUBLIC URL …] [--rebuild COMMAND…]

For each site (PUBLIC: the built folder, URL: where the server serves it):
  - every file answers 200 with its bytes and the right content type
    (UTF-8 charset on text, the feed as application/atom+xml) and cache lifetime;
  - every link and image in every page leads to something that answers 200;
  - Chinese paths answer when percent-encoded (upper- or lower-case hex);
  - a missing path answers 404 with the site's 404.html;
  - every alias page leads to its target page;
  - a folder without its final slash redirects to it; text is gzip-compressed.
With --rebuild, runs COMMAND (a build of the first site into the same folder)
and checks that every file kept its ETag and Last-Modified (304 on revalidation).
Prints each failure and ends with "N passed, M failed".
"""

import gzip
import http.client
import os
import re
import subprocess
import sys
import urllib.parse

# Extension → content type, as Debian's /etc/nginx/mime.types has them.
CONTENT_TYPES = {
    ".html": "text/html", ".css": "text/css", ".xml": "text/xml", ".txt": "text/plain",
    ".js": "application/javascript", ".json": "application/json",
    ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
    ".webp": "image/webp", ".svg": "image/svg+xml", ".woff": "font/woff", ".woff2": "font/woff2",
    ".pdf": "application/pdf",
}
TEXT_TYPES = {"text/html", "text/css", "text/xml", "text/plain", "application/javascript",
              "application/json", "application/atom+xml", "image/svg+xml"}
SHORT_CACHE = "public, max-age=300"
DAY_CACHE = "public, max-age=86400"
# Stylesheets and scripts with a content hash in their name (assets/site.3f2a9c1b70.css).
FINGERPRINTED = re.compile(r"/assets/[^/]+\.[0-9a-f]{10}\.(css|js)$")
LONG_CACHE = "public, max-age=31536000, immutable"


class Checker:
    def __init__(self):
        self.passed = 0
        self.failures = []

    def expect(self, condition, message):
        if condition:
            self.passed += 1
        else:
            self.failures.append(message)
            print("FAIL: " + message, flush=True)
        return condition


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def header(self, name):
        return self.headers.get(name.lower(), "")


class Site:
    def __init__(self, public, url):
        self.public = os.path.abspath(public)
        parts = urllib.parse.urlsplit(url)
        self.host = parts.hostname
        self.port = parts.port or 80
        self.base = parts.path if parts.path.endswith("/") else parts.path + "/"

    def get(self, path, headers=None):
        """GET a percent-encoded path, following nothing."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=10)
        try:
            connection.request("GET", path, headers=headers or {})
            response = connection.getresponse()
            return Response(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
        except (OSError, http.client.HTTPException) as error:
            # Status 0 fails every check that expects an answer, and the run goes on.
            print(f"GET {path}: {error}", flush=True)
            return Response(0, {}, b"")
        finally:
            connection.close()

    def files(self):
        """Every file of the built site, relative to it, sorted."""
        result = []
        for folder, folders, names in os.walk(self.public):
            folders[:] = sorted(f for f in folders if not f.startswith("."))
            for name in names:
                if not name.startswith("."):
                    result.append(os.path.relpath(os.path.join(folder, name), self.public).replace(os.sep, "/"))
        return sorted(result)

    def url_of(self, relative):
        """The path a reader asks for: folders for index.html, percent-encoded."""
        if relative == "index.html":
            relative = ""
        elif relative.endswith("/index.html"):
            relative = relative[: -len("index.html")]
        return self.base + urllib.parse.quote(relative, safe="/")

    def read(self, relative):
        with open(os.path.join(self.public, relative), "rb") as handle:
            return handle.read()


def expected_type(relative):
    if relative == "feed.xml":
        return "application/atom+xml"
    return CONTENT_TYPES.get(os.path.splitext(relative)[1].lower())


def check_type(check, label, response, expected):
    content_type = response.header("content-type")
    if expected in TEXT_TYPES:
        check.expect(content_type == expected + "; charset=utf-8", f"{label}: content type {content_type!r}, expected {expected}; charset=utf-8")
    else:
        check.expect(content_type == expected, f"{label}: content type {content_type!r}, expected {expected}")


def links_in(html):
    return [value.replace("&amp;", "&") for value in re.findall(r'(?:href|src)="([^"]*)"', html)]


def refresh_target(html):
    match = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]*)"', html)
    return match.group(1).replace("&amp;", "&") if match else None


def check_files(check, site, files):
    for relative in files:
        url = site.url_of(relative)
        response = site.get(url)
        if not check.expect(response.status == 200, f"{url}: status {response.status}, expected 200"):
            continue
        check.expect(response.body == site.read(relative), f"{url}: body differs from {relative}")
        expected = expected_type(relative)
        if expected:
            check_type(check, url, response, expected)
        cache = response.header("cache-control")
        if relative.endswith((".html", ".xml")):
            wanted = SHORT_CACHE
        elif FINGERPRINTED.search("/" + relative):
            wanted = LONG_CACHE
        else:
            wanted = DAY_CACHE
        check.expect(cache == wanted, f"{url}: Cache-Control {cache!r}, expected {wanted!r}")


def check_links(check, site, pages):
    targets = {}
    for relative in pages:
        page_url = site.url_of(relative)
        for link in links_in(site.read(relative).decode("utf-8")):
            if link.startswith(("http:", "https:", "mailto:", "data:", "#")) or link.startswith("//"):
                continue
            resolved = urllib.parse.urljoin(page_url, link).split("#")[0]
            targets.setdefault(resolved, page_url)
    check.expect(len(targets) > 20, f"{site.base}: only {len(targets)} distinct links found in the pages")
    for target, page in sorted(targets.items()):
        if not check.expect(target.startswith(site.base), f"{page}: link {target} leaves the site's path {site.base}"):
            continue
        response = site.get(target)
        check.expect(response.status == 200, f"{page}: link {target} answers {response.status}")
        if FINGERPRINTED.search(target):
            cache = response.header("cache-control")
            check.expect(cache == LONG_CACHE, f"{target}: fingerprinted asset has Cache-Control {cache!r}, expected {LONG_CACHE!r}")


def check_chinese(check, site, files):
    chinese = [f for f in files if f.startswith("tags/") and f.endswith("/index.html") and not f.isascii()]
    if not check.expect(chinese, f"{site.base}: no Chinese tag page was built"):
        return
    relative = chinese[0]
    encoded = site.url_of(relative)
    check.expect("%E" in encoded, f"{encoded}: expected a percent-encoded path")
    for url in (encoded, re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(), encoded)):
        response = site.get(url)
        check.expect(response.status == 200 and response.body == site.read(relative), f"{url}: status {response.status}, expected 200 with {relative}")
    # The folder without its slash redirects, relatively, to the folder.
    response = site.get(encoded.rstrip("/"))
    location = response.header("location")
    check.expect(response.status == 301 and location == encoded, f"{encoded.rstrip('/')}: status {response.status} Location {location!r}, expected 301 to {encoded}")


def check_missing(check, site):
    page = site.read("404.html")
    check.expect("页面不存在".encode() in page, f"{site.base}404.html does not look like the site's 404 page")
    for missing in ("no-such-page/", "tags/" + urllib.parse.quote("不存在的专题") + "/", "assets/missing.css", "initiatives/nothing.html"):
        url = site.base + missing
        response = site.get(url)
        check.expect(response.status == 404, f"{url}: status {response.status}, expected 404")
        check.expect(response.body == page, f"{url}: the 404 answer is not the site's 404.html")
        check_type(check, url + " (404)", response, "text/html")


def check_aliases(check, site, pages):
    aliases = 0
    for relative in pages:
        target = refresh_target(site.read(relative).decode("utf-8"))
        if target is None:
            continue
        aliases += 1
        alias_url = site.url_of(relative)
        response = site.get(alias_url)
        check.expect(response.status == 200, f"alias {alias_url}: status {response.status}")
        resolved = urllib.parse.urljoin(alias_url, target)
        check.expect(resolved.startswith(site.base) and resolved != alias_url, f"alias {alias_url} leads to {resolved}, outside the site")
        landed = site.get(resolved)
        ok = landed.status == 200 and refresh_target(landed.body.decode("utf-8", "replace")) is None
        check.expect(ok, f"alias {alias_url} → {resolved}: status {landed.status}, expected 200 with a real page")
        canonical = re.search(r'<link rel="canonical" href="([^"]*)"', response.body.decode("utf-8", "replace"))
        check.expect(canonical is not None and urllib.parse.urlsplit(canonical.group(1)).path == resolved,
                     f"alias {alias_url}: canonical link does not name {resolved}")
    check.expect(aliases > 0, f"{site.base}: the site has no alias pages to check")


def check_gzip(check, site, files):
    samples = ["index.html", "feed.xml"] + [f for f in files if f.endswith(".css")][:1]
    for relative in samples:
        url = site.url_of(relative)
        response = site.get(url, {"Accept-Encoding": "gzip"})
        encoding = response.header("content-encoding")
        if check.expect(response.status == 200 and encoding == "gzip", f"{url}: Content-Encoding {encoding!r}, expected gzip"):
            check.expect(gzip.decompress(response.body) == site.read(relative), f"{url}: gzip body differs from {relative}")
        check.expect("Accept-Encoding" in response.header("vary"), f"{url}: no Vary: Accept-Encoding")


def validators(site, files):
    result = {}
    for relative in files:
        response = site.get(site.url_of(relative))
        result[relative] = (response.header("etag"), response.header("last-modified"))
    return result


def check_rebuild(check, site, files, command):
    # Date every file long ago first: a file the rebuild wrote anew would then
    # show a new Last-Modified, however fast the rebuild.
    for relative in files:
        os.utime(os.path.join(site.public, relative), (978307200, 978307200))
    before = validators(site, files)
    subprocess.run(command, check=True, env=dict(os.environ, CI="true"))
    after_files = site.files()
    check.expect(after_files == files, f"{site.base}: a rebuild changed the list of files")
    for relative in files:
        etag, modified = before[relative]
        url = site.url_of(relative)
        response = site.get(url, {"If-None-Match": etag})
        check.expect(response.status == 304, f"{url}: status {response.status} after a rebuild of unchanged content, expected 304")
        response = site.get(url)
        check.expect(response.header("last-modified") == modified, f"{url}: Last-Modified changed from {modified} to {response.header('last-modified')}")


def main(argv):
    sites = []
    rebuild = None
    index = 0
    while index < len(argv):
        if argv[index] == "--site" and index + 2 < len(argv):
            sites.append(Site(argv[index + 1], argv[index + 2]))
            index += 3
        elif argv[index] == "--rebuild" and index + 1 < len(argv):
            rebuild = argv[index + 1:]
            break
        else:
            print(__doc__, file=sys.stderr)
            return 2
    if not sites:
        print(__doc__, file=sys.stderr)
        return 2
    check = Checker()
    for site in sites:
        files = site.files()
        pages = [f for f in files if f.endswith(".html")]
        check.expect(len(pages) > 10, f"{site.public}: only {len(pages)} pages")
        check_files(check, site, files)
        check_links(check, site, pages)
        check_chinese(check, site, files)
        check_missing(check, site)
        check_aliases(check, site, pages)
        check_gzip(check, site, files)
        print(f"{site.base} on port {site.port}: {len(files)} files checked", flush=True)
    if rebuild:
        check_rebuild(check, sites[0], sites[0].files(), rebuild)
    print(f"{check.passed} passed, {len(check.failures)} failed")
    return 1 if check.failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
