// Which line of the learner's file an error output points at, for the editor to highlight.
import assert from "node:assert/strict";
import { test } from "node:test";

import { errorLine } from "../../theme/assets/js/traceback.js";

const PYTHON = `Traceback (most recent call last):
  File "/tmp/codealong/app/main.py", line 7, in <module>
    f()
  File "/tmp/codealong/app/main.py", line 4, in f
    return undefined_name
NameError: name 'undefined_name' is not defined
`;

const NODE = `/tmp/codealong/app/main.js:3
  return undefinedName;
  ^

ReferenceError: undefinedName is not defined
    at f (/tmp/codealong/app/main.js:3:3)
    at Object.<anonymous> (/tmp/codealong/app/main.js:5:1)
    at Module._compile (node:internal/modules/cjs/loader:1364:14)
`;

test("Python: the innermost frame in the learner's file (printed last)", () => {
  assert.equal(errorLine(PYTHON, "main.py"), 4);
});

test("Python: a library frame after the learner's frame does not count", () => {
  const text = `Traceback (most recent call last):
  File "/tmp/codealong/app/main.py", line 9, in <module>
    client.get()
  File "/usr/lib/python3/dist-packages/valkey/site-packages/main.py", line 120, in get
  File "/usr/lib/python3/site-packages/valkey/client.py", line 88, in get
ConnectionError: refused`;
  assert.equal(errorLine(text, "main.py"), 9);
});

test("Python: a syntax error names one line", () => {
  const text = `  File "/tmp/codealong/app/main.py", line 12\n    if x\n        ^\nSyntaxError: expected ':'`;
  assert.equal(errorLine(text, "main.py"), 12);
});

test("Node: the first mention (the throw site)", () => {
  assert.equal(errorLine(NODE, "main.js"), 3);
});

test("other languages' file:line forms", () => {
  assert.equal(errorLine("panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\t/tmp/codealong/app/main.go:14 +0x1d", "main.go"), 14);
  assert.equal(errorLine('Exception in thread "main" java.lang.RuntimeException\n\tat Main.main(Main.java:21)', "Main.java"), 21);
});

test("another file with a similar name, or no file at all, gives null", () => {
  assert.equal(errorLine('  File "/tmp/codealong/app/not_main.py", line 3, in <module>', "main.py"), null);
  assert.equal(errorLine("/tmp/codealong/app/helper.js:3", "main.js"), null);
  assert.equal(errorLine("everything is fine", "main.py"), null);
  assert.equal(errorLine("", "main.py"), null);
  assert.equal(errorLine(PYTHON, ""), null);
});

test("a file name is matched literally (the dot is not a wildcard)", () => {
  assert.equal(errorLine('File "/app/mainXpy", line 3', "main.py"), null);
});

test("a failed run's line: stderr first, then the failing test; none for a pass", async () => {
  const { traceLine } = await import("../../theme/assets/js/run-flow.js");
  assert.equal(traceLine({ status: "error", stderr: PYTHON, tests: [] }, "main.py"), 4);
  const crash = { status: "error", stderr: "", tests: [{ status: "pass" }, { status: "error", message: NODE }] };
  assert.equal(traceLine(crash, "main.js"), 3);
  assert.equal(traceLine({ status: "pass", stderr: PYTHON, tests: [] }, "main.py"), null);
  assert.equal(traceLine({ status: "fail", stderr: "", tests: [{ status: "fail", message: "expected +PONG" }] }, "main.py"), null);
});
