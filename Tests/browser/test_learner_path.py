"""A learner's path through the Python track in real Chromium against the real grader: steps 1–3 typed into the
editor, their own code carried from one step to the next, reloads that keep code and progress, the course page's
markers, export and import of progress, and resetting a step."""

import json

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from workspace import (
    ROOT,
    editor_code,
    open_fresh,
    put_code,
    run_and_wait,
    solution,
    starter,
    step_url,
    wait_for_editor,
)

COURSE = "build-your-own-valkey"


def type_into_editor(browser, text: str):
    """Types at the end of the editor's code, key by key, as a learner would."""
    browser.execute_script("""
      const cm = document.querySelector('#editor-panel .CodeMirror').CodeMirror;
      cm.focus(); cm.setCursor(cm.lineCount(), 0);
    """)
    browser.switch_to.active_element.send_keys(text)


def banner(browser):
    root = browser.find_element(By.ID, "code-banner")
    return root.get_attribute("data-state") if root.is_displayed() else None


def course_states(browser) -> dict:
    items = browser.find_elements(By.CSS_SELECTOR, "li.step-item[data-lesson]")
    assert items, "the course page lists no steps"
    return {item.get_attribute("data-lesson").split("/")[1]: item.get_attribute("data-progress") for item in items}


def test_steps_one_to_three_carry_the_learners_own_code(browser, grader):
    open_fresh(browser, step_url(grader, "01-bind"))
    wait_for_editor(browser)
    assert editor_code(browser) == starter("01-bind")
    assert banner(browser) is None, "a first step has nothing to carry"
    put_code(browser, solution("01-bind"))
    type_into_editor(browser, "# my server")
    assert run_and_wait(browser) == "pass"
    step_one = editor_code(browser)
    assert step_one.endswith("# my server")
    browser.find_element(By.CSS_SELECTOR, "#result-next a").click()

    # Step 2 opens with the learner's step-1 code, not our starter, and says so.
    wait_for_editor(browser)
    assert browser.current_url == step_url(grader, "02-ping")
    assert editor_code(browser) == step_one
    assert banner(browser) == "carried"
    assert "passed step 1" in browser.find_element(By.ID, "code-banner-text").text
    browser.find_element(By.ID, "code-banner-continue").click()
    assert banner(browser) is None
    put_code(browser, solution("02-ping"))
    type_into_editor(browser, "# still mine")
    assert run_and_wait(browser) == "pass"
    step_two = editor_code(browser)
    browser.find_element(By.CSS_SELECTOR, "#result-next a").click()

    # Step 3: taking our starter keeps the learner's code for switching back.
    wait_for_editor(browser)
    assert editor_code(browser) == step_two and banner(browser) == "carried"
    browser.find_element(By.ID, "code-banner-starter").click()
    assert editor_code(browser) == starter("03-multiple-commands")
    assert banner(browser) == "on-starter"
    browser.find_element(By.ID, "code-banner-switch").click()
    assert editor_code(browser) == step_two
    put_code(browser, solution("03-multiple-commands"))
    assert run_and_wait(browser) == "pass"

    # A reload keeps the code and the passed mark.
    browser.refresh()
    wait_for_editor(browser)
    assert editor_code(browser) == solution("03-multiple-commands")
    assert browser.find_element(By.CSS_SELECTOR, "main.workspace").get_attribute("data-passed") == "true"

    # Each language keeps its own code: JavaScript opens with our starter (no JavaScript step passed).
    Select(browser.find_element(By.ID, "language-select")).select_by_value("javascript")
    assert editor_code(browser) == starter("03-multiple-commands", "javascript")
    assert banner(browser) is None
    Select(browser.find_element(By.ID, "language-select")).select_by_value("python")
    assert editor_code(browser) == solution("03-multiple-commands")

    # The course page: three passed steps, and the way on points at step 4.
    browser.get(f"{grader}/courses/{COURSE}/")
    WebDriverWait(browser, 10).until(lambda d: course_states(d)["01-bind"] == "passed")
    states = course_states(browser)
    assert [states[s] for s in ("01-bind", "02-ping", "03-multiple-commands")] == ["passed"] * 3
    assert states["04-concurrent-clients"] == "todo"
    stopped = browser.find_element(By.CSS_SELECTOR, 'li.step-item[data-stopped="true"]')
    assert stopped.get_attribute("data-lesson").endswith("/03-multiple-commands")
    assert "you stopped here" in stopped.text
    assert "3 of 16 steps passed" in browser.find_element(By.ID, "course-progress").text
    passed = browser.find_element(By.CSS_SELECTOR, 'li.step-item[data-progress="passed"] .progress-label')
    assert passed.text.startswith("Passed"), "the marker says it in words, not colour alone"
    cont = browser.find_element(By.ID, "course-continue")
    assert cont.get_attribute("href").endswith("/04-concurrent-clients/")


