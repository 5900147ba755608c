"""The explorer: built from the real tables, self-contained, and driven in a
real headless Chromium (Debian's chromium and chromium-driver, installed by
.ci/run). Without a browser, or without the vendored packages in the cache
(`stances site` fetches them once), the tests skip, saying why; under CI
(CI=true) they fail instead."""

import hashlib
import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import REPO
from stances.site import build_site, vendor

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")


def _missing(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (required under CI)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if not vendor.is_cached():
        _missing("the site's vendored packages are not in the cache: run "
                 "'stances site --out DIR' once with a connection")
    return build_site(tmp_path_factory.mktemp("site") / "site", REPO / "data" / "processed")


def test_every_page_is_there(site):
    import stances
    actors = stances.load("actors")
    states = set(actors.loc[actors.kind == "state", "actor_id"])
    assert {p.stem for p in (site / "states").glob("*.html")} == states
    from stances.models.votes import resolution_slug
    votes = stances.load("resolutions").resolution_id.map(resolution_slug)
    assert {p.stem for p in (site / "votes").glob("*.html")} == set(votes)
    for name in ("index.html", "downloads.html", "licences.html", "data.js", "app.js"):
        assert (site / name).is_file(), name
    listed = re.findall(r'href="votes/([^"]+)\.html"', (site / "votes.html").read_text())
    assert set(listed) == set(votes)


def test_nothing_is_loaded_from_the_network(site):
    """Scripts, styles and images are local; the only outside links are to
    sources, which open in a new tab."""
    outside = re.compile(r'<(\w+)([^>]*?)\b(?:src|href)="(?:https?:)?//[^"]*"([^>]*)>')
    for page in site.rglob("*.html"):
        for tag in outside.finditer(page.read_text(encoding="utf-8")):
            attrs = tag[2] + tag[3]
            assert tag[1] == "a" and 'target="_blank"' in attrs and "noopener" in attrs, \
                (page, tag[0])
    for script in ("app.js", "data.js"):
        assert "http" not in (site / script).read_text(encoding="utf-8").split("//")[0]


def test_downloads_have_true_checksums_and_the_citation(site):
    html = (site / "downloads.html").read_text(encoding="utf-8")
    rows = re.findall(r'<a href="(data/[^"]+)" download>.*?<code>([0-9a-f]{64})</code>', html)
    assert len(rows) >= 29  # two formats per table, and the codebook
    for path, sha in rows:
        assert hashlib.sha256((site / path).read_bytes()).hexdigest() == sha, path
    assert "@misc{" in html or "@dataset{" in html
    assert 'data-copy="bibtex"' in html and 'data-copy="apa"' in html


def test_licences_name_each_shipped_package(site):
    html = (site / "licences.html").read_text(encoding="utf-8")
    for name, (version, *_rest) in vendor.PACKAGES.items():
        assert name in html and version in html
        assert (site / "vendor" / f"LICENSE-{name}.txt").is_file()


@pytest.fixture(scope="module")
def browser():
    if not (CHROMIUM and DRIVER):
        _missing("no headless browser: install Debian's chromium and chromium-driver")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _missing("selenium is not installed (pip install -e '.[test]')")
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1280,1000"):
        options.add_argument(flag)
    options.binary_location = CHROMIUM
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


def _requests(driver) -> list[str]:
    import json
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def test_the_map_moves_with_the_slider_and_links_to_states(site, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    browser.get((site / "index.html").as_uri())
    states = browser.find_elements(By.CSS_SELECTOR, "#map a.state")
    assert len(states) > 150
    label = browser.find_element(By.ID, "month-label")
    last = label.text
    kaz = browser.find_element(By.CSS_SELECTOR, '#map a[href="states/KAZ.html"] title')
    assert "Kazakhstan:" in kaz.get_attribute("textContent")
    fills_now = [a.find_element(By.TAG_NAME, "path").get_attribute("fill") for a in states]
    slider = browser.find_element(By.ID, "month")
    slider.send_keys(Keys.HOME)  # the keyboard moves it: the first month
    assert label.text == "2022-02" and label.text != last
    fills_then = [a.find_element(By.TAG_NAME, "path").get_attribute("fill") for a in states]
    assert fills_then != fills_now
    assert "url(#hatch)" in fills_then  # no evidence yet somewhere, hatched
    browser.find_element(By.CSS_SELECTOR, 'input[value="sanctions"]').click()
    assert browser.find_element(By.CSS_SELECTOR, '.legend[data-issue="sanctions"]').is_displayed()
    browser.save_screenshot(str(tmp_path / "map.png"))
    browser.find_element(By.CSS_SELECTOR, '#map a[href="states/KAZ.html"]').click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "Kazakhstan"
    sources = browser.find_elements(By.CSS_SELECTOR, "table.trail a[target]")
    assert sources and all(a.get_attribute("target") == "_blank" for a in sources)
    assert all("noopener" in a.get_attribute("rel") for a in sources)
    browser.save_screenshot(str(tmp_path / "state.png"))
    assert not [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    outside = [u for u in _requests(browser) if not u.startswith(("file://", "data:"))]
    assert outside == []


def test_a_roll_call_page_shows_its_vote_map(site, browser):
    from selenium.webdriver.common.by import By
    browser.get((site / "votes" / "es-11-1.html").as_uri())
    fills = {a.find_element(By.TAG_NAME, "path").get_attribute("fill")
             for a in browser.find_elements(By.CSS_SELECTOR, "#map a.state")}
    assert {"#542788", "#b35806", "#d9d9d9"} <= fills  # yes, no and abstain
    assert "141" in browser.find_element(By.TAG_NAME, "main").text


def test_the_cli_builds_the_site(tmp_path):
    from conftest import run_cli
    if not vendor.is_cached():
        _missing("the site's vendored packages are not in the cache")
    done = run_cli("site", "--out", str(tmp_path / "s"), "--from",
                   str(REPO / "data" / "processed"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "s" / "index.html").is_file()
    assert Path(tmp_path / "s" / "states" / "UKR.html").is_file()


def test_a_folder_that_is_not_a_site_is_never_replaced(tmp_path):
    from stances.errors import InvalidInput
    precious = tmp_path / "thesis"
    precious.mkdir()
    (precious / "chapter1.tex").write_text("keep me")
    with pytest.raises(InvalidInput, match="not a site built by stances"):
        build_site(precious, REPO / "data" / "processed")
    assert (precious / "chapter1.tex").read_text() == "keep me"
