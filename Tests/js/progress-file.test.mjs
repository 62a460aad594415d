// The progress file: export, read back, refuse what is not ours, and merge without losing a passed step.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  ProgressFileError,
  describeEntries,
  mergeProgress,
  progressFile,
  progressFileName,
  readProgressFile,
} from "../../theme/assets/js/progress-file.js";

const ENTRIES = {
  "codealong:progress": JSON.stringify({ "c/01-bind": { started: true, passed: true, passedAt: "2026-01-01" } }),
  "codealong:code:c/01-bind:python": "print(1)\n",
  "codealong:code:c/01-bind:javascript": "1\n",
  "codealong:code:c/02-ping:python": "print(2)\n",
};

test("what is exported reads back the same, and only our keys go in", () => {
  const text = progressFile({ ...ENTRIES, "other-site": "x" }, "2026-11-29T10:00:00.000Z");
  assert.deepEqual(readProgressFile(text), ENTRIES);
  assert.equal(JSON.parse(text).exportedAt, "2026-11-29T10:00:00.000Z");
  assert.equal(progressFileName(new Date("2026-11-29T10:00:00Z")), "codealong-progress-2026-11-29.json");
});

test("files that are not progress files are refused with a reason", () => {
  for (const [text, reason] of [
    ["not json", /not JSON/],
    ['{"format":"other","entries":{}}', /not a CodeAlong progress file/],
    ['{"format":"codealong-progress","version":99,"entries":{}}', /newer version/],
  ]) {
    assert.throws(() => readProgressFile(text), (error) => error instanceof ProgressFileError && reason.test(error.message));
  }
});

test("entries that are not ours or not strings are dropped on import", () => {
  const text = JSON.stringify({
    format: "codealong-progress",
    version: 1,
    entries: { "evil": "x", "codealong:code:a:python": 5, "codealong:code:b:python": "ok" },
  });
  assert.deepEqual(readProgressFile(text), { "codealong:code:b:python": "ok" });
});

test("merging keeps a step passed on either side and lists the code it would replace", () => {
  const here = {
    "codealong:progress": JSON.stringify({ "c/02-ping": { started: true, passed: true, passedAt: "2026-02-01" } }),
    "codealong:code:c/01-bind:python": "local edit\n",
    "codealong:code:c/02-ping:python": "print(2)\n",
  };
  const { writes, replaced } = mergeProgress(here, ENTRIES);
  const steps = JSON.parse(writes["codealong:progress"]);
  assert.equal(steps["c/01-bind"].passed, true);
  assert.equal(steps["c/02-ping"].passed, true);
  assert.equal(steps["c/02-ping"].passedAt, "2026-02-01");
  assert.deepEqual(replaced, ["codealong:code:c/01-bind:python"]);
});

test("counts for the sentence after an import", () => {
  assert.deepEqual(describeEntries(ENTRIES), { passed: 1, withCode: 2 });
});
