#!/usr/bin/env python3
"""Benchmarks the site search on a generated corpus, beside Pagefind.

    python3 scripts/bench-search.py [--pages 10000] [--work DIR] [--runs 2]

1. Generates a corpus with ../shared/bench/gen_corpus.py (outside the repo,
   under --work, reused when present).
2. Builds it with `unionpress build --no-search` and `unionpress build`
   (release binary), alternating, and reports the build time and peak memory
   the index adds, and the index's size.
3. Runs Pagefind (`pagefind_extended` from the PyPI package
   pagefind-bin-extended, installed with pip when missing) over the same
   pages (the built page files of the published pages, `--root-selector
   main`), timed the same way.
4. Serves both outputs on a loopback port and runs a fixed list of queries in
   headless Chromium: our search page (`/search/?q=`), and a page calling
   Pagefind's JS API (search, then `data()` of the first 10 results, as our
   page fetches the first 10 fragments). Reports per query the bytes of
   index files fetched (cache disabled, file sizes as served: http.server does
   not compress; Pagefind's files are gzipped on disk), the number of
   results, and the first three titles of each.

Prints a Markdown report (also written to WORK/report.md).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import chromium_cdp  # noqa: E402

FIXED_QUERIES = ["工会", "枫桥经验", "外卖骑手", "最美职工", "新就业形态", "安全生产", "厦门", "劳", "2024"]


def run_measured(command, cwd):
    """Runs a command; returns (seconds, user+sys CPU seconds, peak RSS in MiB)."""
    start = time.monotonic()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.monotonic() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError("%s failed: %s" % (" ".join(command), process.stderr.read().decode()[-2000:]))
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def folder_size(path):
    total, count = 0, 0
    for folder, _, files in os.walk(path):
        for name in files:
            total += os.path.getsize(os.path.join(folder, name))
            count += 1
    return total, count


def ensure_pagefind():
    try:
        import pagefind_bin_extended  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "pagefind-bin-extended"], check=True)
    import pagefind_bin_extended
    return os.path.join(os.path.dirname(pagefind_bin_extended.__file__), "pagefind_extended")


def page_urls(public):
    """The URLs of the indexed pages, read back from our fragments."""
    urls = []
    for folder, _, files in os.walk(os.path.join(public, "search", "d")):
        for name in files:
            with open(os.path.join(folder, name), "rb") as handle:
                urls.append(json.loads(handle.read().decode("utf-16-le"))["u"])
    return sorted(urls)


def names_from_rosters(corpus):
    """A two-character and a three-character name from the corpus's rosters."""
    found = {}
    rosters = os.path.join(corpus, "content", "rosters")
    for folder, _, files in sorted(os.walk(rosters)):
        for name in sorted(files):
            if not name.endswith(".md"):
                continue
            for line in open(os.path.join(folder, name), encoding="utf-8-sig"):
                stripped = line.strip().lstrip("-").strip()
                if stripped.startswith("name:"):
                    stripped = stripped[5:].strip()
                stripped = stripped.strip("'\"")
                if 2 <= len(stripped) <= 3 and all("\u4e00" <= c <= "\u9fff" for c in stripped):
                    found.setdefault(len(stripped), stripped)
            if len(found) == 2:
                return [found[2], found[3]]
    return list(found.values())


PAGEFIND_PAGE = """<!DOCTYPE html><meta charset="utf-8"><title>pagefind bench</title>
<script type="module">
const q = new URLSearchParams(location.search).get('q');
const pagefind = await import('/pagefind/pagefind.js');
const search = await pagefind.search(q);
const data = await Promise.all(search.results.slice(0, 10).map(r => r.data()));
window.__done = { count: search.results.length, titles: data.map(d => d.meta.title), urls: data.map(d => d.url) };
</script>
"""

OUR_RESULTS = """(() => { const s = document.querySelector('.search-status');
  if (!s || !s.textContent || s.textContent.startsWith('正在')) return null;
  const items = Array.from(document.querySelectorAll('.search-results li .search-title'));
  return { status: s.textContent, titles: items.map(a => a.textContent), urls: items.map(a => a.getAttribute('href')) }; })()"""


