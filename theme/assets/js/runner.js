// Talks to the grader: posts the learner's code for a step and returns the parsed result.

/** A failure to get a result at all (network, grader error); `message` is shown to the learner as is. */
export class RunError extends Error {}

/** Extra seconds over the step's own limit, for queueing and container start-up. */
const GRACE_SECONDS = 30;

/**
 * POSTs `{lesson, language, code, mode: "test"}` to `<graderURL>/api/run-code` and resolves to the result
 * object (`{status, message, tests, stdout, stderr, truncated, durationMs}`).
 */
export async function runTests({ graderURL, lesson, language, code, timeoutSeconds }) {
  const endpoint = `${(graderURL ?? "").replace(/\/+$/, "")}/api/run-code`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), (timeoutSeconds + GRACE_SECONDS) * 1000);
  let response;
  try {
    response = await fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ lesson, language, code, mode: "test" }),
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

  const body = await response.json().catch(() => null);
  if (!response.ok) {
    let message = body?.error?.message ?? `The grader answered with HTTP ${response.status}.`;
    const retryAfter = response.headers.get("Retry-After");
    if (response.status === 429 && retryAfter) message += ` Try again in ${retryAfter} s.`;
    throw new RunError(message);
  }
  if (!body || typeof body.status !== "string") {
    throw new RunError("The grader sent a result this page cannot read.");
  }
  return body;
}
