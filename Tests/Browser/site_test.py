#!/usr/bin/env python3
"""Browser tests of the built sample site in headless Chromium.

Builds the sample site (content/) with the given unionpress binary into a
temporary folder, serves it on a loopback port, and checks every page kind at
a phone width (375 px) and a desktop width (1280 px): no sideways scrolling,
one h1, headings in order, images with alt text and a size, the skip link
visible when focused, ISO dates in <time>, no script errors. Screenshots go to
screenshots/ (ignored by git) for a person to look at.

    python3 Tests/Browser/site_test.py .build/debug/unionpress

Needs Debian's chromium and chromium-driver, and selenium from PyPI
(scripts/install-browser-deps.sh installs them). Ends with "N passed, M failed".
"""
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
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
}
WIDTHS = (375, 1280)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?$")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder):
    handler = functools.partial(QuietHandler, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def browser():
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"):
        options.add_argument(flag)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    return webdriver.Chrome(service=Service(executable_path=driver_path), options=options)


def check_page(driver, name, width):
    """Returns a list of problems on the loaded page."""
    problems = []
    overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 0:
        problems.append(f"scrolls sideways by {overflow}px")
    if driver.find_element(By.TAG_NAME, "html").get_attribute("lang") != "zh-CN":
        problems.append("html lang is not zh-CN")
    h1 = driver.find_elements(By.TAG_NAME, "h1")
    if len(h1) != 1:
        problems.append(f"{len(h1)} h1 elements")
    levels = driver.execute_script(
        "return Array.from(document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6'))"
        ".map(h => Number(h.tagName[1]))")
    for before, after in zip(levels, levels[1:]):
        if after > before + 1:
            problems.append(f"heading jumps from h{before} to h{after}")
            break
    for image in driver.find_elements(By.CSS_SELECTOR, "main img"):
        if not image.get_attribute("alt"):
            problems.append(f"image without alt: {image.get_attribute('src')}")
        if not image.get_attribute("width") or not image.get_attribute("height"):
            problems.append(f"image without width/height: {image.get_attribute('src')}")
    for time in driver.find_elements(By.TAG_NAME, "time"):
        if not ISO_DATE.match(time.get_attribute("datetime") or ""):
            problems.append(f"time without an ISO datetime: {time.get_attribute('outerHTML')[:80]}")
    for link in driver.find_elements(By.CSS_SELECTOR, "a[href]"):
        if not (link.get_attribute("textContent") or "").strip() and not link.get_attribute("aria-label"):
            problems.append(f"link without text: {link.get_attribute('href')}")
    landmarks = driver.execute_script(
        "return ['header', 'main', 'footer', 'nav'].filter(t => !document.querySelector(t))")
    if landmarks:
        problems.append(f"missing landmarks: {landmarks}")
    # The first Tab lands on the skip link, which must then be on screen.
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    skip = driver.execute_script(
        "const a = document.activeElement; const r = a.getBoundingClientRect();"
        "return [a.className, a.getAttribute('href'), r.left >= 0 && r.top >= 0 && r.width > 0,"
        " getComputedStyle(a).outlineStyle]")
    if skip[0] != "skip-link" or skip[1] != "#main" or not skip[2]:
        problems.append(f"the first Tab does not show the skip link: {skip}")
    errors = [entry for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]
    for entry in errors:
        problems.append(f"console error: {entry.get('message')}")
    return problems


def main():
    binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/unionpress"))
    shots = os.path.join(ROOT, "screenshots")
    os.makedirs(shots, exist_ok=True)
    work = tempfile.mkdtemp(prefix="unionpress-browser-")
    output = os.path.join(work, "public")
    subprocess.run([binary, "build", "--root", ROOT, "--output", output, "--quiet"], check=True)
    server = serve(output)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    passed = failed = 0
    driver = browser()
    try:
        for width in WIDTHS:
            driver.set_window_size(width, 900)
            for name, path in PAGES.items():
                driver.get(base + path)
                # The whole page first, before the checks move the focus.
                height = driver.execute_script("return document.documentElement.scrollHeight")
                driver.set_window_size(width, min(max(height, 600), 6000))
                driver.save_screenshot(os.path.join(shots, f"{name}-{width}.png"))
                driver.set_window_size(width, 900)
                problems = check_page(driver, name, width)
                if problems:
                    failed += 1
                    print(f"FAIL {name} at {width}px: " + "; ".join(problems))
                else:
                    passed += 1
                    print(f"ok   {name} at {width}px")
    finally:
        driver.quit()
        server.shutdown()
        shutil.rmtree(work, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
