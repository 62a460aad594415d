"""When the grader cannot run the code (unreachable, rate-limited with Retry-After, at capacity, unavailable) the
page says so in words, offers a retry, and keeps the learner's code. Real Chromium; the rate limit is a real
grader's, the other failures replace the page's fetch."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from livegrader import start_grader
from workspace import editor_code, open_fresh, put_code, solution, status, step_url, wait_for_editor, wait_for_verdict

MY_CODE = solution("01-bind") + "\n# my own line\n"
SAVED = "return localStorage.getItem('codealong:code:build-your-own-valkey/01-bind:python')"

# fetch answers with `failure` once, then goes back to the real grader.
FAIL_ONCE = """
const failure = arguments[0];
const real = window.fetch;
window.fetch = async (url, init) => {
  window.fetch = real;
  if (failure.kind === 'unreachable') throw new TypeError('Failed to fetch');
  return new Response(JSON.stringify({error: {code: failure.code, message: failure.message}}),
                      {status: failure.status, headers: {'Content-Type': 'application/json', 'Retry-After': failure.retryAfter}});
};
"""


def retry_button(browser):
    return browser.find_element(By.CSS_SELECTOR, "#result-actions .result-retry")


@pytest.mark.parametrize(
    "failure, words",
    [
        ({"kind": "unreachable"}, "Could not reach the grader"),
        ({"kind": "http", "status": 429, "code": "queue_full", "message": "Every sandbox is busy. Try again in a few seconds.",
          "retryAfter": "2"}, "Every sandbox is busy"),
        ({"kind": "http", "status": 503, "code": "sandbox_unavailable", "message": "The sandbox is not available.",
          "retryAfter": ""}, "not available"),
    ],
    ids=["unreachable", "at-capacity", "unavailable"],
)
def test_a_failed_service_says_why_offers_a_retry_and_keeps_the_code(browser, grader, failure, words):
    open_fresh(browser, step_url(grader, "01-bind"))
    wait_for_editor(browser)
    put_code(browser, MY_CODE)
    browser.execute_script(FAIL_ONCE, failure)
    browser.find_element(By.ID, "run-button").click()
    WebDriverWait(browser, 20).until(lambda d: status(d) == "error")
    message = browser.find_element(By.ID, "result-message").text
    assert words in message and "Your code is saved in this browser." in message
    assert "Could not run the tests" in browser.find_element(By.ID, "result-status").text
    assert editor_code(browser) == MY_CODE
    assert browser.execute_script(SAVED) == MY_CODE
    retry = retry_button(browser)
    if failure.get("retryAfter"):
        assert not retry.is_enabled() and "Try again in" in retry.text
    WebDriverWait(browser, 10).until(lambda _: retry.is_enabled())
    assert retry.text == "Try again"
    retry.click()
    assert wait_for_verdict(browser) == "pass"


def test_rate_limited_by_a_real_grader_waits_for_retry_after(browser):
    limited = start_grader("--pool", "none=1", "--rate-limit", "1", "--runs-per-client", "0", name="ratelimit")
    try:
        open_fresh(browser, step_url(limited.url, "01-bind"))
        wait_for_editor(browser)
        put_code(browser, MY_CODE)
        browser.find_element(By.ID, "run-button").click()
        assert wait_for_verdict(browser) == "pass"
        browser.find_element(By.ID, "run-button").click()
        WebDriverWait(browser, 20).until(lambda d: status(d) == "error")
        retry = retry_button(browser)
        assert not retry.is_enabled()
        assert "Try again in" in retry.text, "the button counts down the grader's Retry-After"
        assert editor_code(browser) == MY_CODE
        assert browser.execute_script(SAVED) == MY_CODE
        live = browser.find_element(By.ID, "result-live")
        WebDriverWait(browser, 5).until(lambda _: "Could not run the tests" in live.get_attribute("textContent"))
    finally:
        limited.stop()
