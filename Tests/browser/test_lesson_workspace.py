"""A learner's path through a lesson page, in real Chromium against the real grader and Docker."""

from selenium.webdriver.common.by import By

from workspace import COURSE, ROOT, open_fresh, put_code, run_and_wait, step_url, wait_for_editor

STEP = COURSE / "02-ping"


def open_step(browser, grader):
    open_fresh(browser, step_url(grader, "02-ping"))
    wait_for_editor(browser)


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
