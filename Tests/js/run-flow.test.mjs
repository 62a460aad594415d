// The run flow shared by every Run button, with a stand-in fetch, button, panel and editor: what the panel is
// told, in order, for a streamed run, a traceback, and a failure of the service.
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";

import { subscribe } from "../../theme/assets/js/run-events.js";
import { createRunFlow } from "../../theme/assets/js/run-flow.js";

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

function standIns() {
  const calls = [];
  const panel = new Proxy({}, { get: (_, name) => (...args) => calls.push([name, ...args]) });
  const button = Object.assign(new EventTarget(), {
    disabled: false,
    attributes: {},
    setAttribute(name, value) {
      this.attributes[name] = value;
    },
    removeAttribute(name) {
      delete this.attributes[name];
    },
  });
  const marks = [];
  const editor = { clearMarks: () => marks.push("clear"), markLine: (line) => marks.push(line), goToLine() {} };
  return { calls, panel, button, marks, editor };
}

const sse = (events) =>
  new Response(events.map(([name, data]) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`).join(""), {
    headers: { "Content-Type": "text/event-stream" },
  });

test("a streamed run: running, each test as it starts and ends, then the result; the button waits meanwhile", async () => {
  const result = { status: "pass", tests: [{ name: "a", status: "pass" }] };
  globalThis.fetch = async () => sse([["test-start", { name: "a" }], ["test-end", result.tests[0]], ["result", result]]);
  const { calls, panel, button, editor } = standIns();
  const seen = [];
  const stop = subscribe(({ type }) => seen.push(type));
  const flow = createRunFlow({
    source: "me",
    button,
    panel,
    editor: () => editor,
    request: () => ({ body: { code: "x" }, mainFile: "main.py" }),
    onResult: () => ({ nextStep: { url: "/next", title: "Next" } }),
  });
  const running = flow.run();
  assert.equal(button.disabled, true);
  assert.equal(button.attributes["aria-busy"], "true");
  assert.equal(flow.running, true);
  await running;
  stop();
  assert.equal(button.disabled, false);
  assert.deepEqual(
    calls.map(([name]) => name),
    ["showRunning", "testStarted", "testEnded", "showResult"],
  );
  assert.deepEqual(calls.at(-1)[2], { nextStep: { url: "/next", title: "Next" } });
  assert.deepEqual(seen, ["start", "test-start", "test-end", "result"]);
});

test("a traceback into the learner's file marks its line and says so in the panel", async () => {
  const stderr = 'Traceback (most recent call last):\n  File "/app/main.py", line 3, in <module>\nRuntimeError: boom\n';
  globalThis.fetch = async () => sse([["result", { status: "fail", tests: [], stderr }]]);
  const { calls, panel, button, marks, editor } = standIns();
  const flow = createRunFlow({ button, panel, editor: () => editor, request: () => ({ body: {}, mainFile: "main.py" }) });
  await flow.run();
  assert.deepEqual(marks, ["clear", 3]);
  const note = calls.find(([name]) => name === "showErrorLine");
  assert.deepEqual(note.slice(1, 3), [3, "main.py"]);
});

test("a failure of the service: its message, the saved note, a retry after Retry-After; the code is not touched", async () => {
  globalThis.fetch = async () =>
    new Response(JSON.stringify({ error: { code: "rate_limited", message: "Too many runs." } }), {
      status: 429,
      headers: { "Content-Type": "application/json", "Retry-After": "7" },
    });
  const { calls, panel, button } = standIns();
  let requested = 0;
  const flow = createRunFlow({
    button,
    panel,
    savedNote: "Your code is saved in this browser.",
    request: () => {
      requested += 1;
      return { body: { code: "mine" }, mainFile: "main.py" };
    },
  });
  await flow.run();
  const [name, text, options] = calls.at(-1);
  assert.equal(name, "showError");
  assert.equal(text, "Too many runs. Your code is saved in this browser.");
  assert.equal(options.retryAfterSeconds, 7);
  globalThis.fetch = async () => sse([["result", { status: "pass", tests: [] }]]);
  await options.onRetry();
  assert.equal(requested, 2);
  assert.equal(calls.at(-1)[0], "showResult");
});

test("a second press while a run is going starts nothing", async () => {
  let fetches = 0;
  let answer;
  globalThis.fetch = () => {
    fetches += 1;
    return new Promise((resolve) => (answer = resolve));
  };
  const { panel, button } = standIns();
  const flow = createRunFlow({ button, panel, request: () => ({ body: {}, mainFile: "" }) });
  const first = flow.run();
  await flow.run();
  assert.equal(fetches, 1);
  answer(sse([["result", { status: "pass", tests: [] }]]));
  await first;
});
