"""Takes the screenshots in docs/screenshots/ with real Chromium against a local grader: the home page, a step
with a failing result, the command reference, the playground, dark mode and a 390 px phone.
Run after `make image site`: .venv/bin/python scripts/screenshots.py"""

import sys
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "Tests"), str(ROOT / "Tests" / "browser")]

from livegrader import start_grader  # noqa: E402
from workspace import open_fresh, put_code, solution, step_url, wait_for_editor, wait_for_verdict  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def failing_step(browser, grader):
    open_fresh(browser, step_url(grader, "03-multiple-commands"))
    wait_for_editor(browser)
    put_code(browser, solution("02-ping").replace('b"+PONG\\r\\n"', 'b"+PONG\\n"'))
    browser.find_element(By.ID, "run-button").click()
    wait_for_verdict(browser)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    grader = start_grader("--pool", "none=1,standalone=1", "--rate-limit", "0", name="screenshots")
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900",
                 "--hide-scrollbars"):
        options.add_argument(flag)
    browser = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        shot = lambda name: browser.save_screenshot(str(OUT / f"{name}.png"))  # noqa: E731
        browser.get(grader.url + "/")
        shot("home")
        failing_step(browser, grader.url)
        shot("step-failing")
        browser.get(grader.url + "/commands/set/")
        shot("command-reference")
        browser.get(grader.url + "/playground/")
        wait_for_editor(browser)
        Select(browser.find_element(By.ID, "playground-language")).select_by_value("valkey")
        browser.find_element(By.ID, "run-button").click()
        wait_for_verdict(browser)
        WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "tr.keyspace-row"))
        shot("playground")
        browser.execute_script("localStorage.setItem('codealong:color-scheme', 'dark')")
        failing_step(browser, grader.url)
        browser.execute_script("localStorage.setItem('codealong:color-scheme', 'dark')")
        browser.refresh()
        wait_for_editor(browser)
        browser.find_element(By.ID, "run-button").click()
        wait_for_verdict(browser)
        shot("dark-mode")
        browser.execute_script("localStorage.removeItem('codealong:color-scheme')")
        browser.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
        browser.get(grader.url + "/courses/build-your-own-valkey/")
        shot("phone-390px")
    finally:
        browser.quit()
        grader.stop()
    for path in sorted(OUT.glob("*.png")):
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
