const net = require("node:net");

/** The client sent bytes that are not a RESP command. */
class ProtocolError extends Error {}

// --- reading commands ------------------------------------------------------------------

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
    args.push(buffer.subarray(start, end)); // exactly `length` bytes, whatever they contain
    position = end + 2;
  }
  return { args, used: position };
}

function parseNumber(bytes) {
  const text = bytes.toString("latin1");
  if (!/^\d+$/.test(text)) throw new ProtocolError(`invalid length '${text}'`);
  return Number(text);
}

// --- writing replies -------------------------------------------------------------------

/** A simple string: +OK\r\n */
const simple = (text) => Buffer.from(`+${text}\r\n`);

/** An error: -ERR message\r\n. A line break would end the reply early, so none may appear. */
const error = (message) => Buffer.from(`-${message.replace(/[\r\n]/g, " ")}\r\n`, "latin1");

/** A bulk string: $<length in bytes>\r\n<bytes>\r\n; null is the null bulk string $-1\r\n. */
function bulk(data) {
  if (data === null || data === undefined) return Buffer.from("$-1\r\n");
  const bytes = Buffer.from(data); // Buffer.byteLength, not string.length, counts UTF-8 bytes
  return Buffer.concat([Buffer.from(`$${bytes.length}\r\n`), bytes, Buffer.from("\r\n")]);
}

// --- the data --------------------------------------------------------------------------

// The whole database: key -> { value, expiresAt }. The value is a Buffer; expiresAt is the
// moment the key expires, in milliseconds since 1970 (as Valkey keeps it), or null.
// A Map compares Buffers by identity, not by content, so keys are stored as "latin1"
// strings, which map each byte to one character.
const store = new Map();
const keyOf = (bytes) => bytes.toString("latin1");

/**
 * The entry of a key, or undefined if it does not exist. A key whose time is up is deleted
 * here, when someone asks for it: like Valkey, we expire keys lazily.
 */
function lookup(key) {
  const entry = store.get(key);
  if (entry !== undefined && entry.expiresAt !== null && Date.now() > entry.expiresAt) {
    store.delete(key);
    return undefined;
  }
  return entry;
}

// --- numbers ---------------------------------------------------------------------------

const MIN_INTEGER = -(2n ** 63n);
const MAX_INTEGER = 2n ** 63n - 1n; // a signed 64-bit integer, as a BigInt

/** The integer (a BigInt) written in `bytes`, or null if it is not one in Valkey's strict sense. */
function parseInteger(bytes) {
  const text = bytes.toString("latin1");
  if (!/^(0|-?[1-9][0-9]*)$/.test(text)) return null; // no "+", no spaces, no leading 0
  const number = BigInt(text);
  return number >= MIN_INTEGER && number <= MAX_INTEGER ? number : null;
}

// --- commands --------------------------------------------------------------------------

function ping(args) {
  if (args.length === 1) return simple("PONG");
  if (args.length === 2) return bulk(args[1]); // PING with a message answers with the message
  return wrongArity("ping");
}

function echo(args) {
  return bulk(args[1]);
}

/** SET key value [EX seconds | PX milliseconds] */
function set(args) {
  const [, key, value, ...options] = args;
  let unit = null;
  let amount = null;
  // First check the words, as Valkey does, then the number.
  for (let i = 0; i < options.length; i += 2) {
    const option = options[i].toString("latin1").toUpperCase();
    if ((option === "EX" || option === "PX") && (unit === null || unit === option) && i + 1 < options.length) {
      unit = option;
      amount = options[i + 1];
    } else {
      return error("ERR syntax error");
    }
  }
  let expiresAt = null;
  if (unit !== null) {
    let milliseconds = parseInteger(amount);
    if (milliseconds === null) return error("ERR value is not an integer or out of range");
    if (unit === "EX") milliseconds *= 1000n;
    const when = BigInt(Date.now()) + milliseconds;
    if (milliseconds <= 0n || when > MAX_INTEGER) return error("ERR invalid expire time in 'set' command");
    expiresAt = Number(when);
  }
  // A copy of the value: args point into the read buffer. A plain SET removes an earlier expiry.
  store.set(keyOf(key), { value: Buffer.from(value), expiresAt });
  return simple("OK");
}

function get(args) {
  return bulk(lookup(keyOf(args[1]))?.value); // undefined for a missing or expired key: $-1\r\n
}

// name -> [function, arity]. Like Valkey: a positive arity is the exact number of words
// (command name included), a negative one the minimum.
const COMMANDS = new Map([
  ["ping", [ping, -1]],
  ["echo", [echo, 2]],
  ["set", [set, -3]],
  ["get", [get, 2]],
]);

function wrongArity(name) {
  return error(`ERR wrong number of arguments for '${name}' command`);
}

function unknownCommand(args) {
  // Valkey quotes the name as sent, then each argument in '' followed by a space, and stops
  // listing arguments once about 128 bytes have been written. (latin1 maps bytes 1:1.)
  let listed = "";
  for (const arg of args.slice(1)) {
    if (listed.length >= 128) break;
    listed += `'${arg.subarray(0, 128 - listed.length).toString("latin1")}' `;
  }
  const name = args[0].subarray(0, 128).toString("latin1");
  return error(`ERR unknown command '${name}', with args beginning with: ${listed}`);
}

/** Run one command and return its reply (a Buffer). */
function execute(args) {
  const name = args[0].toString("latin1").toLowerCase(); // command names are case-insensitive
  const entry = COMMANDS.get(name);
  if (entry === undefined) return unknownCommand(args);
  const [command, arity] = entry;
  if ((arity > 0 && args.length !== arity) || args.length < -arity) return wrongArity(name);
  return command(args);
}

// --- connections -----------------------------------------------------------------------

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
        if (command.args.length > 0) replies.push(execute(command.args)); // *0\r\n is ignored
      }
      // One write for all the replies of this read, rather than many small ones.
      if (replies.length > 0) connection.write(Buffer.concat(replies));
    }
  } catch (problem) {
    // Not RESP: say so and hang up. Anything else (e.g. ECONNRESET) means the client vanished.
    if (problem instanceof ProtocolError) connection.end(error(`ERR Protocol error: ${problem.message}`));
  }
}

// Node.js calls serve() for every new client as soon as it connects. serve() is async: it
// returns (a promise) at its first `await`, so clients are served side by side.
const server = net.createServer(serve);

server.listen(6379, "127.0.0.1", () => {
  console.log("Listening on 127.0.0.1:6379");
});
