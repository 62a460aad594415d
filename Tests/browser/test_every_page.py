"""Every page type, for everyone, in real Chromium: no sideways scroll at 390 px, dark mode (the system's, and
the toggle's remembered choice) with readable text measured by contrast, keyboard-only use with visible focus,
and pages that read without JavaScript."""

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from workspace import open_fresh, put_code, solution, step_url, wait_for_editor, wait_for_verdict

PAGES = {
    "home": "/",
    "course": "/courses/build-your-own-valkey/",
    "step": "/courses/build-your-own-valkey/07-expiry/",
    "commands": "/commands/",
    "command": "/commands/set/",
    "templates": "/templates/",
    "template": None,  # the first template card's page
    "playground": "/playground/",
    "not-found": "/no-such-page/",
}


def page_url(browser, grader, kind):
    if PAGES[kind] is not None:
        return grader + PAGES[kind]
    browser.get(grader + "/templates/")
    return browser.find_element(By.CSS_SELECTOR, "li.template-card a").get_attribute("href")


def settle(browser):
    WebDriverWait(browser, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")
    browser.execute_script("return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")


@pytest.fixture
def phone(browser):
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
    yield browser
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.mark.parametrize("kind", PAGES)
def test_no_page_scrolls_sideways_at_390_px(phone, grader, kind):
    phone.get(page_url(phone, grader, kind))
    settle(phone)
    widths = phone.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth, window.innerWidth]")
    assert widths[1] == 390, widths
    wide = phone.execute_script("""
      const limit = document.documentElement.clientWidth;
      return [...document.querySelectorAll('body *')].filter((el) => {
        const box = el.getBoundingClientRect();
        if (!box.width || getComputedStyle(el).visibility === 'hidden') return false;
        for (let up = el.parentElement; up; up = up.parentElement) {
          const o = getComputedStyle(up).overflowX;
          if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return false;
        }
        return box.right > limit + 1;
      }).slice(0, 5).map((el) => el.tagName + '.' + el.className + ' ' + Math.round(el.getBoundingClientRect().right));
    """)
    assert widths[0] <= widths[1], f"{kind} scrolls sideways: {widths}, too wide: {wide}"


# Contrast (WCAG 2): every visible text against the background it is painted on, opaque layers composited.
CONTRAST = """
const parse = (c) => { const m = c.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
const over = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
const lum = (c) => { const [r, g, b] = c.slice(0, 3).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                     return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
function background(el) {
  const layers = [];
  for (let at = el; at; at = at.parentElement) {
    const style = getComputedStyle(at);
    if (style.backgroundImage !== 'none') return null;  // a gradient or image: not measured here
    const c = parse(style.backgroundColor);
    if (c[3] > 0) layers.push(c);
    if (c[3] === 1) break;
  }
  let color = [255, 255, 255, 1];
  for (const layer of layers.reverse()) color = over(layer, color);
  return color;
}
const low = [];
const selector = arguments[0];
for (const el of document.querySelectorAll(selector)) {
  const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
  if (!own) continue;
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  if (!box.width || !box.height || style.visibility === 'hidden' || el.closest('[hidden], .visually-hidden')) continue;
  const bg = background(el);
  if (!bg) continue;
  const fg = over(parse(style.color), bg);
  const opacity = parseFloat(style.opacity);
  const value = ratio(fg, bg);
  const large = parseFloat(style.fontSize) >= 24 || (parseFloat(style.fontSize) >= 18.66 && Number(style.fontWeight) >= 700);
  const what = `${el.tagName}.${el.className}: ${value.toFixed(2)}`;
  if (value < (large ? 3 : 4.5) && opacity > 0.5 && !low.some((seen) => seen.startsWith(what))) {
    low.push(`${what} "${el.textContent.trim().slice(0, 30)}"`);
  }
}
return low;
"""


@pytest.fixture(params=["light", "dark"])
def system_scheme(browser, request):
    browser.execute_cdp_cmd(
        "Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": request.param}]})
    yield request.param
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


def is_dark(browser) -> bool:
    return browser.execute_script("""
      const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number);
      return r + g + b < 150;
    """)