def measure_queries(browser, base, folder, requests, queries, kind):
    """Runs each query on a fresh page with the browser cache off; the bytes
    are those of the files the server sent (what http.server logged)."""
    rows = []
    browser.call("Network.enable")
    browser.call("Network.setCacheDisabled", cacheDisabled=True)
    for query in queries:
        del requests[:]
        if kind == "ours":
            browser.navigate(base + "/search/?q=" + urllib.parse.quote(query))
            result = browser.wait_for(OUR_RESULTS, timeout=120)
            count = result["status"]
        else:
            browser.navigate(base + "/bench.html?q=" + urllib.parse.quote(query))
            result = browser.wait_for("window.__done", timeout=120)
            count = str(result["count"])
        data, code, files = 0, 0, 0
        for requested in list(requests):
            path = urllib.parse.unquote(urllib.parse.urlparse(requested).path)
            local = os.path.join(folder, path.lstrip("/"))
            if path.endswith("/") or not os.path.isfile(local):
                continue
            size = os.path.getsize(local)
            if path.endswith((".js", ".wasm", ".pagefind")):
                code += size
            elif path.startswith(("/search/", "/pagefind/")):
                data += size
                files += 1
        rows.append({"query": query, "data": data, "files": files, "code": code, "count": count, "titles": result["titles"][:3]})
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=10000)
    parser.add_argument("--work", default="/tmp/unionpress-search-bench")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--binary", help="a release unionpress (default: swift build -c release)")
    parser.add_argument("--queries-only", action="store_true", help="reuse the outputs of an earlier run; only run the queries")
    args = parser.parse_args()

    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    corpus = os.path.join(work, "corpus-%d" % args.pages)
    if not os.path.isdir(os.path.join(corpus, "content")):
        generator = os.path.join(ROOT, "..", "shared", "bench", "gen_corpus.py")
        subprocess.run([sys.executable, generator, "--pages", str(args.pages), "--out", corpus], check=True)
    binary = os.path.abspath(args.binary) if args.binary else None
    if not binary:
        subprocess.run(["swift", "build", "-c", "release", "--product", "unionpress"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        binary = os.path.join(subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                                             capture_output=True, text=True).stdout.strip(), "unionpress")

    public = os.path.join(corpus, "public")
    builds = {"without": [], "with": []}
    for _ in range(0 if args.queries_only else args.runs):
        for variant, extra in (("without", ["--no-search"]), ("with", [])):
            shutil.rmtree(public, ignore_errors=True)
            subprocess.run(["sync"])
            builds[variant].append(run_measured([binary, "build", "--quiet"] + extra, corpus))
    best = {k: min(v, key=lambda r: r[0]) if v else (float("nan"),) * 3 for k, v in builds.items()}
    search_bytes, search_files = folder_size(os.path.join(public, "search"))
    shard_bytes, shard_files = folder_size(os.path.join(public, "search", "s"))
    fragment_bytes, fragment_files = folder_size(os.path.join(public, "search", "d"))
    script_bytes = os.path.getsize(os.path.join(public, "assets", "search.js"))

    # Pagefind over the same pages.
    pagefind = ensure_pagefind()
    pf_site = os.path.join(work, "pagefind-site-%d" % args.pages)
    urls = page_urls(public)
    if not args.queries_only:
        shutil.rmtree(pf_site, ignore_errors=True)
    for url in [] if args.queries_only else urls:
        source = os.path.join(public, url.strip("/"), "index.html")
        target = os.path.join(pf_site, url.strip("/"), "index.html")
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.link(source, target)
    os.makedirs(pf_site, exist_ok=True)
    with open(os.path.join(pf_site, "bench.html"), "w", encoding="utf-8") as handle:
        handle.write(PAGEFIND_PAGE)
    pf_runs = [(float("nan"),) * 3]
    for _ in range(0 if args.queries_only else args.runs):
        shutil.rmtree(os.path.join(pf_site, "pagefind"), ignore_errors=True)
        subprocess.run(["sync"])
        pf_runs.append(run_measured([pagefind, "--site", pf_site, "--root-selector", "main", "--glob", "**/index.html", "--quiet"], work))
    pf_best = min(pf_runs[1:] or pf_runs, key=lambda r: r[0])
    pf_bytes, pf_files = folder_size(os.path.join(pf_site, "pagefind"))

    queries = FIXED_QUERIES + names_from_rosters(corpus)
    requests = []
    with chromium_cdp.Browser() as browser:
        with chromium_cdp.serve(public, requests) as base:
            ours = measure_queries(browser, base, public, requests, queries, "ours")
        with chromium_cdp.serve(pf_site, requests) as base:
            theirs = measure_queries(browser, base, pf_site, requests, queries, "pagefind")

    kib = lambda n: "%.1f KiB" % (n / 1024)
    mib = lambda n: "%.1f MiB" % (n / 1048576)
    lines = [
        "## Search benchmark: %d generated pages (%d indexed)" % (args.pages, len(urls)),
        "",
        "| | UnionPress search | Pagefind %s (extended) |" % subprocess.run([pagefind, "--version"], capture_output=True, text=True).stdout.split()[-1],
        "|---|---|---|",
        "| index size | %s in %d files (shards %s in %d, fragments %s in %d) | %s in %d files |" % (
            mib(search_bytes), search_files, mib(shard_bytes), shard_files, mib(fragment_bytes), fragment_files, mib(pf_bytes), pf_files),
        "| time to index | +%.2f s wall, +%.2f s CPU over the build without search (%.2f s → %.2f s) | %.2f s wall, %.2f s CPU (after the build) |" % (
            best["with"][0] - best["without"][0], best["with"][1] - best["without"][1], best["without"][0], best["with"][0], pf_best[0], pf_best[1]),
        "| peak memory | %.0f MiB build with search (%.0f MiB without) | %.0f MiB |" % (best["with"][2], best["without"][2], pf_best[2]),
        "| script | search.js %s, no WebAssembly | pagefind.js + WebAssembly %s (first query) |" % (
            kib(script_bytes), kib(theirs[0]["code"]) if theirs else "?"),
        "",
        "Index data fetched per query (cold cache; scripts not counted), results, first three titles:",
        "",
        "| query | ours: fetched | ours: results | Pagefind: fetched | Pagefind: results | ours: first titles | Pagefind: first titles |",
        "|---|---|---|---|---|---|---|",
    ]
    for mine, other in zip(ours, theirs):
        lines.append("| %s | %s (%d files) | %s | %s (%d files) | %s | %s | %s |" % (
            mine["query"], kib(mine["data"]), mine["files"], mine["count"], kib(other["data"]), other["files"], other["count"],
            " / ".join(mine["titles"]) or "—", " / ".join(other["titles"]) or "—"))
    report = "\n".join(lines) + "\n"
    with open(os.path.join(work, "report.md"), "w", encoding="utf-8") as handle:
        handle.write(report)
    print(report)


if __name__ == "__main__":
    main()
