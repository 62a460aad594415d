"""A runnable example on a command page, in real Chromium against the real grader: the same run flow as the
step page and the playground (status in words, output, keyspace), and a message with a retry when the grader
cannot be reached."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from workspace import FINAL


def block_status(block) -> str:
    return block.find_element(By.CSS_SELECTOR, ".result-status").get_attribute("data-status")


def test_a_command_example_runs_and_shows_its_output(browser, grader):
    browser.get(f"{grader}/commands/echo/")
    block = WebDriverWait(browser, 20).until(lambda d: d.find_element(By.CSS_SELECTOR, ".run-block"))
    assert block.get_attribute("data-language") == "valkey"
    block.find_element(By.CSS_SELECTOR, ".run-block-run").click()
    WebDriverWait(browser, 60).until(lambda _: block_status(block) in FINAL)
    assert block_status(block) == "pass"
    assert "Finished" in block.find_element(By.CSS_SELECTOR, ".result-status").text
    assert block.find_element(By.CSS_SELECTOR, ".result-stdout").text.strip()
    assert block.find_element(By.CSS_SELECTOR, ".result-live").get_attribute("aria-live") == "polite"


def test_an_example_says_when_the_grader_is_unreachable_and_retries(browser, grader):
    browser.get(f"{grader}/commands/echo/")
    block = WebDriverWait(browser, 20).until(lambda d: d.find_element(By.CSS_SELECTOR, ".run-block"))
    browser.execute_script("""
      const real = window.fetch;
      window.fetch = async () => { window.fetch = real; throw new TypeError('Failed to fetch'); };
    """)
    block.find_element(By.CSS_SELECTOR, ".run-block-run").click()
    WebDriverWait(browser, 20).until(lambda _: block_status(block) == "error")
    assert "Could not reach the grader" in block.find_element(By.CSS_SELECTOR, ".result-message").text
    block.find_element(By.CSS_SELECTOR, ".result-retry").click()
    WebDriverWait(browser, 60).until(lambda _: block_status(block) == "pass")
