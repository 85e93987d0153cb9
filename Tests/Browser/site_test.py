#!/usr/bin/env python3
"""Browser tests of the built sample site in headless Chromium.

Builds the sample site (content/) with the given unionpress binary into a
temporary folder, serves it on a loopback port, and checks every page kind at
a phone width (375 px) and a desktop width (1280 px): no sideways scrolling,
one h1, headings in order, images with alt text and a size, the skip link
visible when focused, ISO dates in <time>, no failed loads or script errors.
Screenshots go to screenshots/ (ignored by git) for a person to look at.

    python3 Tests/Browser/site_test.py .build/debug/unionpress

Drives Chromium over the DevTools protocol with scripts/chromium_cdp.py
(standard library only; installs Debian's chromium when missing).
Ends with "N passed, M failed".
"""
import base64
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import chromium_cdp  # noqa: E402

PAGES = {
    "home": "/",
    "article": "/initiatives/xiamen-fengqiao/",
    "article-with-links": "/initiatives/hubei-xuanjiang/",
    "profile": "/profiles/chen-xuedong/",
    "roster": "/rosters/yunnan-zuimei-2024/",
    "event": "/events/2025/tangyin-volunteers/",
    "section": "/initiatives/",
    "section-page-2": "/initiatives/page/2/",
    "tags": "/tags/",
    "tag": "/tags/%E6%96%B0%E5%B0%B1%E4%B8%9A%E5%BD%A2%E6%80%81/",
    "region": "/regions/%E7%A6%8F%E5%BB%BA%E7%9C%81/",
    "honour": "/honours/%E6%9C%80%E7%BE%8E%E8%81%8C%E5%B7%A5/",
    "archive": "/archive/2025/",
    "people": "/people/",
    "not-found": "/404.html",
    "search": "/search/?q=%E6%9E%AB%E6%A1%A5%E7%BB%8F%E9%AA%8C",
}
WIDTHS = (375, 1280)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?$")



def set_width(browser, width, height=900):
    browser.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=width < 600)


def screenshot(browser, width, path):
    height = browser.evaluate("document.documentElement.scrollHeight")
    set_width(browser, width, min(max(height, 600), 6000))
    shot = browser.call("Page.captureScreenshot", format="png")
    with open(path, "wb") as handle:
        handle.write(base64.b64decode(shot["data"]))
    set_width(browser, width)


def press_tab(browser):
    for kind in ("rawKeyDown", "keyUp"):
        browser.call("Input.dispatchKeyEvent", type=kind, key="Tab", code="Tab", windowsVirtualKeyCode=9)


def check_page(browser):
    """Returns a list of problems on the loaded page."""
    problems = []
    facts = browser.evaluate("""(() => {
        const q = s => Array.from(document.querySelectorAll(s));
        return {
            overflow: document.documentElement.scrollWidth - window.innerWidth,
            lang: document.documentElement.lang,
            h1: q('h1').length,
            levels: q('main h1, main h2, main h3, main h4, main h5, main h6').map(h => Number(h.tagName[1])),
            images: q('main img').map(i => [i.getAttribute('src'), i.getAttribute('alt'), i.getAttribute('width'), i.getAttribute('height')]),
            times: q('time').map(t => t.getAttribute('datetime') || ''),
            emptyLinks: q('a[href]').filter(a => !a.textContent.trim() && !a.getAttribute('aria-label')).map(a => a.href),
            missing: ['header', 'main', 'footer', 'nav'].filter(t => !document.querySelector(t)),
            failed: performance.getEntriesByType('resource').filter(e => e.responseStatus >= 400).map(e => e.name),
        };
    })()""")
    if facts["overflow"] > 0:
        problems.append(f"scrolls sideways by {facts['overflow']}px")
    if facts["lang"] != "zh-CN":
        problems.append("html lang is not zh-CN")
    if facts["h1"] != 1:
        problems.append(f"{facts['h1']} h1 elements")
    levels = facts["levels"]
    for before, after in zip(levels, levels[1:]):
        if after > before + 1:
            problems.append(f"heading jumps from h{before} to h{after}")
            break
    for src, alt, width, height in facts["images"]:
        if not alt:
            problems.append(f"image without alt: {src}")
        if not width or not height:
            problems.append(f"image without width/height: {src}")
    for value in facts["times"]:
        if not ISO_DATE.match(value):
            problems.append(f"time without an ISO datetime: {value!r}")
    for href in facts["emptyLinks"]:
        problems.append(f"link without text: {href}")
    if facts["missing"]:
        problems.append(f"missing landmarks: {facts['missing']}")
    for name in facts["failed"]:
        problems.append(f"failed to load: {name}")
    # The first Tab lands on the skip link, which must then be on screen.
    press_tab(browser)
    skip = browser.evaluate("""(() => {
        const a = document.activeElement; const r = a.getBoundingClientRect();
        return [a.className, a.getAttribute('href'), r.left >= 0 && r.top >= 0 && r.width > 0];
    })()""")
    if skip[0] != "skip-link" or skip[1] != "#main" or not skip[2]:
        problems.append(f"the first Tab does not show the skip link: {skip}")
    for event in browser.events:
        if event.get("method") == "Runtime.exceptionThrown":
            problems.append("script error: " + str(event["params"]["exceptionDetails"].get("text")))
        elif event.get("method") == "Log.entryAdded" and event["params"]["entry"].get("level") == "error":
            problems.append("console error: " + event["params"]["entry"].get("text", ""))
    return problems


def main():
    binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/unionpress"))
    shots = os.path.join(ROOT, "screenshots")
    os.makedirs(shots, exist_ok=True)
    work = tempfile.mkdtemp(prefix="unionpress-browser-")
    output = os.path.join(work, "public")
    passed = failed = 0
    try:
        subprocess.run([binary, "build", "--root", ROOT, "--output", output, "--quiet"], check=True)
        with chromium_cdp.serve(output) as base, chromium_cdp.Browser() as browser:
            browser.call("Runtime.enable")
            browser.call("Log.enable")
            for width in WIDTHS:
                for name, path in PAGES.items():
                    set_width(browser, width)
                    browser.events = []
                    browser.navigate(base + path)
                    # The whole page first, before the checks move the focus.
                    screenshot(browser, width, os.path.join(shots, f"{name}-{width}.png"))
                    problems = check_page(browser)
                    if problems:
                        failed += 1
                        print(f"FAIL {name} at {width}px: " + "; ".join(problems))
                    else:
                        passed += 1
                        print(f"ok   {name} at {width}px")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
