// The results panel: a run's status, its tests as they start and finish, then the result arranged for the
// learner: what failed first, in full (what was sent, expected and received, the hint, the transcript), and the
// passed tests folded into one line. Each test has an icon and a word, never colour alone; a sentence for
// screen readers goes to a polite live region. Everything from the grader goes in as text, never as HTML.

import { button, element, icon } from "./dom.js";
import { showKeyspace } from "./keyspace-table.js";
import {
  announcement,
  arrangeTests,
  formatDuration,
  passedSummary,
  plural,
  progressLine,
  statusLine,
} from "./result-summary.js";

const STATUS = {
  idle: { icon: "●", text: "Not run yet" },
  running: { icon: "◌", text: "Running tests…" },
  pass: { icon: "✓", text: "Passed" },
  fail: { icon: "✗", text: "Failed" },
  error: { icon: "!", text: "Error" },
  timeout: { icon: "⏱", text: "Timed out" },
};

// A run (playground, runnable examples) has no tests: its outcome is whether the program finished.
const RUN_STATUS = { ...STATUS, running: { icon: "◌", text: "Running…" }, pass: { icon: "✓", text: "Finished" } };

const TEST_STATUS = {
  running: { icon: "◌", text: "Running" },
  pass: { icon: "✓", text: "Passed" },
  fail: { icon: "✗", text: "Failed" },
  error: { icon: "!", text: "Error" },
  skipped: { icon: "–", text: "Not run" },
};

/**
 * Binds to the results elements inside `root`, found by class: `.result-live` (the screen-reader sentence),
 * `.result-status`, `.result-message`, `.result-actions`, `.result-progress`, `.test-results`, `.passed-tests`,
 * `.result-output` (`.result-stdout`, `.result-stderr`, `.result-truncated`), `.result-timing`, `.result-next`,
 * `.result-keyspace`. Parts a page leaves out are skipped. `mode` is "test" (grading a step) or "run".
 * `currentStep` (a step folder such as `07-expiry`) marks tests that come from earlier steps.
 */
