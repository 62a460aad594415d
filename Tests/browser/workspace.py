"""Helpers the browser suites share: open a step, put code in its editor, run, read the verdict."""

from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
COURSE = ROOT / "content" / "courses" / "build-your-own-valkey"
FINAL = ("pass", "fail", "error", "timeout")


def step_url(grader: str, step: str) -> str:
    return f"{grader}/courses/build-your-own-valkey/{step}/"


MAIN_FILE = {"python": "main.py", "javascript": "main.js"}


def solution(step: str, language: str = "python") -> str:
    return (COURSE / step / "solution" / language / MAIN_FILE[language]).read_text()


def starter(step: str, language: str = "python") -> str:
    return (COURSE / step / "starter" / language / MAIN_FILE[language]).read_text()


def wait_for_editor(browser):
    WebDriverWait(browser, 20).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#editor-panel .CodeMirror")))
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.ID, "run-button").is_enabled())


def open_fresh(browser, url: str):
    """Opens `url` with nothing saved in this browser. Storage is cleared from a page without an editor: a step
    page saves its editor's code as it unloads."""
    origin = "/".join(url.split("/")[:3])
    browser.get(f"{origin}/404.html")
    browser.execute_script("localStorage.clear()")
    browser.get(url)


def editor_code(browser) -> str:
    return browser.execute_script("return document.querySelector('#editor-panel .CodeMirror').CodeMirror.getValue()")


def put_code(browser, code: str):
    browser.execute_script("document.querySelector('#editor-panel .CodeMirror').CodeMirror.setValue(arguments[0])", code)


def status(browser) -> str:
    return browser.find_element(By.ID, "result-status").get_attribute("data-status")


def wait_for_verdict(browser, timeout: float = 90) -> str:
    WebDriverWait(browser, timeout).until(lambda d: status(d) in FINAL)
    return status(browser)


def run_and_wait(browser, timeout: float = 90) -> str:
    browser.find_element(By.ID, "run-button").click()
    return wait_for_verdict(browser, timeout)
