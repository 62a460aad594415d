// The event-stream parser: events split across chunks of any size, every line ending, comments.
import assert from "node:assert/strict";
import { test } from "node:test";

import { createEventStreamParser, readEventStream } from "../../theme/assets/js/sse.js";

function parse(chunks) {
  const events = [];
  const parser = createEventStreamParser((event) => events.push(event));
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return events;
}

const STREAM = 'event: test-start\ndata: {"name":"a"}\n\n: a comment\nevent: result\ndata: {"status":"pass"}\n\n';

test("reads named events with their data", () => {
  assert.deepEqual(parse([STREAM]), [
    { event: "test-start", data: '{"name":"a"}' },
    { event: "result", data: '{"status":"pass"}' },
  ]);
});

test("gives the same events however the text is cut", () => {
  const whole = parse([STREAM]);
  for (let size = 1; size <= STREAM.length; size += 1) {
    const chunks = [];
    for (let start = 0; start < STREAM.length; start += size) chunks.push(STREAM.slice(start, start + size));
    assert.deepEqual(parse(chunks), whole, `chunks of ${size}`);
  }
});

test("accepts CRLF and CR line ends, also a CRLF split between chunks", () => {
  const expected = [{ event: "output", data: "x" }];
  assert.deepEqual(parse(["event: output\r\ndata: x\r\n\r\n"]), expected);
  assert.deepEqual(parse(["event: output\rdata: x\r\r"]), expected);
  assert.deepEqual(parse(["event: output\r", "\ndata: x\r", "\n\r", "\n"]), expected);
});

test("joins several data lines, defaults the name, drops an unfinished event", () => {
  assert.deepEqual(parse(["data: one\ndata:two\n\ndata: cut"]), [{ event: "message", data: "one\ntwo" }]);
});

test("an event without data is not dispatched, and the name does not leak into the next one", () => {
  assert.deepEqual(parse(["event: queued\n\ndata: 1\n\n"]), [{ event: "message", data: "1" }]);
});

test("readEventStream decodes UTF-8 split inside a character and parses JSON data", async () => {
  const bytes = new TextEncoder().encode('event: output\ndata: {"text":"café ✓"}\n\nevent: x\ndata: not json\n\n');
  const body = new ReadableStream({
    start(controller) {
      for (const byte of bytes) controller.enqueue(Uint8Array.of(byte));
      controller.close();
    },
  });
  const events = [];
  await readEventStream(body, (event) => events.push(event));
  assert.deepEqual(events, [
    { event: "output", data: { text: "café ✓" } },
    { event: "x", data: "not json" },
  ]);
});
