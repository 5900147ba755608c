"""The README's two pictures of the explorer, taken in headless Chromium
from a site built from the current tables (python tools/screenshots.py;
tools/refresh_docs.py runs it where a browser is installed)."""

import shutil
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--window-size=1200,900")


def available() -> bool:
    return bool(shutil.which("chromium") and shutil.which("chromedriver"))


def main() -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    from stances.site import build_site
    with tempfile.TemporaryDirectory() as tmp:
        site = build_site(Path(tmp) / "site", ROOT / "data" / "processed")
        options = webdriver.ChromeOptions()
        for flag in FLAGS:
            options.add_argument(flag)
        options.binary_location = shutil.which("chromium")
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")),
                                  options=options)
        try:
            for page, picture in (("index.html", "site-map.png"),
                                  ("states/KAZ.html", "site-state.png")):
                driver.get((site / page).as_uri())
                time.sleep(0.5)  # let the map draw
                driver.save_screenshot(str(ROOT / "docs" / "img" / picture))
                print(f"wrote docs/img/{picture}")
        finally:
            driver.quit()


if __name__ == "__main__":
    main()
