// What a result says: failing tests first, passed ones folded, and the words for the status and screen readers.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  announcement,
  arrangeTests,
  formatDuration,
  passedSummary,
  progressLine,
  statusLine,
} from "../../theme/assets/js/result-summary.js";

const passing = (name, extra = {}) => ({ name, status: "pass", ...extra });
const STEP7 = {
  status: "fail",
  message: "The test “accepts SET with PX” failed.",
  tests: [
    ...Array.from({ length: 25 }, (_, index) => passing(`test ${index + 1}`, index === 3 ? { note: "n" } : {})),
    { name: "accepts SET with PX", status: "fail", message: 'expected "+OK\\r\\n"\nbut received "-ERR"', hint: "h" },
  ],
};

test("the failing test comes first, the 25 passed ones apart", () => {
  const { failing, passed, skipped } = arrangeTests(STEP7.tests);
  assert.equal(failing.length, 1);
  assert.equal(failing[0].name, "accepts SET with PX");
  assert.equal(passed.length, 25);
  assert.deepEqual(skipped, []);
});

test("errors count as failing, in run order; skipped tests stand apart; no tests is no trouble", () => {
  const { failing, skipped } = arrangeTests([
    { name: "a", status: "error" },
    { name: "b", status: "pass" },
    { name: "c", status: "fail" },
    { name: "d", status: "skipped" },
  ]);
  assert.deepEqual(failing.map((t) => t.name), ["a", "c"]);
  assert.deepEqual(skipped.map((t) => t.name), ["d"]);
  assert.deepEqual(arrangeTests(undefined), { failing: [], passed: [], skipped: [] });
});

test("the folded line counts passed tests and their notes", () => {
  const { passed } = arrangeTests(STEP7.tests);
  assert.equal(passedSummary(passed), "25 passed · 1 note");
  assert.equal(passedSummary([passing("a")]), "1 passed");
});

test("status lines", () => {
  assert.equal(statusLine(STEP7), "Failed — 25 of 26 passed");
  assert.equal(statusLine({ status: "pass", tests: [passing("a"), passing("b")] }), "Passed — 2 of 2 tests");
  assert.equal(statusLine({ status: "pass", tests: [passing("a")] }), "Passed — 1 of 1 test");
  assert.equal(statusLine({ status: "timeout", tests: [] }), "Timed out");
  assert.equal(statusLine({ status: "pass" }, "run"), "Finished");
  assert.equal(statusLine({ status: "weird" }), "Error");
});

test("the announcement names the outcome and what to fix first", () => {
  assert.equal(
    announcement(STEP7),
    'Tests: Failed — 25 of 26 passed. First failing test: accepts SET with PX. expected "+OK\\r\\n"',
  );
  assert.equal(announcement({ status: "pass", message: "All good.", tests: [] }, "run"), "Run: Finished. All good.");
});

test("progress while tests run", () => {
  assert.equal(progressLine({ passed: 0, failed: 0, running: null }), "Starting…");
  assert.equal(progressLine({ passed: 3, failed: 0, running: "responds to PING" }), "3 passed, running “responds to PING”");
  assert.equal(progressLine({ passed: 3, failed: 1, running: null }), "3 passed, 1 failed");
});

test("durations", () => {
  assert.equal(formatDuration(12.4), "12 ms");
  assert.equal(formatDuration(1440), "1.4 s");
  assert.equal(formatDuration(undefined), "");
  assert.equal(formatDuration(null), "");
});
