// The run flow, written once for every Run button (step pages, the playground, runnable examples): press Run →
// the button waits, the panel shows each streamed event as it arrives, then the result (or why there is none,
// with a retry); a traceback into the learner's file marks that line in the editor. Every event also goes to
// run-events.js, the one place other modules subscribe to runs.

import { dispatch } from "./run-events.js";
import { RunError, submit } from "./runner.js";
import { errorLine } from "./traceback.js";

/** After this long without a result the panel says the grader may be busy and offers to stop. */
const SLOW_AFTER_MS = 15_000;

/**
 * Wires `button` (and `run()`, for the editor's Ctrl/Cmd-Enter) to post `request()` to the grader and show
 * what happens in `panel` (a resultsPanel).
 *
 * - `request()` returns `{body, mainFile}`: the API request and the name of the learner's file in it;
 * - `editor()` returns the editor (for line marks), or null;
 * - `beforeRun(body)` runs first (save the code); `onResult(result, body)` after a result and returns what
 *   `panel.showResult` needs besides the result (e.g. `{nextStep}`);
 * - `source` is the element the run belongs to, passed with every run event;
 * - `savedNote` ends every "could not run" message (e.g. "Your code is saved in this browser.").
 */
export function createRunFlow({
  source,
  button,
  panel,
  graderURL = "",
  timeoutSeconds,
  request,
  editor = () => null,
  beforeRun = () => {},
  onResult = () => ({}),
  runningText = () => undefined,
  savedNote = "Your code is still in the editor.",
}) {
  let controller = null;

  function handle(event, data) {
    switch (event) {
      case "queued":
        panel.showQueued(data?.position ?? 1);
        break;
      case "test-start":
        panel.testStarted(data ?? {});
        break;
      case "test-end":
        panel.testEnded(data ?? {});
        break;
      case "output":
        panel.appendOutput(data ?? {});
        break;
      default:
        break; // events for other subscribers (views of a newer grader's data)
    }
    dispatch(event, data, source);
  }

  async function run() {
    if (controller) return;
    controller = new AbortController();
    const { body, mainFile } = request();
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    editor()?.clearMarks();
    beforeRun(body);
    panel.showRunning(runningText(body));
    dispatch("start", { request: body }, source);
    const slow = setTimeout(() => panel.showSlow(() => controller?.abort()), SLOW_AFTER_MS);
    try {
      const result = await submit({
        graderURL,
        body,
        timeoutSeconds,
        signal: controller.signal,
        onEvent: ({ event, data }) => handle(event, data),
      });
      const extras = onResult(result, body) ?? {};
      panel.showResult(result, extras);
      const line = traceLine(result, mainFile);
      const view = editor();
      if (line && view) {
        view.markLine(line);
        panel.showErrorLine(line, mainFile, () => view.goToLine(line));
      }
      dispatch("result", result, source);
    } catch (error) {
      const failure =
        error instanceof RunError ? error : new RunError(`Something went wrong in this page: ${error.message}`);
      panel.showError(`${failure.message} ${savedNote}`, {
        onRetry: run,
        retryAfterSeconds: failure.retryAfterSeconds,
        title: failure.kind === "cancelled" ? "Run stopped" : undefined,
      });
      dispatch("error", { kind: failure.kind, message: failure.message }, source);
    } finally {
      clearTimeout(slow);
      controller = null;
      button.disabled = false;
      button.removeAttribute("aria-busy");
    }
  }

  button.addEventListener("click", run);
  return {
    run,
    /** Stops a run in progress (its result, if it comes, is not shown). */
    cancel: () => controller?.abort(),
    get running() {
      return controller !== null;
    },
  };
}

/**
 * The learner's line a failed run's error output points at: the program's stderr first, then the first failing
 * test's message and transcript. Null for a pass.
 */
export function traceLine(result, mainFile) {
  if (result.status === "pass") return null;
  const failing = (result.tests ?? []).find((test) => test.status === "error" || test.status === "fail");
  return errorLine(result.stderr, mainFile) ?? errorLine(failing?.message, mainFile) ?? errorLine(failing?.output, mainFile);
}
