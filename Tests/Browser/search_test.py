#!/usr/bin/env python3
"""Browser test of the site search: builds the sample site (content/ at the
repository root), serves it on a loopback port, and drives headless Chromium
(installed from Debian when missing) over the DevTools protocol: types
queries into the header's search box and checks which pages come first.

    python3 Tests/Browser/search_test.py [--binary PATH]

Prints one line per check and `N passed, N failed`; exits 1 on a failure.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import chromium_cdp  # noqa: E402

RESULTS = """Array.from(document.querySelectorAll('.search-results li')).map(li => ({
  title: li.querySelector('.search-title').textContent,
  url: li.querySelector('.search-title').getAttribute('href'),
  marks: Array.from(li.querySelectorAll('mark')).map(m => m.textContent),
  meta: li.querySelector('.meta').textContent }))"""
SETTLED = "(() => { const s = document.querySelector('.search-status'); return s && s.textContent && !s.textContent.startsWith('正在') ? s.textContent : ''; })()"


def build_site(binary, output):
    if binary is None:
        subprocess.run(["swift", "build", "--product", "unionpress"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        bin_path = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()
        binary = os.path.join(bin_path, "unionpress")
    subprocess.run([binary, "build", "--root", ROOT, "--output", output, "--quiet"], check=True)


def type_into(browser, selector, text, submit):
    browser.evaluate("document.querySelector(%r).focus()" % selector)
    browser.call("Input.insertText", text=text)
    if submit:
        for kind in ("keyDown", "keyUp"):
            browser.call("Input.dispatchKeyEvent", type=kind, key="Enter", code="Enter", windowsVirtualKeyCode=13, text="\r" if kind == "keyDown" else "")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", help="a built unionpress (default: swift build)")
    args = parser.parse_args()
    passed, failed = 0, 0

    def check(name, condition, detail=""):
        nonlocal passed, failed
        if condition:
            passed += 1
            print("ok   " + name)
        else:
            failed += 1
            print("FAIL " + name + (": " + detail if detail else ""))

    with tempfile.TemporaryDirectory(prefix="unionpress-browser-") as temp:
        output = os.path.join(temp, "public")
        build_site(args.binary, output)
        with chromium_cdp.serve(output) as base, chromium_cdp.Browser() as browser:
            expectations = [
                ("枫桥经验", "/initiatives/xiamen-fengqiao/"),
                ("于虹", "/rosters/yunnan-zuimei-2024/"),
                ("外卖骑手", "/initiatives/xiamen-fengqiao/"),
            ]
            for query, first in expectations:
                browser.navigate(base + "/")
                type_into(browser, ".site-search input[name=q]", query, submit=True)
                browser.wait_for("location.pathname === '/search/'")
                status = browser.wait_for(SETTLED)
                results = browser.evaluate(RESULTS)
                location = browser.evaluate("location.search")
                check("header box: %s → /search/?q=" % query, urllib.parse.parse_qs(location[1:]).get("q") == [query], location)
                check("%s: first result is %s" % (query, first), bool(results) and results[0]["url"] == first,
                      "%s %s" % (status, [r["url"] for r in results]))
                check("%s: the match is highlighted" % query, bool(results) and query in results[0]["marks"], str(results[:1]))

            # Live search on the search page, as the reader types.
            browser.navigate(base + "/search/")
            type_into(browser, "#search-query", "最美职工", submit=False)
            browser.wait_for("document.querySelectorAll('.search-results li').length > 0")
            results = browser.evaluate(RESULTS)
            check("typing on the search page shows results", results[0]["url"] == "/rosters/yunnan-zuimei-2024/", str(results[:1]))
            check("a result shows its date and section", results[0]["meta"] == "2025年6月7日 · 光荣榜", results[0]["meta"])
            check("the address follows the query", browser.wait_for("location.search") == "?q=" + urllib.parse.quote("最美职工"))

            # Mixed and Latin queries, a query with no result.
            for query, want in [("2025 劳模", True), ("ＡＢＣＤＥＦＧ", False)]:
                browser.navigate(base + "/search/?q=" + urllib.parse.quote(query))
                status = browser.wait_for(SETTLED)
                count = browser.evaluate("document.querySelectorAll('.search-results li').length")
                check("%s: %s" % (query, "results" if want else "none"), (count > 0) == want, status)

            # Text from the index is never parsed as HTML.
            check("no markup from the index", browser.evaluate("document.querySelectorAll('.search-results script, .search-results img').length") == 0)

            # Without JavaScript the page says so and links to the sections.
            browser.call("Emulation.setScriptExecutionDisabled", value=True)
            browser.navigate(base + "/search/?q=" + urllib.parse.quote("于虹"))
            note = browser.evaluate("document.querySelector('.search-note') && document.querySelector('.search-note').textContent")
            links = browser.evaluate("Array.from(document.querySelectorAll('.search-browse a')).map(a => a.getAttribute('href'))")
            browser.call("Emulation.setScriptExecutionDisabled", value=False)
            check("without JavaScript: a note and section links", "JavaScript" in (note or "") and "/initiatives/" in (links or []), "%s %s" % (note, links))

            # Opened as a file, the page explains that search needs http.
            browser.navigate("file://" + os.path.join(output, "search", "index.html") + "?q=" + urllib.parse.quote("于虹"))
            status = browser.wait_for(SETTLED)
            check("file:// explains that http is needed", "http" in status, status)

    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
