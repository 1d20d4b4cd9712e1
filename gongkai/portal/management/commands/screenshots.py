"""`gongkai screenshots`: full-page PNGs of the portal's main pages at a phone and a desktop width.

Run against a site serving the demo data (`make screenshots` starts one on a scratch database, runs this
and stops it). The pages are found by following links from the home page, so the command works on any
install without knowing database ids. Playwright (a dev dependency) drives Debian's /usr/bin/chromium.
"""

from pathlib import Path
from urllib.parse import urljoin

from django.core.management.base import BaseCommand, CommandError

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
WIDTHS = (390, 1366)
# Full-page shots of very long pages are cut here (pixels) so the PNGs stay reviewable.
MAX_HEIGHT = 6000


def _first_href(page, selector: str) -> str:
    href = page.locator(selector).first.get_attribute("href")
    if not href:
        raise CommandError(f"No link matches {selector!r} on {page.url}")
    return href


def find_pages(page, base_url: str) -> dict[str, str]:
    """The pages to shoot, found by following links (no database access)."""
    page.goto(base_url + "/")
    pages = {"home": "/"}
    page.goto(base_url + "/xxgk/")
    unit = _first_href(page, ".org-group:nth-of-type(2) .org-list a")
    pages["unit-column"] = unit
    page.goto(urljoin(base_url, unit))
    pages["node-list"] = _first_href(page, ".catalog-nav a.has-items[href*='/node/']")
    page.goto(urljoin(base_url, pages["node-list"]))
    pages["item"] = _first_href(page, ".item-table a[href*='/items/']")
    pages["yisqgk"] = "/yisqgk/"
    page.goto(base_url + "/gzyd/")
    pages["workplan-board"] = _first_href(page, "main a[href^='/gzyd/'][href$='/']:not([href='/gzyd/'])")
    return pages


class Command(BaseCommand):
    help = "Take screenshots of the portal's main pages at 390 px and 1366 px (needs a running demo site)."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default="http://127.0.0.1:8000")
        parser.add_argument("--out", default="docs/screenshots")

    def handle(self, *args, **options):
        from playwright.sync_api import sync_playwright

        base_url = options["base_url"].rstrip("/")
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            # Reduced motion: the charts are drawn at once, so a shot never catches them growing.
            context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", reduced_motion="reduce")
            finder = context.new_page()
            pages = find_pages(finder, base_url)
            finder.close()
            for width in WIDTHS:
                page = context.new_page()
                page.set_viewport_size({"width": width, "height": 900})
                for name, path in pages.items():
                    page.goto(urljoin(base_url, path), wait_until="load")
                    height = min(page.evaluate("document.documentElement.scrollHeight"), MAX_HEIGHT)
                    target = out / f"{name}-{width}.png"
                    page.screenshot(path=str(target), clip={"x": 0, "y": 0, "width": width, "height": height},
                                    full_page=True)
                    self.stdout.write(f"{target}  {path}")
                page.close()
            browser.close()