@pytest.mark.parametrize("kind", PAGES)
def test_every_page_type_follows_the_system_scheme_readably(browser, system_scheme, grader, kind):
    browser.get(page_url(browser, grader, kind))
    browser.execute_script("localStorage.removeItem('codealong:color-scheme')")
    browser.refresh()
    settle(browser)
    assert is_dark(browser) == (system_scheme == "dark"), "the page follows the system's scheme"
    low = browser.execute_script(CONTRAST, "body *")
    assert not low, f"text below WCAG AA contrast on {kind} ({system_scheme}): {low}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_result_colours_are_readable(browser, grader, scheme):
    open_fresh(browser, step_url(grader, "02-ping"))
    browser.execute_script("localStorage.setItem('codealong:color-scheme', arguments[0])", scheme)
    browser.refresh()
    wait_for_editor(browser)
    put_code(browser, solution("02-ping").replace('b"+PONG\\r\\n"', 'b"+PONG\\n"'))
    browser.find_element(By.ID, "run-button").click()
    assert wait_for_verdict(browser) == "fail"
    assert is_dark(browser) == (scheme == "dark")
    low = browser.execute_script(CONTRAST, "#results *, #editor-panel *")
    assert not low, f"result text below contrast in {scheme} mode: {low}"
    # A pass too.
    put_code(browser, solution("02-ping"))
    browser.find_element(By.ID, "run-button").click()
    assert wait_for_verdict(browser) == "pass"
    low = browser.execute_script(CONTRAST, "#results *")
    assert not low, f"result text below contrast in {scheme} mode: {low}"
    browser.execute_script("localStorage.removeItem('codealong:color-scheme')")


def test_the_dark_mode_toggle_is_remembered(browser, grader):
    browser.get(grader + "/")
    browser.execute_script("localStorage.removeItem('codealong:color-scheme')")
    browser.refresh()
    settle(browser)
    assert not is_dark(browser)
    toggle = browser.find_element(By.ID, "color-scheme-toggle")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert is_dark(browser) and toggle.get_attribute("aria-pressed") == "true"
    browser.get(grader + "/commands/")
    settle(browser)
    assert is_dark(browser), "the choice carries to other pages"
    browser.find_element(By.ID, "color-scheme-toggle").click()
    assert not is_dark(browser)
    browser.execute_script("localStorage.removeItem('codealong:color-scheme')")


def focus_is_visible(browser) -> bool:
    return browser.execute_script("""
      const el = document.activeElement;
      const own = (e) => { const s = getComputedStyle(e); return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'; };
      // CodeMirror's input is an invisible textarea: its frame shows the focus ring instead.
      const frame = el.closest('.editor-frame');
      return own(el) || Boolean(frame && own(frame));
    """)


def test_keyboard_only_reach_the_editor_run_and_read_the_result(browser, grader):
    open_fresh(browser, step_url(grader, "01-bind"))
    wait_for_editor(browser)
    unseen = []
    for _ in range(60):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        active = browser.switch_to.active_element
        if not focus_is_visible(browser):
            unseen.append(browser.execute_script(
                "const e = document.activeElement; return e.tagName + '#' + e.id + '.' + e.className"))
        if browser.execute_script("return Boolean(document.activeElement.closest('#editor-panel .CodeMirror'))"):
            break
    else:
        pytest.fail("Tab never reached the editor")
    assert not unseen, f"focus not visible on: {unseen}"
    # Ctrl+Enter in the editor runs the tests (the starter: a failing result to read).
    active.send_keys(Keys.CONTROL, Keys.ENTER)
    assert wait_for_verdict(browser) in ("fail", "error")
    # Escape leaves the editor for the Run button; Tab goes on to the results, which can be scrolled by keys.
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    assert browser.switch_to.active_element.get_attribute("id") == "run-button"
    assert focus_is_visible(browser)
    for _ in range(10):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        if browser.execute_script("return Boolean(document.activeElement.closest('#results'))"):
            break
    else:
        pytest.fail("Tab never reached the results")
    assert focus_is_visible(browser)
    live = browser.find_element(By.ID, "result-live")
    assert live.get_attribute("role") == "status" and live.get_attribute("aria-live") == "polite"
    assert "Tests:" in live.get_attribute("textContent")


@pytest.mark.parametrize("kind", PAGES)
def test_pages_read_without_javascript(no_js_browser, grader, kind):
    browser = no_js_browser
    browser.get(page_url(browser, grader, kind))
    assert browser.execute_script("return typeof CodeMirror") == "undefined", "JavaScript is off"
    main = browser.find_element(By.TAG_NAME, "main")
    assert main.is_displayed() and len(main.text) > 40, f"{kind} shows no content without JavaScript"
    if kind == "step":
        assert "expir" in browser.find_element(By.ID, "instructions").text.lower()
        code = browser.find_element(By.ID, "code-editor")
        assert code.is_displayed() and code.get_attribute("value").strip(), "the starter is readable in the text area"
        assert "needs JavaScript" in browser.find_element(By.TAG_NAME, "body").text
