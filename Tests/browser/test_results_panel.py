"""What a run shows, in real Chromium against the real grader: the first failing test first (sent, expected,
got, hint), passed tests folded into one line, tests ticking live from the event stream (or the JSON answer
when the browser cannot stream), a traceback's line marked in the editor (Python and Node), a slow run that can
be stopped, and words for screen readers."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from workspace import (
    editor_code,
    open_fresh,
    put_code,
    run_and_wait,
    solution,
    status,
    step_url,
    wait_for_editor,
    wait_for_verdict,
)

# Records, for every test item the page adds, whether the run was still going: proof that tests tick live.
WATCH_LIVE = """
window.__seen = [];
new MutationObserver((records) => {
  for (const record of records) for (const node of record.addedNodes) {
    if (node.matches?.('li.test-result')) {
      window.__seen.push({ status: node.dataset.status,
                           running: document.getElementById('result-status').dataset.status === 'running' });
    }
  }
}).observe(document.getElementById('test-results'), { childList: true });
"""


def test_a_failed_run_opens_on_the_first_failing_test_with_passed_ones_folded(browser, grader):
    # Step 3's tests run steps 1 and 2 first: step 2's code passes those, then fails step 3.
    open_fresh(browser, step_url(grader, "03-multiple-commands"))
    wait_for_editor(browser)
    put_code(browser, solution("02-ping").replace('b"+PONG\\r\\n"', 'b"+PONG\\n"'))
    browser.execute_script(WATCH_LIVE)
    assert run_and_wait(browser) == "fail"

    seen = browser.execute_script("return window.__seen")
    assert any(item["running"] for item in seen), f"no test appeared before the run ended: {seen}"

    first = browser.find_element(By.CSS_SELECTOR, "#test-results > li.test-result")
    assert first.get_attribute("data-status") == "fail"
    assert "test-result-first" in first.get_attribute("class")
    text = first.text
    assert "failed" in text.lower(), "the failing test says so in words, not colour alone"
    assert first.find_element(By.CSS_SELECTOR, ".test-icon").text == "✗"
    message = first.find_element(By.CSS_SELECTOR, ".test-message").text
    assert "\\r\\n" in message, f"escapes are visible in what was expected and received: {message!r}"
    assert first.find_element(By.CSS_SELECTOR, ".test-hint").text.startswith("Hint:")
    transcript = first.find_element(By.CSS_SELECTOR, "details.test-output")
    assert transcript.get_attribute("open") is not None, "the first failure's transcript is open"
    # Nothing passed is listed above it: passed tests fold into one line that opens on demand.
    assert not browser.find_elements(By.CSS_SELECTOR, '#test-results > li.test-result[data-status="pass"]')
    fold = browser.find_element(By.ID, "passed-tests")
    assert fold.is_displayed() and fold.get_attribute("open") is None
    summary = fold.find_element(By.CSS_SELECTOR, ".passed-tests-summary").text
    count = len(fold.find_elements(By.CSS_SELECTOR, "li.test-result"))
    assert count > 0 and summary == f"{count} passed"
    fold.find_element(By.TAG_NAME, "summary").click()
    assert fold.find_element(By.CSS_SELECTOR, "li.test-result").is_displayed()
    # The status line and the screen-reader sentence name the outcome and what to fix first.
    assert "Failed" in browser.find_element(By.ID, "result-status").text
    live = browser.find_element(By.ID, "result-live")
    assert live.get_attribute("aria-live") == "polite"
    WebDriverWait(browser, 5).until(lambda d: "First failing test" in live.get_attribute("textContent"))


def test_without_streaming_the_json_answer_is_shown(browser, grader):
    open_fresh(browser, step_url(grader, "02-ping"))
    wait_for_editor(browser)
    # A browser that cannot read a response as a stream (no Response.body) asks for JSON.
    browser.execute_script("delete Response.prototype.body")
    browser.execute_script("""
      window.__accept = [];
      const original = window.fetch;
      window.fetch = (url, init) => { window.__accept.push(init.headers.Accept); return original(url, init); };
    """)
    put_code(browser, solution("02-ping"))
    assert run_and_wait(browser) == "pass"
    assert browser.execute_script("return window.__accept") == ["application/json"]
    assert "Passed" in browser.find_element(By.ID, "result-status").text
    assert browser.find_element(By.ID, "passed-tests").is_displayed()


MARKED_LINES = """
  const cm = document.querySelector('#editor-panel .CodeMirror').CodeMirror;
  const lines = [];
  cm.eachLine((handle) => { if ((handle.wrapClass || '').includes('cm-error-line')) lines.push(cm.getLineNumber(handle) + 1); });
  return lines;
"""


@pytest.mark.parametrize(
    "language, code, file",
    [
        ("python", "import socket\n\nraise RuntimeError('boom')\n", "main.py"),
        ("javascript", "const net = require('net');\n\nthrow new Error('boom');\n", "main.js"),
    ],
)
def test_a_traceback_into_the_learners_file_marks_the_line(browser, grader, language, code, file):
    open_fresh(browser, step_url(grader, "01-bind"))
    wait_for_editor(browser)
    Select(browser.find_element(By.ID, "language-select")).select_by_value(language)
    put_code(browser, code)
    assert run_and_wait(browser) in ("fail", "error")
    assert browser.execute_script(MARKED_LINES) == [3]
    note = browser.find_element(By.CSS_SELECTOR, ".result-error-line")
    assert f"line 3 of {file}" in note.text
    note.find_element(By.TAG_NAME, "button").click()
    cursor = browser.execute_script(
        "return document.querySelector('#editor-panel .CodeMirror').CodeMirror.getCursor().line")
    assert cursor == 2
    # The next run clears the mark.
    put_code(browser, solution("01-bind", language))
    assert run_and_wait(browser) == "pass"
    assert browser.execute_script(MARKED_LINES) == []
    assert status(browser) == "pass"
    Select(browser.find_element(By.ID, "language-select")).select_by_value("python")


def test_a_slow_run_offers_to_stop_and_keeps_the_code(browser, grader):
    open_fresh(browser, step_url(grader, "01-bind"))
    wait_for_editor(browser)
    put_code(browser, solution("01-bind"))
    # A grader that accepts the request and then says nothing.
    browser.execute_script("""
      const real = window.fetch;
      window.fetch = (url, init) => { window.fetch = real;
        return new Promise((_, reject) => init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))); };
    """)
    browser.find_element(By.ID, "run-button").click()
    stop = WebDriverWait(browser, 25).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "#result-actions .result-stop"))
    assert "longer than usual" in browser.find_element(By.ID, "result-actions").text
    stop.click()
    WebDriverWait(browser, 10).until(lambda d: status(d) == "error")
    assert "Run stopped" in browser.find_element(By.ID, "result-status").text
    assert "You stopped the run." in browser.find_element(By.ID, "result-message").text
    assert editor_code(browser) == solution("01-bind")
    browser.find_element(By.CSS_SELECTOR, "#result-actions .result-retry").click()
    assert wait_for_verdict(browser) == "pass"
