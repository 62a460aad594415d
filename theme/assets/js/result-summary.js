// What a result says, in words: the order tests are shown in (what failed first), the status line, and the
// sentence read to screen-reader users when a run ends. Pure: no DOM, tested by node --test.

const OUTCOME_WORDS = { pass: "Passed", fail: "Failed", error: "Error", timeout: "Timed out" };

export const plural = (count, one, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/**
 * Splits a result's tests for display: `failing` (fail and error, in run order; the first is what to fix),
 * `passed` (folded into one line), `skipped` (not run because an earlier test failed).
 */
export function arrangeTests(tests) {
  const list = Array.isArray(tests) ? tests : [];
  return {
    failing: list.filter((test) => test.status === "fail" || test.status === "error"),
    passed: list.filter((test) => test.status === "pass"),
    skipped: list.filter((test) => test.status === "skipped"),
  };
}

/** The words of the folded line of passed tests: "25 passed", "25 passed · 2 notes". */
export function passedSummary(passed) {
  const notes = passed.filter((test) => test.note).length;
  return [`${passed.length} passed`, notes ? plural(notes, "note") : ""].filter(Boolean).join(" · ");
}

/** The status line of a graded run: "Passed — 5 of 5 tests", "Failed — 25 of 26 passed". */
export function statusLine(result, mode = "test") {
  const words = OUTCOME_WORDS[result?.status] ?? "Error";
  const tests = Array.isArray(result?.tests) ? result.tests : [];
  if (mode === "run") return result?.status === "pass" ? "Finished" : words;
  if (!tests.length) return words;
  const passed = tests.filter((test) => test.status === "pass").length;
  return result.status === "pass"
    ? `Passed — ${passed} of ${plural(tests.length, "test")}`
    : `${words} — ${passed} of ${tests.length} passed`;
}

/** One sentence for a screen reader when a run ends: outcome, then what to fix first. */
export function announcement(result, mode = "test") {
  const parts = [`${mode === "run" ? "Run" : "Tests"}: ${statusLine(result, mode)}.`];
  const first = arrangeTests(result?.tests).failing[0];
  if (first) {
    parts.push(`First failing test: ${first.name}.`);
    if (first.message) parts.push(firstLine(first.message));
  } else if (result?.message) {
    parts.push(result.message);
  }
  return parts.join(" ");
}

/** A running count for the live list: "3 passed, running “responds to PING”". */
export function progressLine({ passed, failed, running }) {
  const done = [passed ? `${passed} passed` : "", failed ? `${failed} failed` : ""].filter(Boolean).join(", ");
  const now = running ? `running “${running}”` : "";
  return [done, now].filter(Boolean).join(", ") || "Starting…";
}

const firstLine = (text) => String(text).split("\n")[0];

/** `12 ms`, `1.4 s`; empty for a missing duration. */
export function formatDuration(ms) {
  if (typeof ms !== "number" || !Number.isFinite(ms)) return "";
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
