// The one place a run's events are dispatched, so that any module can follow runs without touching the run
// flow: the results panel renders them, and a view (say, of the keyspace a run changes) may subscribe too.
//
// Every run dispatches, in order: `start` ({request}), then each event the grader streams, under the grader's
// own name (`queued`, `test-start`, `test-end`, `output`, and any event a newer grader adds), and finally
// `result` (the RunResult) or `error` ({kind, message}). `source` is the element the run belongs to (the
// workspace, the playground, or a runnable example's block), to tell concurrent runs apart. Pure: no DOM.

const listeners = new Set();

/** Calls `listener({type, data, source})` for every run event from now on; returns the unsubscribe function. */
export function subscribe(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Sends one event to every listener. A listener that throws does not stop the others (or the run). */
export function dispatch(type, data, source) {
  for (const listener of [...listeners]) {
    try {
      listener({ type, data, source });
    } catch (error) {
      console.error("A run-event listener failed:", error);
    }
  }
}
