// Server-Sent Events, read from a fetch() body: the grader answers a run with `Accept: text/event-stream`
// this way. (EventSource cannot POST, so the page reads the stream itself.) Pure: no DOM, tested by node --test.

/**
 * A parser for the text of an event stream, fed in chunks of any size. `onEvent({event, data})` fires for every
 * complete event (`event` defaults to "message"; `data` is the `data:` lines joined with "\n"). Comments (`:`),
 * `id:` and `retry:` lines are read and ignored.
 */
export function createEventStreamParser(onEvent) {
  let buffer = "";
  let eventName = "";
  let dataLines = [];
  let skipLeadingNewline = false; // a chunk ended with "\r": a "\n" starting the next chunk belongs to that line end

  function dispatch() {
    if (dataLines.length) onEvent({ event: eventName || "message", data: dataLines.join("\n") });
    eventName = "";
    dataLines = [];
  }

  function line(text) {
    if (text === "") {
      dispatch();
      return;
    }
    if (text.startsWith(":")) return;
    const colon = text.indexOf(":");
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? "" : text.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") eventName = value;
    else if (field === "data") dataLines.push(value);
  }

  return {
    /** Adds decoded text; complete lines are handled at once. */
    push(chunk) {
      if (skipLeadingNewline && chunk.startsWith("\n")) chunk = chunk.slice(1);
      skipLeadingNewline = false;
      buffer += chunk;
      let start = 0;
      for (let index = 0; index < buffer.length; index += 1) {
        const char = buffer[index];
        if (char !== "\n" && char !== "\r") continue;
        line(buffer.slice(start, index));
        if (char === "\r") {
          if (index + 1 === buffer.length) skipLeadingNewline = true;
          else if (buffer[index + 1] === "\n") index += 1;
        }
        start = index + 1;
      }
      buffer = buffer.slice(start);
    },
    /** The stream ended: an event without its closing blank line is dropped, as the specification says. */
    end() {
      buffer = "";
      eventName = "";
      dataLines = [];
    },
  };
}

/**
 * Reads a fetch Response's body as an event stream, calling `onEvent({event, data})` for each event with
 * `data` parsed as JSON (an event whose data is not JSON is passed with `data` as text).
 */
export async function readEventStream(body, onEvent) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = createEventStreamParser(({ event, data }) => {
    let parsed;
    try {
      parsed = JSON.parse(data);
    } catch {
      parsed = data;
    }
    onEvent({ event, data: parsed });
  });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.push(decoder.decode(value, { stream: true }));
  }
  parser.push(decoder.decode());
  parser.end();
}