def test_export_clear_import_brings_progress_back(browser, grader, tmp_path):
    browser.get(f"{grader}/courses/{COURSE}/")
    browser.execute_script("""
      localStorage.clear();
      localStorage.setItem('codealong:progress', JSON.stringify({
        'build-your-own-valkey/01-bind': {started: true, passed: true, passedAt: '2026-01-01T00:00:00Z'},
        'build-your-own-valkey/02-ping': {started: true}}));
      localStorage.setItem('codealong:code:build-your-own-valkey/02-ping:python', 'print("mine")');
      localStorage.setItem('unrelated', 'not ours');
    """)
    browser.refresh()
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    WebDriverWait(browser, 10).until(EC.visibility_of_element_located((By.ID, "export-progress"))).click()
    WebDriverWait(browser, 10).until(lambda _: list(tmp_path.glob("codealong-progress-*.json")))
    exported = next(tmp_path.glob("codealong-progress-*.json"))
    WebDriverWait(browser, 10).until(lambda _: exported.stat().st_size > 0)
    data = json.loads(exported.read_text())
    assert data["format"] == "codealong-progress"
    assert "unrelated" not in data["entries"]
    assert "Exported: 1 passed step, code for 1 step" in browser.find_element(By.ID, "progress-tools-status").text

    browser.execute_script("localStorage.clear()")
    browser.refresh()
    assert course_states(browser)["01-bind"] == "todo"
    browser.find_element(By.ID, "import-progress").send_keys(str(exported))
    WebDriverWait(browser, 10).until(lambda d: course_states(d)["01-bind"] == "passed")
    assert course_states(browser)["02-ping"] == "started"
    assert "Imported" in browser.find_element(By.ID, "progress-tools-status").text
    assert browser.execute_script(
        "return localStorage.getItem('codealong:code:build-your-own-valkey/02-ping:python')") == 'print("mine")'

    # A file that is not a progress file is refused with a sentence, and changes nothing.
    bad = tmp_path / "notes.json"
    bad.write_text('{"hello": 1}')
    browser.find_element(By.ID, "import-progress").send_keys(str(bad))
    WebDriverWait(browser, 10).until(
        lambda d: "not a CodeAlong progress file" in d.find_element(By.ID, "progress-tools-status").text)
    assert course_states(browser)["01-bind"] == "passed"


def test_resetting_a_step_asks_first(browser, grader):
    browser.get(f"{grader}/courses/{COURSE}/")
    browser.execute_script("""
      localStorage.clear();
      localStorage.setItem('codealong:progress', JSON.stringify({'build-your-own-valkey/01-bind': {started: true, passed: true}}));
      localStorage.setItem('codealong:code:build-your-own-valkey/01-bind:python', 'mine');
    """)
    browser.refresh()
    item = browser.find_element(By.CSS_SELECTOR, 'li.step-item[data-lesson$="/01-bind"]')
    reset = item.find_element(By.CSS_SELECTOR, ".step-reset")
    assert reset.is_displayed()
    assert not browser.find_element(By.CSS_SELECTOR, 'li.step-item[data-lesson$="/02-ping"] .step-reset').is_displayed()

    reset.click()
    WebDriverWait(browser, 5).until(EC.alert_is_present()).dismiss()
    assert course_states(browser)["01-bind"] == "passed", "dismissing keeps everything"

    reset.click()
    WebDriverWait(browser, 5).until(EC.alert_is_present()).accept()
    assert course_states(browser)["01-bind"] == "todo"
    assert browser.execute_script(
        "return localStorage.getItem('codealong:code:build-your-own-valkey/01-bind:python')") is None
    assert "is reset" in browser.find_element(By.ID, "progress-tools-status").text
