// Talks to the grader: posts code to `<graderURL>/api/run-code` and returns the parsed result.

/** A failure to get a result at all (network, grader error); `message` is shown to the learner as is. */
export class RunError extends Error {}

/** Extra seconds over the run's own limit, for queueing and container start-up. */
const GRACE_SECONDS = 30;

/** The grader's limit for a run without a lesson (playground, runnable examples). */
const RUN_TIMEOUT_SECONDS = 10;

/**
 * Grades a step: POSTs `{lesson, language, code, mode: "test"}` and resolves to the result
 * (`{status, message, tests, stdout, stderr, truncated, durationMs}`).
 */
export function runTests({ graderURL, lesson, language, code, timeoutSeconds }) {
  return post(graderURL, { lesson, language, code, mode: "test" }, timeoutSeconds);
}

/**
 * Runs code once, as the playground and runnable examples do: POSTs `{language, code, mode: "run", valkey}`
 * and resolves to the result, which has `keyspace` (`[{key, type, ttl, value}]`) when a server ran.
 */
export function runCode({ graderURL, language, code, valkey, timeoutSeconds = RUN_TIMEOUT_SECONDS }) {
  return post(graderURL, { language, code, mode: "run", valkey }, timeoutSeconds);
}

async function post(graderURL, body, timeoutSeconds) {
  const endpoint = `${(graderURL ?? "").replace(/\/+$/, "")}/api/run-code`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), (timeoutSeconds + GRACE_SECONDS) * 1000);
  let response;
  try {
    response = await fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
      signal: controller.signal,
    });
  } catch (error) {
    if (error.name === "AbortError") {
      throw new RunError("The grader did not answer in time. It may be busy; try again in a moment.");
    }
    throw new RunError("Could not reach the grader. Check your connection and try again.");
  } finally {
    clearTimeout(timer);
  }

  const result = await response.json().catch(() => null);
  if (!response.ok) {
    let message = result?.error?.message ?? `The grader answered with HTTP ${response.status}.`;
    const retryAfter = response.headers.get("Retry-After");
    if (response.status === 429 && retryAfter) message += ` Try again in ${retryAfter} s.`;
    throw new RunError(message);
  }
  if (!result || typeof result.status !== "string") {
    throw new RunError("The grader sent a result this page cannot read.");
  }
  return result;
}
