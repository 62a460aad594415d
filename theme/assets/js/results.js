// The results panel: shows a run's status, each test with an icon and a word (never colour alone), and output.
// Everything from the grader goes in as text, never as HTML.

const STATUS = {
  idle: { icon: "●", text: "Not run yet" },
  running: { icon: "◌", text: "Running tests…" },
  pass: { icon: "✓", text: "Passed" },
  fail: { icon: "✗", text: "Failed" },
  error: { icon: "!", text: "Error" },
  timeout: { icon: "⏱", text: "Timed out" },
};

const TEST_STATUS = {
  pass: { icon: "✓", text: "Passed" },
  fail: { icon: "✗", text: "Failed" },
  error: { icon: "!", text: "Error" },
};

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function formatDuration(ms) {
  if (typeof ms !== "number") return "";
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Binds to the results panel's elements (`#result-status`, `#test-results`, …). */
export function resultsPanel(root = document) {
  const get = (id) => root.getElementById(id);
  const live = get("result-live");
  const status = get("result-status");
  const message = get("result-message");
  const tests = get("test-results");
  const output = get("result-output");
  const stdout = get("result-stdout");
  const stderr = get("result-stderr");
  const truncated = get("result-truncated");
  const timing = get("result-timing");
  const next = get("result-next");

  function setStatus(kind, text) {
    const look = STATUS[kind] ?? STATUS.error;
    status.dataset.status = kind;
    status.querySelector(".status-icon").textContent = look.icon;
    status.querySelector(".status-text").textContent = text ?? look.text;
  }

  function clear() {
    tests.replaceChildren();
    output.hidden = true;
    output.open = false;
    stdout.textContent = "";
    stderr.textContent = "";
    truncated.hidden = true;
    timing.textContent = "";
    next.hidden = true;
    next.replaceChildren();
  }

  function testItem(test) {
    const kind = TEST_STATUS[test.status] ? test.status : "error";
    const look = TEST_STATUS[kind];
    const item = element("li", "test-result");
    item.dataset.status = kind;
    const header = element("div", "test-header");
    header.append(
      element("span", "test-icon", look.icon),
      element("span", "test-status", look.text),
      element("span", "test-name", test.name ?? "Unnamed test"),
    );
    const duration = formatDuration(test.durationMs);
    if (duration) header.append(element("span", "test-duration", duration));
    header.querySelector(".test-icon").setAttribute("aria-hidden", "true");
    item.append(header);
    if (test.message) item.append(element("p", "test-message", test.message));
    if (test.hint) {
      const hint = element("p", "test-hint");
      hint.append(element("strong", "", "Hint: "), document.createTextNode(test.hint));
      item.append(hint);
    }
    if (test.output) {
      const details = element("details", "test-output");
      details.append(element("summary", "", "Output"), element("pre", "output", test.output));
      item.append(details);
    }
    return item;
  }

  return {
    showRunning() {
      clear();
      live.setAttribute("aria-busy", "true");
      setStatus("running");
      message.textContent = "Your program is starting in a sandbox. This takes a few seconds.";
    },

    /** Renders a grader result; `nextStep` is `{url, title}` to offer after a pass. */
    showResult(result, nextStep) {
      clear();
      const list = Array.isArray(result.tests) ? result.tests : [];
      const passed = list.filter((test) => test.status === "pass").length;
      const summary =
        result.status === "pass"
          ? `Passed — ${passed} of ${list.length} ${list.length === 1 ? "test" : "tests"}`
          : list.length
            ? `${STATUS[result.status]?.text ?? "Error"} — ${passed} of ${list.length} passed`
            : undefined;
      setStatus(STATUS[result.status] ? result.status : "error", summary);
      message.textContent = result.message ?? "";
      tests.replaceChildren(...list.map(testItem));
      if (result.stdout || result.stderr) {
        stdout.textContent = result.stdout || "(nothing)";
        stderr.textContent = result.stderr || "(nothing)";
        truncated.hidden = !result.truncated;
        output.hidden = false;
      }
      timing.textContent = formatDuration(result.durationMs);
      if (result.status === "pass" && nextStep) {
        const link = element("a", "button button-primary", `Next: ${nextStep.title} →`);
        link.href = nextStep.url;
        next.replaceChildren(link);
        next.hidden = false;
      }
      live.removeAttribute("aria-busy");
    },

    showError(text) {
      clear();
      setStatus("error", "Could not run the tests");
      message.textContent = text;
      live.removeAttribute("aria-busy");
    },
  };
}
