const net = require("node:net");

/** The client sent bytes that are not a RESP command. */
class ProtocolError extends Error {}

/**
 * Parse one command from the start of `buffer`.
 *
 * Clients send every command as a RESP array of bulk strings:
 * `*<count>\r\n` followed, for each argument, by `$<length>\r\n<bytes>\r\n`.
 * Returns `{ args, used }` (args are Buffers), or `null` while the command is incomplete.
 */
function parseCommand(buffer) {
  let lineEnd = buffer.indexOf("\r\n");
  if (lineEnd < 0) return null;
  if (buffer[0] !== 0x2a /* "*" */) throw new ProtocolError(`expected '*', got '${String.fromCharCode(buffer[0])}'`);
  const count = parseNumber(buffer.subarray(1, lineEnd));
  let position = lineEnd + 2;
  const args = [];
  for (let i = 0; i < count; i++) {
    lineEnd = buffer.indexOf("\r\n", position);
    if (lineEnd < 0) return null;
    if (buffer[position] !== 0x24 /* "$" */) {
      throw new ProtocolError(`expected '$', got '${String.fromCharCode(buffer[position])}'`);
    }
    const length = parseNumber(buffer.subarray(position + 1, lineEnd));
    const start = lineEnd + 2;
    const end = start + length;
    if (buffer.length < end + 2) return null; // the data and its \r\n have not all arrived yet
    args.push(buffer.subarray(start, end));
    position = end + 2;
  }
  return { args, used: position };
}

function parseNumber(bytes) {
  const text = bytes.toString("latin1");
  if (!/^\d+$/.test(text)) throw new ProtocolError(`invalid length '${text}'`);
  return Number(text);
}

/** Read commands from one client and answer each of them, until it hangs up. */
async function serve(connection) {
  let buffer = Buffer.alloc(0); // bytes received but not handled yet: a command may arrive in pieces
  try {
    for await (const data of connection) {
      buffer = Buffer.concat([buffer, data]);
      // One read can hold several commands (pipelining), or only part of one:
      // answer every complete command and keep the rest for the next read.
      const replies = [];
      let command;
      while ((command = parseCommand(buffer)) !== null) {
        buffer = buffer.subarray(command.used);
        replies.push(Buffer.from("+PONG\r\n")); // every command is PING, for now
      }
      // One write for all the replies of this read, rather than many small ones.
      if (replies.length > 0) connection.write(Buffer.concat(replies));
    }
  } catch (error) {
    // Not RESP: say so and hang up. Anything else (e.g. ECONNRESET) means the client vanished.
    if (error instanceof ProtocolError) connection.end(`-ERR Protocol error: ${error.message}\r\n`);
  }
}

// Node.js calls serve() for every new client, without waiting for earlier clients to leave.
const server = net.createServer(serve);

server.listen(6379, "127.0.0.1", () => {
  console.log("Listening on 127.0.0.1:6379");
});
