// Progress in localStorage (a stand-in here): passing code carried forward, kept versions, reset, resume point.
import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";

class MemoryStorage {
  #items = new Map();
  get length() {
    return this.#items.size;
  }
  key(index) {
    return [...this.#items.keys()][index] ?? null;
  }
  getItem(key) {
    return this.#items.has(key) ? this.#items.get(key) : null;
  }
  setItem(key, value) {
    this.#items.set(key, String(value));
  }
  removeItem(key) {
    this.#items.delete(key);
  }
}

globalThis.localStorage = new MemoryStorage();
const progress = await import("../../theme/assets/js/progress.js");

beforeEach(() => {
  globalThis.localStorage = new MemoryStorage();
});

test("a pass records the code that passed, per language", () => {
  progress.saveCode("c/01-bind", "python", "draft");
  assert.equal(progress.stepState("c/01-bind"), "started");
  progress.markPassed("c/01-bind", "python", "passing");
  assert.equal(progress.stepState("c/01-bind"), "passed");
  assert.equal(progress.passedCode("c/01-bind", "python"), "passing");
  assert.equal(progress.passedCode("c/01-bind", "javascript"), null);
});

test("progress from before passing code was recorded falls back to the saved code of a passed step", () => {
  progress.saveCode("c/01-bind", "python", "saved");
  assert.equal(progress.passedCode("c/01-bind", "python"), null);
  progress.markPassed("c/01-bind");
  assert.equal(progress.passedCode("c/01-bind", "python"), "saved");
});

test("resetting a step forgets its mark and its code in every language, and nothing else", () => {
  progress.markPassed("c/01-bind", "python", "p");
  progress.saveCode("c/01-bind", "python", "a");
  progress.saveCode("c/01-bind", "javascript", "b");
  progress.setKeptCode("c/01-bind", "python", "k");
  progress.saveCode("c/01-bind-more", "python", "other step");
  progress.markPassed("c/02-ping", "python", "q");
  progress.resetStep("c/01-bind");
  assert.equal(progress.stepState("c/01-bind"), "todo");
  assert.equal(progress.savedCode("c/01-bind", "python"), null);
  assert.equal(progress.savedCode("c/01-bind", "javascript"), null);
  assert.equal(progress.keptCode("c/01-bind", "python"), null);
  assert.equal(progress.passedCode("c/01-bind", "python"), null);
  assert.equal(progress.savedCode("c/01-bind-more", "python"), "other step");
  assert.equal(progress.stepState("c/02-ping"), "passed");
});

test("all entries go out and come back in", () => {
  progress.markPassed("c/01-bind", "python", "p");
  progress.setPreferredLanguage("c", "python");
  const entries = progress.allEntries();
  assert.deepEqual(Object.keys(entries).sort(), ["codealong:language:c", "codealong:passed:c/01-bind:python", "codealong:progress"]);
  globalThis.localStorage = new MemoryStorage();
  assert.equal(progress.stepState("c/01-bind"), "todo");
  assert.equal(progress.writeEntries(entries), true);
  assert.equal(progress.stepState("c/01-bind"), "passed");
});

test("storage that throws is treated as empty", () => {
  globalThis.localStorage = {
    getItem() {
      throw new Error("denied");
    },
    setItem() {
      throw new Error("denied");
    },
  };
  assert.equal(progress.savedCode("c/01-bind", "python"), null);
  progress.saveCode("c/01-bind", "python", "x");
  assert.equal(progress.writeEntries({ "codealong:x": "1" }), false);
  assert.deepEqual(progress.allEntries(), {});
});

test("where to continue: the step last open unless passed, then the next unpassed one", () => {
  const steps = [
    { lesson: "a", state: "passed" },
    { lesson: "b", state: "started" },
    { lesson: "c", state: "passed" },
    { lesson: "d", state: "todo" },
  ];
  assert.equal(progress.resumeStep(steps, "b"), "b");
  assert.equal(progress.resumeStep(steps, "c"), "d");
  assert.equal(progress.resumeStep(steps, null), "b");
  assert.equal(progress.resumeStep([{ lesson: "a", state: "todo" }, { lesson: "b", state: "passed" }], "b"), "a");
  assert.equal(progress.resumeStep([{ lesson: "a", state: "passed" }], "a"), null);
});
