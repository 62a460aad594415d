// Talks to the grader: posts a run to `<graderURL>/api/run-code` and resolves to its result. Where the browser can
// read a response as a stream it asks for Server-Sent Events and reports each one (`queued`, `test-start`,
// `test-end`, `output`, and any event a newer grader adds) as it arrives; otherwise, or when the grader answers
// with JSON, it reads the single JSON result. No DOM: tested by node --test with a stand-in fetch.

import { readEventStream } from "./sse.js";

/**
 * A failure to get a result at all; `message` is shown to the learner as is. `kind` is one of "unreachable",
 * "timeout", "cancelled", "interrupted", "rate-limited", "busy", "unavailable", "rejected", "unreadable";
 * `retryAfterSeconds` is the grader's Retry-After, when it sent one.
 */
export class RunError extends Error {
  constructor(message, { kind = "rejected", status = 0, code = "", retryAfterSeconds = 0 } = {}) {
    super(message);
    this.name = "RunError";
    this.kind = kind;
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Extra seconds over the run's own limit, for queueing and container start-up. */
export const GRACE_SECONDS = 30;

/** The grader's limit for a run without a lesson (playground, runnable examples). */
const RUN_TIMEOUT_SECONDS = 10;

/**
 * Grades a step: `{lesson, language, code, mode: "test"}`. `onEvent({event, data})` hears each streamed event.
 */
export function runTests({ graderURL, lesson, language, code, timeoutSeconds, onEvent, signal }) {
  return submit({ graderURL, body: { lesson, language, code, mode: "test" }, timeoutSeconds, onEvent, signal });
}

/** Runs code once (playground, runnable examples): `{language, code, mode: "run", valkey}`. */
export function runCode({ graderURL, language, code, valkey, timeoutSeconds = RUN_TIMEOUT_SECONDS, onEvent, signal }) {
  return submit({ graderURL, body: { language, code, mode: "run", valkey }, timeoutSeconds, onEvent, signal });
}

/** Whether this browser can read a response body as it arrives. */
export function canStream() {
  return (
    typeof ReadableStream === "function" &&
    typeof TextDecoder === "function" &&
    typeof Response === "function" &&
    "body" in Response.prototype
  );
}

/**
 * POSTs `body` and resolves to the RunResult, or rejects with a RunError. The answer may take up to
 * `timeoutSeconds` + `graceSeconds` of silence (longer while queued); `signal` cancels. `stream: false` asks for
 * JSON only. `fetchImpl` is for tests.
 */
export async function submit({
  graderURL = "",
  body,
  timeoutSeconds = RUN_TIMEOUT_SECONDS,
  onEvent = () => {},
  signal,
  stream = canStream(),
  graceSeconds = GRACE_SECONDS,
  fetchImpl = globalThis.fetch,
}) {
  const endpoint = `${(graderURL ?? "").replace(/\/+$/, "")}/api/run-code`;
  const controller = new AbortController();
  const patience = (timeoutSeconds + graceSeconds) * 1000;
  let timedOut = false;
  let timer;
  const wait = (ms) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, ms);
  };
  const cancel = () => controller.abort();
  signal?.addEventListener("abort", cancel);
  wait(patience);

  const failed = (error) => {
    if (error instanceof RunError) return error;
    if (timedOut) {
      return new RunError(
        `The grader did not answer within ${Math.round(patience / 1000)} s. It may be very busy: try again in a moment.`,
        { kind: "timeout" },
      );
    }
    if (signal?.aborted) return new RunError("You stopped the run.", { kind: "cancelled" });
    return null;
  };

  try {
    let response;
    try {
      response = await fetchImpl(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: stream ? "text/event-stream" : "application/json" },
        body: JSON.stringify(body),
        signal: controller.signal,
      });
    } catch (error) {
      throw (
        failed(error) ??
        new RunError("Could not reach the grader. Check your connection, then try again.", { kind: "unreachable" })
      );
    }

    const type = response.headers.get("Content-Type") ?? "";
    if (response.ok && stream && type.includes("text/event-stream") && response.body) {
      let result = null;
      try {
        await readEventStream(response.body, ({ event, data }) => {
          // Silence while waiting in the queue can be long; the run itself is bounded by its limit.
          wait(event === "queued" ? patience * 3 : patience);
          if (event === "result") result = data;
          else onEvent({ event, data });
        });
      } catch (error) {
        throw failed(error) ?? interrupted();
      }
      if (!isResult(result)) throw interrupted();
      return result;
    }

    let answer;
    try {
      answer = await response.json();
    } catch (error) {
      throw failed(error) ?? (response.ok ? unreadable() : failureFor(response.status, null, response.headers.get("Retry-After")));
    }
    if (!response.ok) throw failureFor(response.status, answer, response.headers.get("Retry-After"));
    if (!isResult(answer)) throw unreadable();
    return answer;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", cancel);
  }
}

const isResult = (value) => Boolean(value) && typeof value === "object" && typeof value.status === "string";

const interrupted = () =>
  new RunError("The connection to the grader broke before the result arrived. Run the tests again.", {
    kind: "interrupted",
  });

const unreadable = () => new RunError("The grader sent an answer this page cannot read.", { kind: "unreadable" });

/** The RunError for a non-2xx answer: its `{error: {code, message}}` body, status and Retry-After header. */
export function failureFor(status, body, retryAfterHeader) {
  const code = body?.error?.code ?? "";
  const retryAfterSeconds = Math.max(0, Math.ceil(Number(retryAfterHeader) || 0));
  let kind = "rejected";
  let fallback = `The grader refused the run (HTTP ${status}).`;
  if (status === 429 && code === "queue_full") {
    kind = "busy";
    fallback = "Every sandbox is busy and the queue is full.";
  } else if (status === 429) {
    kind = "rate-limited";
    fallback = "You have started many runs in a short time.";
  } else if (status === 503) {
    kind = "unavailable";
    fallback = "The grader cannot run code right now. This is not your code's fault.";
  } else if (status >= 500) {
    kind = "unavailable";
    fallback = `The grader failed (HTTP ${status}). This is not your code's fault.`;
  }
  const message = typeof body?.error?.message === "string" && body.error.message ? body.error.message : fallback;
  return new RunError(message, { kind, status, code, retryAfterSeconds });
}
