// Your own code carries on: what a step's editor opens with, and switching between your code and our starter.
import assert from "node:assert/strict";
import { test } from "node:test";

import { openingCode, swapVersions, takeStarter } from "../../theme/assets/js/workspace-code.js";

const STARTER = "# starter\n";
const MINE = "# my step-1 server\n";

test("a first visit with the previous step passed opens with the learner's passing code", () => {
  assert.deepEqual(openingCode({ starter: STARTER, carried: { code: MINE, lesson: "c/01-bind" } }), {
    code: MINE,
    banner: "carried",
  });
});

test("without a passed previous step (or when it equals our starter) the starter opens, no banner", () => {
  assert.deepEqual(openingCode({ starter: STARTER }), { code: STARTER, banner: null });
  assert.deepEqual(openingCode({ starter: STARTER, carried: { code: STARTER } }), { code: STARTER, banner: null });
});

test("code saved for the step wins over carried code", () => {
  assert.deepEqual(openingCode({ saved: "edited", starter: STARTER, carried: { code: MINE } }), {
    code: "edited",
    banner: null,
  });
});

test("taking the starter keeps the learner's code for switching back", () => {
  const taken = takeStarter({ current: MINE, starter: STARTER });
  assert.deepEqual(taken, { saved: STARTER, kept: MINE, replacesKept: false });
  assert.deepEqual(openingCode({ ...taken, starter: STARTER, carried: { code: MINE } }), {
    code: STARTER,
    banner: "on-starter",
  });
  const back = swapVersions({ current: STARTER, kept: MINE, starter: STARTER });
  assert.deepEqual(back, { saved: MINE, kept: null });
  assert.deepEqual(openingCode({ ...back, starter: STARTER }), { code: MINE, banner: null });
});

test("edits of the starter are kept too when switching back: two versions, swapped both ways", () => {
  const back = swapVersions({ current: "starter, edited", kept: MINE, starter: STARTER });
  assert.deepEqual(back, { saved: MINE, kept: "starter, edited" });
  assert.equal(openingCode({ ...back, starter: STARTER }).banner, "other-version");
  assert.deepEqual(swapVersions({ current: MINE, kept: "starter, edited", starter: STARTER }), {
    saved: "starter, edited",
    kept: MINE,
  });
});

test("taking the starter over a kept version asks first; the untouched starter replaces nothing", () => {
  assert.equal(takeStarter({ current: "v2", kept: "v1", starter: STARTER }).replacesKept, true);
  assert.deepEqual(takeStarter({ current: STARTER, kept: "v1", starter: STARTER }), {
    saved: STARTER,
    kept: "v1",
    replacesKept: false,
  });
  assert.equal(takeStarter({ current: "v1", kept: "v1", starter: STARTER }).replacesKept, false);
});
