// The run-event bus: every subscriber hears every event, a failing subscriber stops no one, unsubscribe works.
import assert from "node:assert/strict";
import { test } from "node:test";

import { dispatch, subscribe } from "../../theme/assets/js/run-events.js";

test("subscribers hear events with their source, until they unsubscribe", () => {
  const heard = [];
  const source = { id: "workspace" };
  const stop = subscribe((event) => heard.push(event));
  dispatch("test-start", { name: "a" }, source);
  stop();
  dispatch("result", { status: "pass" }, source);
  assert.deepEqual(heard, [{ type: "test-start", data: { name: "a" }, source }]);
});

test("a listener that throws does not keep the others from hearing", (t) => {
  t.mock.method(console, "error", () => {});
  const heard = [];
  const stops = [
    subscribe(() => {
      throw new Error("broken view");
    }),
    subscribe((event) => heard.push(event.type)),
  ];
  dispatch("keyspace", {}, null);
  stops.forEach((stop) => stop());
  assert.deepEqual(heard, ["keyspace"]);
});
