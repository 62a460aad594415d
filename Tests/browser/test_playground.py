"""The playground in real Chromium: raw Valkey commands against a real server, and the
keyspace the run left behind shown as a table."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from workspace import FINAL, put_code


def test_raw_commands_show_replies_and_keyspace(browser, grader):
    browser.get(f"{grader}/playground/")
    WebDriverWait(browser, 20).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#editor-panel .CodeMirror")))
    Select(browser.find_element(By.ID, "playground-language")).select_by_value("valkey")
    Select(browser.find_element(By.ID, "playground-valkey")).select_by_value("standalone")
    put_code(browser, "SET greeting hello\nRPUSH queue a b c\nGET greeting\n")
    browser.find_element(By.ID, "run-button").click()
    WebDriverWait(browser, 60).until(
        lambda d: d.find_element(By.ID, "result-status").get_attribute("data-status") in FINAL
    )
    assert browser.find_element(By.ID, "result-status").get_attribute("data-status") == "pass"
    assert '"hello"' in browser.find_element(By.ID, "result-stdout").text
    rows = WebDriverWait(browser, 10).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#keyspace-table tbody tr.keyspace-row") or False
    )
    keys = {row.get_attribute("data-key"): row.get_attribute("data-type") for row in rows}
    assert keys == {"greeting": "string", "queue": "list"}
