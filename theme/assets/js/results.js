// The results panel: shows a run's status, each test with an icon and a word (never colour alone), the
// program's output and, after a run with a Valkey server, the keys it left. Everything from the grader goes in
// as text, never as HTML.

const STATUS = {
  idle: { icon: "●", text: "Not run yet" },
  running: { icon: "◌", text: "Running tests…" },
  pass: { icon: "✓", text: "Passed" },
  fail: { icon: "✗", text: "Failed" },
  error: { icon: "!", text: "Error" },
  timeout: { icon: "⏱", text: "Timed out" },
};

// A run (playground, runnable examples) has no tests: its outcome is whether the program finished.
const RUN_STATUS = {
  running: { icon: "◌", text: "Running…" },
  pass: { icon: "✓", text: "Finished" },
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

/**
 * Binds to the results elements inside `root`, found by class: the `aria-live` region, `.result-status`, `.result-message`,
 * `.test-results`, `.result-output` (`.result-stdout`, `.result-stderr`, `.result-truncated`), `.result-timing`,
 * `.result-next`, `.result-keyspace` (`.keyspace-table`, `.keyspace-note`). Parts a page leaves out are skipped.
 * `mode` is "test" (grading a step) or "run" (running code once).
 */
export function resultsPanel(root = document, { mode = "test" } = {}) {
  const get = (name) => root.querySelector(`.${name}`);
  const live = root.querySelector("[aria-live]");
  const status = get("result-status");
  const message = get("result-message");
  const tests = get("test-results");
  const output = get("result-output");
  const stdout = get("result-stdout");
  const stderr = get("result-stderr");
  const truncated = get("result-truncated");
  const timing = get("result-timing");
  const next = get("result-next");
  const keyspace = get("result-keyspace");
  const looks = mode === "run" ? { ...STATUS, ...RUN_STATUS } : STATUS;

  function setStatus(kind, text) {
    const look = looks[kind] ?? looks.error;
    status.dataset.status = kind;
    status.querySelector(".status-icon").textContent = look.icon;
    status.querySelector(".status-text").textContent = text ?? look.text;
  }

  function clear() {
    tests?.replaceChildren();
    if (output) {
      output.hidden = true;
      output.open = false;
    }
    if (stdout) stdout.textContent = "";
    if (stderr) stderr.textContent = "";
    if (truncated) truncated.hidden = true;
    if (timing) timing.textContent = "";
    if (next) {
      next.hidden = true;
      next.replaceChildren();
    }
    if (keyspace) keyspace.hidden = true;
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
    if (test.note) {
      const note = element("p", "test-note");
      note.append(element("strong", "", "Note: "), document.createTextNode(test.note));
      item.append(note);
    }
    if (test.output) {
      const details = element("details", "test-output");
      details.append(element("summary", "", "Output"), element("pre", "output", test.output));
      item.append(details);
    }
    return item;
  }

  return {
    showRunning(text) {
      clear();
      live?.setAttribute("aria-busy", "true");
      setStatus("running");
      message.textContent =
        text ??
        (mode === "run"
          ? "Your code is starting in a sandbox. This takes a few seconds."
          : "Your program is starting in a sandbox. This takes a few seconds.");
    },

    /** Renders a grader result; `nextStep` is `{url, title}` to offer after a pass. */
    showResult(result, nextStep) {
      clear();
      const list = Array.isArray(result.tests) ? result.tests : [];
      const passed = list.filter((test) => test.status === "pass").length;
      const summary =
        mode === "run" || !list.length
          ? undefined
          : result.status === "pass"
            ? `Passed — ${passed} of ${list.length} ${list.length === 1 ? "test" : "tests"}`
            : `${STATUS[result.status]?.text ?? "Error"} — ${passed} of ${list.length} passed`;
      setStatus(looks[result.status] ? result.status : "error", summary);
      message.textContent = result.message ?? "";
      tests?.replaceChildren(...list.map(testItem));
      if (output && (result.stdout || result.stderr || mode === "run")) {
        stdout.textContent = result.stdout || "(nothing)";
        stderr.textContent = result.stderr || "(nothing)";
        // A run that wrote nothing to stderr does not need an empty box saying so.
        const hideStderr = mode === "run" && !result.stderr;
        stderr.hidden = hideStderr;
        if (stderr.previousElementSibling?.classList.contains("output-label")) {
          stderr.previousElementSibling.hidden = hideStderr;
        }
        truncated.hidden = !result.truncated;
        output.hidden = false;
        // A run's output is what the learner came for; a test run's output is a detail.
        output.open = mode === "run";
      }
      if (keyspace) showKeyspace(keyspace, result.keyspace, result.keyspaceTruncated);
      if (timing) timing.textContent = formatDuration(result.durationMs);
      if (next && result.status === "pass" && nextStep) {
        const link = element("a", "button button-primary", `Next: ${nextStep.title} →`);
        link.href = nextStep.url;
        next.replaceChildren(link);
        next.hidden = false;
      }
      live?.removeAttribute("aria-busy");
    },

    showError(text) {
      clear();
      setStatus("error", mode === "run" ? "Could not run the code" : "Could not run the tests");
      message.textContent = text;
      live?.removeAttribute("aria-busy");
    },
  };
}

/**
 * Builds the results elements for a runnable example (the playground and step pages write theirs in HTML):
 * status, message, output and keyspace, all ready for `resultsPanel(element, {mode: "run"})`.
 */
export function runResultsElement() {
  const root = element("div", "run-results");
  const live = element("div", "result-live");
  live.setAttribute("aria-live", "polite");
  const status = element("p", "result-status");
  status.dataset.status = "idle";
  const icon = element("span", "status-icon", "●");
  icon.setAttribute("aria-hidden", "true");
  status.append(icon, document.createTextNode(" "), element("span", "status-text", "Not run yet"), element("span", "result-timing"));
  live.append(status, element("p", "result-message"));
  const output = element("details", "result-output");
  output.hidden = true;
  output.append(
    element("summary", "", "Output"),
    element("p", "output-label", "stdout"),
    element("pre", "output result-stdout"),
    element("p", "output-label", "stderr"),
    element("pre", "output result-stderr"),
    element("p", "result-truncated", "Output was cut short: the program printed more than the grader keeps."),
  );
  const keyspace = element("div", "result-keyspace");
  keyspace.hidden = true;
  keyspace.append(element("p", "keyspace-heading", "Keys in Valkey after the run"), element("p", "keyspace-note"));
  const scroll = element("div", "keyspace-scroll");
  const table = element("table", "keyspace-table");
  const head = element("thead");
  const row = element("tr");
  for (const title of ["Key", "Type", "TTL", "Value"]) {
    const cell = element("th", "", title);
    cell.scope = "col";
    row.append(cell);
  }
  head.append(row);
  table.append(head, element("tbody"));
  scroll.append(table);
  keyspace.append(scroll);
  root.append(live, output, keyspace);
  return root;
}

// ---------- The keyspace: what Valkey holds after a run ----------

function showKeyspace(section, keys, truncated) {
  if (!Array.isArray(keys)) {
    section.hidden = true;
    return;
  }
  const body = section.querySelector(".keyspace-table tbody");
  const note = section.querySelector(".keyspace-note");
  const table = section.querySelector(".keyspace-table");
  body.replaceChildren(...keys.map(keyRow));
  table.hidden = keys.length === 0;
  const notes = [];
  if (keys.length === 0) notes.push("Valkey holds no keys after this run.");
  if (truncated) notes.push(`Only the first ${keys.length} keys are listed.`);
  note.textContent = notes.join(" ");
  note.hidden = notes.length === 0;
  section.hidden = false;
}

function keyRow(entry) {
  const row = element("tr", "keyspace-row");
  row.dataset.key = String(entry.key ?? "");
  row.dataset.type = String(entry.type ?? "");
  const key = element("td", "keyspace-key");
  key.append(element("code", "", String(entry.key ?? "")));
  const value = element("td", "keyspace-value");
  value.append(element("pre", "keyspace-value-text", formatValue(entry.type, entry.value) + (entry.truncated ? "\n…" : "")));
  row.append(key, element("td", "keyspace-type", String(entry.type ?? "")), element("td", "keyspace-ttl", formatTTL(entry.ttl)), value);
  return row;
}

/** `ttl` is milliseconds (PTTL); -1 means the key never expires. */
export function formatTTL(ttl) {
  if (typeof ttl !== "number" || ttl < 0) return "no expiry";
  if (ttl < 1000) return `${ttl} ms`;
  const seconds = ttl / 1000;
  if (seconds < 120) return `${seconds.toFixed(1)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

const quote = (text) => JSON.stringify(String(text));

/** A value the way valkey-cli would show it, compactly: strings quoted, one element or field per line. */
export function formatValue(type, value) {
  switch (type) {
    case "string":
      return quote(value);
    case "list":
    case "set":
      return Array.isArray(value) ? value.map((item, index) => `${index + 1}) ${quote(item)}`).join("\n") : "";
    case "hash":
      return value && typeof value === "object"
        ? Object.entries(value).map(([field, text]) => `${field} → ${quote(text)}`).join("\n")
        : "";
    case "zset":
      return Array.isArray(value)
        ? value.map(([member, score], index) => `${index + 1}) ${quote(member)} (score ${score})`).join("\n")
        : "";
    case "stream":
      return Array.isArray(value)
        ? value
            .map((item) => `${item.id}  ${Object.entries(item.fields ?? {}).map(([f, v]) => `${f}=${quote(v)}`).join(" ")}`)
            .join("\n")
        : "";
    default:
      return typeof value === "string" ? value : JSON.stringify(value);
  }
}