export function resultsPanel(root = document, { mode = "test", currentStep = "" } = {}) {
  const get = (name) => root.querySelector(`.${name}`);
  const live = get("result-live");
  const status = get("result-status");
  const message = get("result-message");
  const actions = get("result-actions");
  const progress = get("result-progress");
  const tests = get("test-results");
  const passedFold = get("passed-tests");
  const output = get("result-output");
  const stdout = get("result-stdout");
  const stderr = get("result-stderr");
  const truncated = get("result-truncated");
  const timing = get("result-timing");
  const next = get("result-next");
  const keyspace = get("result-keyspace");
  const scroller = root.querySelector(".panel-scroll") ?? status?.closest(".panel-scroll");
  const looks = mode === "run" ? RUN_STATUS : STATUS;
  let counts = { passed: 0, failed: 0, running: null };
  let announceTimer;

  function setStatus(kind, text) {
    const look = looks[kind] ?? looks.error;
    status.dataset.status = kind;
    status.querySelector(".status-icon").textContent = look.icon;
    status.querySelector(".status-text").textContent = text ?? look.text;
  }

  /** Says `text` to screen readers (emptied first, so the same sentence twice is read twice). */
  function announce(text) {
    if (!live) return;
    clearTimeout(announceTimer);
    live.textContent = "";
    announceTimer = setTimeout(() => {
      live.textContent = text;
    }, 100);
  }

  function setActions(...nodes) {
    if (!actions) return;
    actions.replaceChildren(...nodes);
    actions.hidden = nodes.length === 0;
  }

  function clear() {
    tests?.replaceChildren();
    if (passedFold) {
      passedFold.hidden = true;
      passedFold.open = false;
      passedFold.querySelector("ol")?.replaceChildren();
    }
    setActions();
    if (progress) progress.hidden = true;
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
    counts = { passed: 0, failed: 0, running: null };
  }

  function updateProgress() {
    if (!progress) return;
    progress.textContent = progressLine(counts);
    progress.hidden = false;
  }

  function testItem(test, { first = false } = {}) {
    const kind = TEST_STATUS[test.status] ? test.status : "error";
    const look = TEST_STATUS[kind];
    const item = element("li", "test-result");
    item.dataset.status = kind;
    if (first) item.classList.add("test-result-first");
    const header = element("div", "test-header");
    header.append(icon("test-icon", look.icon), element("span", "test-status", look.text));
    header.append(element("span", "test-name", test.name ?? "Unnamed test"));
    if (test.step && currentStep && test.step !== currentStep) {
      header.append(element("span", "test-step", `from step ${test.step}`));
    }
    const duration = formatDuration(test.durationMs);
    if (duration) header.append(element("span", "test-duration", duration));
    item.append(header);
    if (test.message) item.append(element("p", "test-message", test.message));
    if (test.hint) item.append(labelled("p", "test-hint", "Hint: ", test.hint));
    if (test.note) item.append(labelled("p", "test-note", "Note: ", test.note));
    if (test.output) {
      const details = element("details", "test-output");
      details.append(element("summary", "", kind === "pass" ? "Transcript" : "Transcript: what was sent and received"));
      details.append(element("pre", "output", test.output));
      details.open = first;
      item.append(details);
    }
    return item;
  }

  function showOutput(result, { open }) {
    if (!output) return;
    stdout.textContent = result.stdout || "(nothing)";
    stderr.textContent = result.stderr || "(nothing)";
    // A run that wrote nothing to stderr does not need an empty box saying so.
    const hideStderr = mode === "run" && !result.stderr;
    stderr.hidden = hideStderr;
    const label = stderr.previousElementSibling;
    if (label?.classList.contains("output-label")) label.hidden = hideStderr;
    if (truncated) truncated.hidden = !result.truncated;
    output.hidden = false;
    output.open = open;
  }

  function appendOutput(stream, text) {
    if (!output || !stdout) return;
    const target = stream === "stderr" ? stderr : stdout;
    if (!target) return;
    target.textContent += text;
    target.hidden = false;
    const label = target.previousElementSibling;
    if (label?.classList.contains("output-label")) label.hidden = false;
    if (output.hidden) {
      output.hidden = false;
      // What a run prints is what the learner came for; a test run's output is a detail.
      output.open = mode === "run";
      if (mode === "run" && stream === "stdout" && stderr && !stderr.textContent) {
        stderr.hidden = true;
        if (stderr.previousElementSibling?.classList.contains("output-label")) stderr.previousElementSibling.hidden = true;
      }
    }
  }

  return {
    /** A run starts: `text` says what is happening. */
    showRunning(text) {
      clear();
      setStatus("running");
      message.textContent =
        text ??
        (mode === "run"
          ? "Your code is starting in a sandbox. This takes a few seconds."
          : "Your program is starting in a sandbox. Each test appears here as it runs.");
      if (mode !== "run") updateProgress();
      announce(mode === "run" ? "Running your code." : "Running the tests.");
    },

    showQueued(position) {
      message.textContent = `Waiting for a free sandbox: ${plural(position, "run")} ahead of yours.`;
      announce(message.textContent);
    },

    /** The run is taking long: says so, with a Stop button. */
    showSlow(onStop) {
      const stop = button("button button-small result-stop", "Stop the run");
      stop.addEventListener("click", onStop);
      const note = element("span", "result-slow", "This is taking longer than usual; the grader may be busy. Your code is saved.");
      setActions(note, stop);
    },

    testStarted({ name }) {
      if (!tests) return;
      const item = testItem({ name, status: "running" });
      item.dataset.running = "true";
      tests.append(item);
      counts.running = name;
      updateProgress();
    },

    testEnded(test) {
      if (!tests) return;
      const running = [...tests.querySelectorAll('li[data-running="true"]')].find(
        (item) => item.querySelector(".test-name")?.textContent === test.name,
      );
      const failing = test.status === "fail" || test.status === "error";
      const item = testItem(test, { first: failing && counts.failed === 0 });
      if (running) running.replaceWith(item);
      else tests.append(item);
      if (test.status === "pass") counts.passed += 1;
      else if (failing) counts.failed += 1;
      counts.running = null;
      updateProgress();
    },

    appendOutput({ stream, text }) {
      appendOutput(stream, String(text ?? ""));
    },

    /** Renders a result; `nextStep` is `{url, title}` to offer after a pass. */
    showResult(result, { nextStep } = {}) {
      clear();
      const kind = looks[result.status] ? result.status : "error";
      const list = Array.isArray(result.tests) ? result.tests : [];
      setStatus(kind, mode === "run" || !list.length ? undefined : statusLine(result, mode));
      message.textContent = result.message ?? "";
      const { failing, passed, skipped } = arrangeTests(list);
      tests?.replaceChildren(
        ...failing.map((test, index) => testItem(test, { first: index === 0 })),
        ...skipped.map((test) => testItem(test)),
      );
      if (passedFold && passed.length) {
        passedFold.querySelector(".passed-tests-summary").textContent = passedSummary(passed);
        passedFold.querySelector("ol").replaceChildren(...passed.map((test) => testItem(test)));
        passedFold.hidden = false;
      } else if (!passedFold) {
        tests?.append(...passed.map((test) => testItem(test)));
      }
      if (result.stdout || result.stderr || mode === "run") {
        // A crash's error output is the next thing to read; otherwise it is a detail.
        showOutput(result, { open: mode === "run" || (kind === "error" && Boolean(result.stderr) && !failing.length) });
      }
      if (keyspace) showKeyspace(keyspace, result.keyspace, result.keyspaceTruncated);
      if (timing) timing.textContent = formatDuration(result.durationMs);
      if (next && kind === "pass" && nextStep) {
        const link = element("a", "button button-primary", `Next: ${nextStep.title} →`);
        link.href = nextStep.url;
        next.replaceChildren(link);
        next.hidden = false;
      }
      if (scroller) scroller.scrollTop = 0;
      announce(announcement(result, mode));
    },

    /** Points at the line of the learner's file the error output names; `onShow` moves the editor there. */
    showErrorLine(line, file, onShow) {
      const note = element("p", "result-error-line");
      note.append(icon("result-error-line-icon", "⚑"), ` The error points at line ${line} of ${file}, marked in the editor. `);
      const show = button("button button-small result-error-line-button", `Go to line ${line}`);
      show.addEventListener("click", onShow);
      note.append(show);
      message.after(note);
    },

    /**
     * The run could not happen (grader unreachable, busy, refusing): says why, that the code is safe, and offers
     * a retry, enabled after `retryAfterSeconds`.
     */
    showError(text, { onRetry, retryAfterSeconds = 0, title } = {}) {
      clear();
      setStatus("error", title ?? (mode === "run" ? "Could not run the code" : "Could not run the tests"));
      message.textContent = text;
      if (onRetry) setActions(retryButton(onRetry, retryAfterSeconds));
      announce(`${status.querySelector(".status-text").textContent}. ${text}`);
    },
  };
}

