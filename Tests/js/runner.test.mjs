// The grader client with a stand-in fetch: streamed events, the JSON fallback, and every way a run can fail.
import assert from "node:assert/strict";
import { test } from "node:test";

import { RunError, failureFor, submit } from "../../theme/assets/js/runner.js";

const RESULT = { status: "fail", message: "m", tests: [], stdout: "", stderr: "", truncated: false, durationMs: 5 };

function sseResponse(text, { chunk = 7 } = {}) {
  const bytes = new TextEncoder().encode(text);
  const body = new ReadableStream({
    start(controller) {
      for (let at = 0; at < bytes.length; at += chunk) controller.enqueue(bytes.slice(at, at + chunk));
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { "Content-Type": "text/event-stream" } });
}

const jsonResponse = (body, status = 200, headers = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

const event = (name, data) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;

test("streams: each event is reported in order, and the result resolves", async () => {
  let request;
  const fetchImpl = async (url, init) => {
    request = { url, init };
    return sseResponse(
      event("queued", { position: 2 }) +
        event("test-start", { name: "a", step: "01-bind" }) +
        event("test-end", { name: "a", status: "pass" }) +
        event("keyspace", { keys: [] }) +
        event("result", RESULT),
    );
  };
  const seen = [];
  const result = await submit({
    graderURL: "https://grader.example/",
    body: { language: "python" },
    fetchImpl,
    stream: true,
    onEvent: (e) => seen.push(e.event),
  });
  assert.deepEqual(result, RESULT);
  assert.deepEqual(seen, ["queued", "test-start", "test-end", "keyspace"]);
  assert.equal(request.url, "https://grader.example/api/run-code");
  assert.equal(request.init.headers.Accept, "text/event-stream");
  assert.equal(request.init.headers["Content-Type"], "application/json");
});

test("falls back to the single JSON answer when streaming is not available", async () => {
  let accept;
  const result = await submit({
    body: {},
    stream: false,
    fetchImpl: async (_url, init) => {
      accept = init.headers.Accept;
      return jsonResponse(RESULT);
    },
  });
  assert.equal(accept, "application/json");
  assert.deepEqual(result, RESULT);
});

test("reads a JSON answer to a streaming request (a grader or proxy that does not stream)", async () => {
  const result = await submit({ body: {}, stream: true, fetchImpl: async () => jsonResponse(RESULT) });
  assert.deepEqual(result, RESULT);
});

test("a stream that ends without a result is an interrupted run", async () => {
  await assert.rejects(
    submit({ body: {}, stream: true, fetchImpl: async () => sseResponse(event("test-start", { name: "a" })) }),
    (error) => error instanceof RunError && error.kind === "interrupted",
  );
});

test("a network failure says the grader is unreachable", async () => {
  await assert.rejects(
    submit({
      body: {},
      fetchImpl: async () => {
        throw new TypeError("Failed to fetch");
      },
    }),
    (error) => error.kind === "unreachable" && /reach the grader/.test(error.message),
  );
});

test("a grader that stays silent past the limit times out", async () => {
  const fetchImpl = (_url, init) =>
    new Promise((_resolve, reject) => {
      init.signal.addEventListener("abort", () => reject(Object.assign(new Error("aborted"), { name: "AbortError" })));
    });
  await assert.rejects(
    submit({ body: {}, timeoutSeconds: 0.05, graceSeconds: 0, fetchImpl }),
    (error) => error.kind === "timeout" && /did not answer/.test(error.message),
  );
});

test("cancelling stops the run and says so", async () => {
  const controller = new AbortController();
  const fetchImpl = (_url, init) =>
    new Promise((_resolve, reject) => {
      init.signal.addEventListener("abort", () => reject(Object.assign(new Error("aborted"), { name: "AbortError" })));
    });
  const run = submit({ body: {}, fetchImpl, signal: controller.signal });
  controller.abort();
  await assert.rejects(run, (error) => error.kind === "cancelled");
});

test("429 with Retry-After: rate limited, busy queue, each with the seconds to wait", async () => {
  const limited = jsonResponse({ error: { code: "rate_limited", message: "Too many runs: wait 12 s." } }, 429, {
    "Retry-After": "12",
  });
  await assert.rejects(submit({ body: {}, fetchImpl: async () => limited }), (error) => {
    assert.equal(error.kind, "rate-limited");
    assert.equal(error.retryAfterSeconds, 12);
    assert.equal(error.message, "Too many runs: wait 12 s.");
    return true;
  });
  const full = failureFor(429, { error: { code: "queue_full", message: "Every sandbox is busy." } }, "3");
  assert.equal(full.kind, "busy");
  assert.equal(full.retryAfterSeconds, 3);
});

test("503 is the grader's trouble, not the learner's; other errors keep the grader's message", () => {
  const down = failureFor(503, null, "30");
  assert.equal(down.kind, "unavailable");
  assert.match(down.message, /not your code/);
  assert.equal(down.retryAfterSeconds, 30);
  const big = failureFor(413, { error: { code: "body_too_large", message: "The code is larger than 64 KiB." } }, null);
  assert.equal(big.kind, "rejected");
  assert.equal(big.message, "The code is larger than 64 KiB.");
  assert.equal(big.retryAfterSeconds, 0);
});

test("an error answer that is not JSON still gets a message", async () => {
  const html = new Response("<h1>Bad gateway</h1>", { status: 502, headers: { "Content-Type": "text/html" } });
  await assert.rejects(submit({ body: {}, fetchImpl: async () => html }), (error) => error.kind === "unavailable");
});

test("a 200 that is not a result is unreadable", async () => {
  await assert.rejects(
    submit({ body: {}, stream: false, fetchImpl: async () => jsonResponse({ hello: 1 }) }),
    (error) => error.kind === "unreadable",
  );
});
