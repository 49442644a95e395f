"""End to end: a credits page rendered by Debian's headless Chromium.

The page is written to a temporary folder and opened as a ``file://`` URL.
Selenium drives Chromium through Debian's ``chromium-driver`` (the driver of
exactly the installed browser), named by path so that Selenium Manager never
looks for, or downloads, a driver or a browser. ``Page.setBypassCSP`` switches
the page's own Content-Security-Policy off, so that "no script ran" is proved
by the escaping alone, not by the CSP.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.webdriver import WebDriver

from tests.conftest import skip_or_fail
from tests.support.notices import BY_4, BY_SA_4
from wikireuse.attribution import Attribution, Byline, Work
from wikireuse.credits import Credits
from wikireuse.media import RichText

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")  # Debian's chromium-driver
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
)
TIMEOUT = 60  # seconds for a page load or a script (a cold start is slow)

HOSTILE_TITLE = (
    '<script>window.__pwned = 1; document.title = "pwned"</script>Ada <b>Lovelace</b>'
)
ARTIST_HTML = (
    '<a href="//commons.wikimedia.org/wiki/User:Jane_Doe">Jane Doe</a> '
    '<img src="x" onerror="window.__pwned = 2">'
    '<a href="javascript:window.__pwned = 3">more</a>'
)

_PROBE = """JSON.stringify({
  url: location.href,
  text: document.body.innerText,
  title: document.title,
  pwned: typeof window.__pwned,
  scripts: document.scripts.length,
  charset: document.characterSet,
  lang: document.documentElement.lang,
  links: Array.from(document.querySelectorAll("a"), (a) => ({
    href: a.getAttribute("href"),
    text: a.innerText,
    rel: a.getAttribute("rel"),
  })),
})"""


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[WebDriver]:
    """A fresh headless Chromium with its own profile folder, under WebDriver."""
    for program, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not (program.is_file() and os.access(program, os.X_OK)):
            skip_or_fail(f"Debian's {package} is not installed at {program}")
    profile = tmp_path / "profile"
    profile.mkdir()
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    service = webdriver.ChromeService(
        executable_path=str(CHROMEDRIVER), log_output=str(tmp_path / "driver.log")
    )
    driver = webdriver.Chrome(options=options, service=service)
    try:
        driver.set_page_load_timeout(TIMEOUT)
        driver.set_script_timeout(TIMEOUT)
        yield driver
    finally:
        driver.quit()


def open_page(driver: WebDriver, url: str) -> dict[str, Any]:
    """Load *url* and read what a reader would see."""
    driver.execute_cdp_cmd("Page.setBypassCSP", {"enabled": True})
    driver.get(url)  # returns after the load event (page load strategy "normal")
    return dict(json.loads(driver.execute_script(f"return {_PROBE}")))


def credits_page() -> Credits:
    """A few items: a hostile article title, a Commons Artist link, data, a mystery."""
    article = Attribution(
        kind="article",
        title=HOSTILE_TITLE,
        source_url="https://en.wikipedia.org/w/index.php?title=Ada_Lovelace&oldid=7",
        page_url="https://en.wikipedia.org/wiki/Ada_Lovelace",
        site_name="Wikipedia",
        history_url="https://en.wikipedia.org/w/index.php?title=Ada_Lovelace&action=history",
        license=BY_SA_4,
        revid=7,
    )
    page = "https://commons.wikimedia.org/wiki/File:Z%C3%BCrich.jpg"
    photo = Attribution(
        kind="media",
        title="Zürich – “Altstadt”",
        source_url=page,
        site_name="Wikimedia Commons",
        authors=(Byline.from_rich(RichText.from_html(ARTIST_HTML, page_url=page)),),
        license=BY_4,
    )
    data = Work(
        title="Population of Zürich",
        license="CC0",
        source_url="https://www.wikidata.org/wiki/Q72",
        source_name="Wikidata",
    )
    mystery = Work(
        title="Mystery map",
        authors=("Anon",),
        license="Home-made licence",
        source_url="https://example.org/map",
    )
    return Credits([article, photo, data, mystery])


def test_chromium_shows_the_credits_page_and_runs_no_script(
    browser: WebDriver, tmp_path: Path
) -> None:
    """The visible text and links are right, and the hostile strings stay text."""
    credits = credits_page()
    html_file = tmp_path / "credits.html"
    html_file.write_text(credits.to_html(into="CC-BY-SA-4.0"), encoding="utf-8")

    seen = open_page(browser, html_file.as_uri())

    assert (html_file.as_uri(), "Credits", "undefined", 0, "UTF-8", "en") == (
        seen["url"],
        seen["title"],
        seen["pwned"],
        seen["scripts"],
        seen["charset"],
        seen["lang"],
    )
    text = seen["text"]
    for visible in (
        f"“{HOSTILE_TITLE}”",
        "Zürich – “Altstadt”",
        "Jane Doe",
        "Licensed under CC BY-SA 4.0",
        "Licensed under CC BY 4.0",
        "Marked with CC0 1.0",
        "Licence unknown",
        "Licence check",
        "could not be determined",
        "Check these items",
        "Mystery map: licence not recognised",
    ):
        assert visible in text, visible
    assert "onerror" not in text
    links = {(link["href"], link["text"]) for link in seen["links"]}
    assert (
        "https://commons.wikimedia.org/wiki/User:Jane_Doe",
        "Jane Doe",
    ) in links
    assert (
        "https://en.wikipedia.org/w/index.php?title=Ada_Lovelace&oldid=7",
        f"“{HOSTILE_TITLE}”",
    ) in links
    licence_links = {
        (link["href"], link["text"])
        for link in seen["links"]
        if "license" in (link["rel"] or "").split()
    }
    assert {
        ("https://creativecommons.org/licenses/by-sa/4.0/", "CC BY-SA 4.0"),
        ("https://creativecommons.org/licenses/by/4.0/", "CC BY 4.0"),
        ("https://creativecommons.org/publicdomain/zero/1.0/", "CC0 1.0"),
    } <= licence_links
    assert all(
        link["href"].startswith(("https://", "http://")) for link in seen["links"]
    ), seen["links"]
