"""Real Chromium for the browser tests (the grader fixture lives in Tests/conftest.py)."""

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service


def chromium(prefs: dict | None = None) -> webdriver.Chrome:
    """Debian's Chromium, headless, at 1400 × 900; `prefs` are Chromium preferences (e.g. JavaScript off)."""
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900"):
        options.add_argument(flag)
    if prefs:
        options.add_experimental_option("prefs", prefs)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(30)
    return driver


@pytest.fixture(scope="session")
def browser():
    driver = chromium()
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def no_js_browser():
    """A second Chromium with JavaScript switched off."""
    driver = chromium({"profile.managed_default_content_settings.javascript": 2})
    yield driver
    driver.quit()