function labelled(tag, className, label, text) {
  const node = element(tag, className);
  node.append(element("strong", "", label), document.createTextNode(text));
  return node;
}

/** "Try again", disabled with a countdown while the grader asked to wait. */
function retryButton(onRetry, seconds) {
  const retry = button("button button-small result-retry", "Try again");
  retry.addEventListener("click", () => onRetry());
  let left = Math.ceil(seconds);
  if (left > 0) {
    retry.disabled = true;
    const tick = () => {
      if (!retry.isConnected && left < seconds) return;
      if (left <= 0) {
        retry.disabled = false;
        retry.textContent = "Try again";
        return;
      }
      retry.textContent = `Try again in ${left} s`;
      left -= 1;
      setTimeout(tick, 1000);
    };
    tick();
  }
  return retry;
}

/**
 * Builds the results elements for a runnable example (the playground and step pages write theirs in HTML):
 * status, message, output and keyspace, all ready for `resultsPanel(element, {mode: "run"})`.
 */
export function runResultsElement() {
  const root = element("div", "run-results");
  const live = element("div", "result-live visually-hidden");
  live.setAttribute("role", "status");
  live.setAttribute("aria-live", "polite");
  const status = element("p", "result-status");
  status.dataset.status = "idle";
  status.append(icon("status-icon", "●"), " ", element("span", "status-text", "Not run yet"), element("span", "result-timing"));
  const actions = element("div", "result-actions");
  actions.hidden = true;
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
  root.append(live, status, element("p", "result-message"), actions, output, keyspace);
  return root;
}
