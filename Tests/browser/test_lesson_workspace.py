"""A learner's path through a lesson page, in real Chromium against the real grader and Docker."""

from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
STEP = ROOT / "content" / "courses" / "build-your-own-valkey" / "02-ping"
FINAL = ("pass", "fail", "error", "timeout")


def open_step(browser, grader):
    browser.get(f"{grader}/courses/build-your-own-valkey/02-ping/")
    browser.execute_script("localStorage.clear()")
    browser.refresh()
    WebDriverWait(browser, 20).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#editor-panel .CodeMirror")))


def put_code(browser, code: str):
    browser.execute_script("document.querySelector('#editor-panel .CodeMirror').CodeMirror.setValue(arguments[0])", code)


def run_and_wait(browser) -> str:
    browser.find_element(By.ID, "run-button").click()
    WebDriverWait(browser, 60).until(
        lambda d: d.find_element(By.ID, "result-status").get_attribute("data-status") in FINAL
    )
    return browser.find_element(By.ID, "result-status").get_attribute("data-status")


def test_correct_solution_passes(browser, grader):
    open_step(browser, grader)
    put_code(browser, (STEP / "solution" / "python" / "main.py").read_text())
    assert run_and_wait(browser) == "pass"
    results = browser.find_elements(By.CSS_SELECTOR, ".test-result")
    assert results, "the results panel lists no tests"
    assert all(r.get_attribute("data-status") == "pass" for r in results)
    # Pass is said in words too, not by colour alone.
    assert "pass" in browser.find_element(By.ID, "result-status").text.lower()
    browser.save_screenshot(str(ROOT / ".build" / "lesson-pass.png"))


def test_starter_fails_with_a_useful_message(browser, grader):
    open_step(browser, grader)
    put_code(browser, (STEP / "starter" / "python" / "main.py").read_text())
    assert run_and_wait(browser) == "fail"
    failed = browser.find_elements(By.CSS_SELECTOR, '.test-result[data-status="fail"]')
    assert failed, "no failing test is shown"
    assert "+PONG" in failed[0].text
